import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { conflict, forbidden, notFound } from "../../src/errors";
import { Account, AccountPermission, recordActivity, type Activity, type ActivityDetailsInput } from "../accounts";
import { Lead } from "./lead.entity";
import { LeadPermission } from "./lead.permissions";
import { requireLead } from "./lead.service";
import { Opportunity } from "./opportunity.entity";
import { findOpportunity } from "./opportunity.service";

/** A done activity moves a record's monthly-activity clock forward, never back. */
function clockChanges(record: { activityClockAt: Date; lastActivityAt: Date | null }, doneAt: Date | null) {
  if (!doneAt) return null;
  return {
    lastActivityAt: record.lastActivityAt && record.lastActivityAt > doneAt ? record.lastActivityAt : doneAt,
    activityClockAt: record.activityClockAt > doneAt ? record.activityClockAt : doneAt,
  };
}

/**
 * Logging against a record takes the right to read that kind of record as well as to log: service and
 * marketing staff log activities and reach their whole territory, but not every lead or opportunity in it.
 */
function assertMayLogOn(ctx: Context, readPermission: string): void {
  for (const permission of [AccountPermission.LogActivity, readPermission]) {
    if (!ctx.permissions.has(ctx.viewer, permission)) throw forbidden(`Not allowed: your role lacks the permission "${permission}"`);
  }
}

/** Logs an activity against a lead (through the accounts module's activities; a lead has no account yet). */
export function logLeadActivity(ctx: Context, leadId: number, input: ActivityDetailsInput): Promise<Activity> {
  assertMayLogOn(ctx, LeadPermission.Read);
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, leadId);
    if (lead.territoryId === null) throw conflict(`Lead ${leadId} is not routed to a territory yet; assign it first`);
    const activity = await recordActivity(ctx, uow, input, { account: null, territoryId: lead.territoryId, relatedType: "Lead", relatedId: lead.id });
    const clock = clockChanges(lead, activity.doneAt);
    // Not a versioned edit: the activity clock only moves forward, whoever logs.
    if (clock) await uow.manager.update(Lead, { id: lead.id }, clock);
    return activity;
  });
}

/** Logs an activity against an opportunity; it counts as contact with the opportunity's account too. */
export function logOpportunityActivity(ctx: Context, opportunityId: number, input: ActivityDetailsInput): Promise<Activity> {
  assertMayLogOn(ctx, LeadPermission.ReadOpportunity);
  return inTransaction(ctx, async (uow) => {
    const opportunity = await findOpportunity(ctx, opportunityId, uow.manager);
    if (!opportunity) throw notFound("Opportunity", opportunityId);
    // The account may be outside the caller's reach (someone else's customer); the contact time is kept all the same.
    const account = await uow.manager.findOneBy(Account, { id: opportunity.accountId });
    const activity = await recordActivity(ctx, uow, input, { account, territoryId: opportunity.territoryId, relatedType: "Opportunity", relatedId: opportunity.id });
    const clock = clockChanges(opportunity, activity.doneAt);
    if (clock) await uow.manager.update(Opportunity, { id: opportunity.id }, clock);
    return activity;
  });
}
