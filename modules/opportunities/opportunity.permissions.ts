import type { Grants } from "../../src/access/permissions";
import { Role } from "../../src/access/roles";

const { EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE, MARKETER } = Role;

export const OpportunityPermission = {
  Read: "opportunity.read",
  Write: "opportunity.write",
  ConfirmClose: "opportunity.close.confirm",
  ReadPipeline: "pipeline.read",
  ConfigurePipeline: "pipeline.configure",
} as const;

const SELLING = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER];

/** Who may do what with opportunities and pipelines; rows are further limited by Scope. */
export const opportunityGrants: Grants = {
  [OpportunityPermission.Read]: [...SELLING, FINANCE],
  [OpportunityPermission.Write]: SELLING,
  [OpportunityPermission.ConfirmClose]: [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER],
  [OpportunityPermission.ReadPipeline]: [...SELLING, FINANCE, MARKETER],
  [OpportunityPermission.ConfigurePipeline]: [EXECUTIVE, TERRITORY_HEAD],
};
