import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { conflict } from "../../src/errors";
import { AccountPermission, recordActivity, type Activity, type ActivityDetailsInput } from "../accounts";
import { activityClockChanges } from "../opportunities";
import { Lead } from "./lead.entity";
import { LeadPermission } from "./lead.permissions";
import { LeadReason } from "./lead.reasons";
import { requireLead } from "./lead.service";


/** Logs an activity against a lead (through the accounts module's activities; a lead has no account yet). */
export function logLeadActivity(ctx: Context, leadId: number, input: ActivityDetailsInput): Promise<Activity> {
  // Reading leads too: service and marketing staff log activities and reach their whole territory, not every lead in it.
  ctx.permissions.require(ctx.viewer, AccountPermission.LogActivity, LeadPermission.Read);
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, leadId);
    if (lead.territoryId === null) throw conflict(`Lead ${leadId} is not routed to a territory yet; assign it first`, { reason: LeadReason.NotRouted });
    const activity = await recordActivity(ctx, uow, input, { account: null, territoryId: lead.territoryId, relatedType: "Lead", relatedId: lead.id });
    const clock = activityClockChanges(lead, activity.doneAt);
    // Not a versioned edit: the activity clock only moves forward, whoever logs.
    if (clock) await uow.manager.update(Lead, { id: lead.id }, clock);
    return activity;
  });
}
