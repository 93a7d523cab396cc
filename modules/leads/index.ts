import { and } from "graphql-shield";
import { leadActivityLink } from "./lead-activity-link";
import type { CrmModule } from "../../src/modules/contract";
import { can, anyone, isAuthenticated } from "../../src/access/rules";
import { AssignmentRule } from "./assignment-rule.entity";
import { AssignmentRuleResolver } from "./assignment-rule.resolver";
import { seedLeadsDemo } from "./demo.seed";
import { LeadAssignedResolver } from "./lead-assigned.resolver";
import { Lead } from "./lead.entity";
import { LeadPermission as P, leadGrants } from "./lead.permissions";
import { LeadResolver } from "./lead.resolver";
import { findLead } from "./lead.service";
import { Leads1700000002000 } from "./migrations/1700000002000-leads";
import { AccountPermission } from "../accounts";

/** Leads, their dispatch, live assignments and conversion (PRODUCT.md, "Leads and opportunities"). */
export const leadsModule: CrmModule = {
  name: "leads",
  requires: ["accounts", "opportunities"],
  entities: [Lead, AssignmentRule],
  resolvers: [LeadResolver, LeadAssignedResolver, AssignmentRuleResolver],
  migrations: [Leads1700000002000],
  grants: leadGrants,
  rules: {
    Query: {
      leads: can(P.Read),
      lead: can(P.Read),
      assignmentRules: can(P.ReadRules),
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
  },
  seed: seedLeadsDemo,
  contributes: { activityLinks: [leadActivityLink] },
  auditable: {
    Lead: async (ctx, id) => (await findLead(ctx, id)) !== null,
  },
};

// The public API other modules may use.
export { Lead, LeadChannel, LeadStatus } from "./lead.entity";
export { LEAD_ASSIGNED, type LeadAssignedEvent } from "./lead-assigned.event";
export { findLead, scopedLeads } from "./lead.service";
