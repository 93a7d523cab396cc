import type { ActivityLinkSource } from "../accounts";
import { OpportunityPermission } from "./opportunity.permissions";
import { scopedOpportunities } from "./opportunity.service";

/** Activities logged on an opportunity show its name, to callers who may read opportunities and reach this one. */
export const opportunityActivityLink: ActivityLinkSource = {
  relatedType: "Opportunity",
  titles: async (ctx, ids) => {
    // The Scope opens a whole territory to service and marketing staff, who read activities but not opportunities.
    if (!ctx.permissions.has(ctx.viewer, OpportunityPermission.Read)) return new Map();
    const rows = await scopedOpportunities(ctx).select(["o.id", "o.name"]).andWhere("o.id IN (:...ids)", { ids: [...ids] }).getMany();
    return new Map(rows.map((opportunity) => [opportunity.id, opportunity.name]));
  },
};
