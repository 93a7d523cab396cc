import type { Grants } from "../../src/access/permissions";
import { Role } from "../../src/access/roles";

const { EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, MARKETER } = Role;

export const LeadPermission = {
  Read: "lead.read",
  ReadPrivate: "lead.private.read",
  Create: "lead.create",
  KeepOwn: "lead.keep-own",
  Import: "lead.import",
  Qualify: "lead.qualify",
  Disqualify: "lead.disqualify",
  Dispatch: "lead.dispatch",
  Assign: "lead.assign",
  AssignAcrossTerritories: "lead.assign.across-territories",
  Convert: "lead.convert",
  WatchAssignments: "lead.assignments.watch",
  ReadRules: "lead.rules.read",
  ManageRules: "lead.rules.manage",
} as const;

const SELLING = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER];
const SCREENING = [EXECUTIVE, TERRITORY_HEAD, BUSINESS_MANAGER, MARKETER];

/** Who may do what with leads; rows are further limited by Scope (opportunities: modules/opportunities). */
export const leadGrants: Grants = {
  [LeadPermission.Read]: [...SELLING, MARKETER],
  // A lead's e-mail and phone are contact details like a contact's: for those who call and screen.
  [LeadPermission.ReadPrivate]: [...SELLING, MARKETER],
  [LeadPermission.Create]: [...SELLING, MARKETER],
  // Who works leads themselves keeps a lead they enter in their own territory (ASSIGNED to them); the others' wait for dispatch.
  [LeadPermission.KeepOwn]: [SALES_MANAGER, SALES_REP],
  [LeadPermission.Import]: SCREENING,
  // Marketing screens leads, a business manager qualifies and dispatches them (PRODUCT.md, "Lead intake").
  [LeadPermission.Qualify]: SCREENING,
  [LeadPermission.Disqualify]: [...SELLING, MARKETER],
  [LeadPermission.Dispatch]: [EXECUTIVE, TERRITORY_HEAD, BUSINESS_MANAGER],
  [LeadPermission.Assign]: [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, BUSINESS_MANAGER],
  [LeadPermission.AssignAcrossTerritories]: [EXECUTIVE],
  [LeadPermission.Convert]: SELLING,
  // The new owner and the managers above them watch assignments live; Scope picks which.
  [LeadPermission.WatchAssignments]: SELLING,
  [LeadPermission.ReadRules]: [EXECUTIVE, TERRITORY_HEAD, BUSINESS_MANAGER],
  [LeadPermission.ManageRules]: [EXECUTIVE, TERRITORY_HEAD],
};
