import { and } from "graphql-shield";
import type { CrmModule } from "../../src/modules/contract";
import { can, anyone, isAuthenticated } from "../../src/access/rules";
import { AssignmentRule } from "./assignment-rule.entity";
import { AssignmentRuleResolver } from "./assignment-rule.resolver";
import { LeadAssignedResolver } from "./lead-assigned.resolver";
import { Lead } from "./lead.entity";
import { LeadPermission as P, leadGrants } from "./lead.permissions";
import { LeadResolver } from "./lead.resolver";
import { findLead } from "./lead.service";
import { Leads1700000002000 } from "./migrations/1700000002000-leads";
import { Opportunity, OpportunityStageChange, PipelineStage } from "./opportunity.entity";
import { AccountOpportunitiesResolver, OpportunityResolver } from "./opportunity.resolver";
import { findOpportunity } from "./opportunity.service";
import { AccountPermission } from "../accounts";

/** Leads, their dispatch and live assignments, and opportunities (PRODUCT.md, "Leads and opportunities"). */
export const leadsModule: CrmModule = {
  name: "leads",
  requires: ["accounts"],
  entities: [Lead, AssignmentRule, Opportunity, OpportunityStageChange, PipelineStage],
  resolvers: [LeadResolver, LeadAssignedResolver, AssignmentRuleResolver, OpportunityResolver, AccountOpportunitiesResolver],
  migrations: [Leads1700000002000],
  grants: leadGrants,
  rules: {
    Query: {
      leads: can(P.Read),
      lead: can(P.Read),
      assignmentRules: can(P.ReadRules),
      opportunities: can(P.ReadOpportunity),
      opportunity: can(P.ReadOpportunity),
      pipelineStages: can(P.ReadPipeline),
    },
    Mutation: {
      // The public web form: anyone, limited per client address in the service.
      submitWebLead: anyone,
      createLead: can(P.Create),
      importLeads: can(P.Import),
      qualifyLead: can(P.Qualify),
      disqualifyLead: can(P.Disqualify),
      dispatchLead: can(P.Dispatch),
      assignLead: can(P.Assign),
      convertLead: can(P.Convert),
      // Logging takes reading the record too: the Scope alone opens a whole territory to service and marketing staff.
      logLeadActivity: and(can(AccountPermission.LogActivity), can(P.Read)),
      createAssignmentRule: can(P.ManageRules),
      updateAssignmentRule: can(P.ManageRules),
      deleteAssignmentRule: can(P.ManageRules),
      createOpportunity: can(P.WriteOpportunity),
      updateOpportunity: can(P.WriteOpportunity),
      moveOpportunityStage: can(P.WriteOpportunity),
      requestClose: can(P.WriteOpportunity),
      confirmClose: can(P.ConfirmClose),
      rejectClose: can(P.ConfirmClose),
      logOpportunityActivity: and(can(AccountPermission.LogActivity), can(P.ReadOpportunity)),
      setStageProbability: can(P.ConfigurePipeline),
    },
    Subscription: {
      leadAssigned: can(P.WatchAssignments),
    },
    Lead: { "*": can(P.Read), email: can(P.ReadPrivate), phone: can(P.ReadPrivate), activities: can(AccountPermission.ReadActivity) },
    LeadConnection: isAuthenticated,
    LeadEdge: isAuthenticated,
    WebLeadReceipt: anyone,
    ImportLeadsResult: can(P.Import),
    ImportLeadRow: can(P.Import),
    ImportRowError: can(P.Import),
    LeadConversion: can(P.Convert),
    LeadAssignment: can(P.WatchAssignments),
    AssignmentRule: can(P.ReadRules),
    Opportunity: { "*": can(P.ReadOpportunity), activities: can(AccountPermission.ReadActivity) },
    OpportunityConnection: isAuthenticated,
    OpportunityEdge: isAuthenticated,
    OpportunityStageChange: can(P.ReadOpportunity),
    Attachment: can(P.ReadOpportunity),
    PipelineStage: can(P.ReadPipeline),
    Account: { opportunities: can(P.ReadOpportunity) },
  },
  auditable: {
    Lead: async (ctx, id) => (await findLead(ctx, id)) !== null,
    Opportunity: async (ctx, id) => (await findOpportunity(ctx, id)) !== null,
  },
};

// The public API other modules may use.
export { Lead, LeadChannel, LeadStatus } from "./lead.entity";
export { Opportunity, OpportunityStage, OpportunityStatus } from "./opportunity.entity";
export { LEAD_ASSIGNED, type LeadAssignedEvent } from "./lead-assigned.event";
export { findLead, scopedLeads } from "./lead.service";
export { findOpportunity, scopedOpportunities } from "./opportunity.service";
