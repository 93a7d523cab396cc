import type { ActivityLinkSource } from "../accounts";
import { LeadPermission } from "./lead.permissions";
import { scopedLeads } from "./lead.service";

/** Activities logged on a lead show its company, to callers who may read leads and reach this one. */
export const leadActivityLink: ActivityLinkSource = {
  relatedType: "Lead",
  titles: async (ctx, ids) => {
    // The Scope opens a whole territory to service staff, who read activities but not leads.
    if (!ctx.permissions.has(ctx.viewer, LeadPermission.Read)) return new Map();
    const rows = await scopedLeads(ctx).select(["l.id", "l.company"]).andWhere("l.id IN (:...ids)", { ids: [...ids] }).getMany();
    return new Map(rows.map((lead) => [lead.id, lead.company]));
  },
};
