import { and } from "graphql-shield";
import { opportunityActivityLink } from "./opportunity-activity-link";
import type { CrmModule } from "../../src/modules/contract";
import { can, isAuthenticated } from "../../src/access/rules";
import { AccountPermission } from "../accounts";
import { followTransferredAccount } from "./account-transferred.handler";
import { seedOpportunitiesDemo } from "./demo.seed";
import { Opportunities1700000003000 } from "./migrations/1700000003000-opportunities";
import { Opportunity, OpportunityStageChange, PipelineStage } from "./opportunity.entity";
import { OpportunityPermission as P, opportunityGrants } from "./opportunity.permissions";
import { AccountOpportunitiesResolver, OpportunityResolver } from "./opportunity.resolver";
import { findOpportunity } from "./opportunity.service";

/** Opportunities, their stages and closing, and per-territory pipelines (PRODUCT.md, "Opportunities"). */
export const opportunitiesModule: CrmModule = {
  name: "opportunities",
  requires: ["accounts"],
  entities: [Opportunity, OpportunityStageChange, PipelineStage],
  resolvers: [OpportunityResolver, AccountOpportunitiesResolver],
  migrations: [Opportunities1700000003000],
  grants: opportunityGrants,
  rules: {
    Query: {
      opportunities: can(P.Read),
      opportunity: can(P.Read),
      pipelineStages: can(P.ReadPipeline),
    },
    Mutation: {
      createOpportunity: can(P.Write),
      updateOpportunity: can(P.Write),
      moveOpportunityStage: can(P.Write),
      requestClose: can(P.Write),
      confirmClose: can(P.ConfirmClose),
      rejectClose: can(P.ConfirmClose),
      // Logging takes reading the record too: the Scope alone opens a whole territory to service and marketing staff.
      logOpportunityActivity: and(can(AccountPermission.LogActivity), can(P.Read)),
      setStageProbability: can(P.ConfigurePipeline),
    },
    Opportunity: { "*": can(P.Read), activities: can(AccountPermission.ReadActivity) },
    OpportunityConnection: isAuthenticated,
    OpportunityEdge: isAuthenticated,
    OpportunityStageChange: can(P.Read),
    Attachment: can(P.Read),
    PipelineStage: can(P.ReadPipeline),
    Account: { opportunities: can(P.Read) },
  },
  seed: seedOpportunitiesDemo,
  contributes: { activityLinks: [opportunityActivityLink] },
  handlers: {
    "account.transferred": followTransferredAccount,
  },
  auditable: {
    Opportunity: async (ctx, id) => (await findOpportunity(ctx, id)) !== null,
  },
};

// The public API other modules may use.
export { Opportunity, OpportunityStage, OpportunityStatus } from "./opportunity.entity";
export { findOpportunity, insertOpportunity, moveOpportunityStageWithin, scopedOpportunities, winOpportunityWithin, type NewOpportunity } from "./opportunity.service";
export { opportunityById } from "./opportunity.loaders";
export { OpportunityPermission } from "./opportunity.permissions";
export { OpportunityReason } from "./opportunity.reasons";
export { activityClockChanges, isStale, staleBefore, whereStale, MONTHLY_ACTIVITY_DAYS } from "./monthly-activity";
