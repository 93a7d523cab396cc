import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { notFound } from "../../src/errors";
import { Account, AccountPermission, recordActivity, type Activity, type ActivityDetailsInput } from "../accounts";
import { activityClockChanges } from "./monthly-activity";
import { Opportunity } from "./opportunity.entity";
import { OpportunityPermission } from "./opportunity.permissions";
import { findOpportunity } from "./opportunity.service";


/** Logs an activity against an opportunity; it counts as contact with the opportunity's account too. */
export function logOpportunityActivity(ctx: Context, opportunityId: number, input: ActivityDetailsInput): Promise<Activity> {
  // Reading opportunities too: service and marketing staff log activities and reach their whole territory, not every opportunity in it.
  ctx.permissions.require(ctx.viewer, AccountPermission.LogActivity, OpportunityPermission.Read);
  return inTransaction(ctx, async (uow) => {
    const opportunity = await findOpportunity(ctx, opportunityId, uow.manager);
    if (!opportunity) throw notFound("Opportunity", opportunityId);
    // The account may be outside the caller's reach (someone else's customer); the contact time is kept all the same.
    const account = await uow.manager.findOneBy(Account, { id: opportunity.accountId });
    const activity = await recordActivity(ctx, uow, input, { account, territoryId: opportunity.territoryId, relatedType: "Opportunity", relatedId: opportunity.id });
    const clock = activityClockChanges(opportunity, activity.doneAt);
    if (clock) await uow.manager.update(Opportunity, { id: opportunity.id }, clock);
    return activity;
  });
}
