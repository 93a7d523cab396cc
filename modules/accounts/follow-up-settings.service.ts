import type { Context } from "../../src/context";
import { requireTerritory } from "../../src/access/territory";
import { inTransaction } from "../../src/db/unit-of-work";
import { calendarDate } from "../../src/domain/calendar-date";
import { integerBetween } from "../../src/domain/integer";
import { requiredText } from "../../src/domain/text";
import { badInput, forbidden } from "../../src/errors";
import type { FollowUpPolicyInput } from "./account.inputs";
import { CareReminder, careReminders } from "./customer-care";
import { FollowUpPolicy } from "./follow-up-policy.entity";
import { policyOf } from "./follow-up.policy";
import { Holiday } from "./holiday.entity";

/** A territory's follow-up rule, as its head (their own) or a group-level user (any) configures it. */
export async function followUpPolicyOf(ctx: Context, territoryId: string): Promise<FollowUpPolicy> {
  return policyOf(ctx.db.manager, await requireTerritory(ctx, ctx.db.manager, territoryId));
}

/** Changes a territory's follow-up periods and claim limit; the periods must follow one another. Audited. */
export function setFollowUpPolicy(ctx: Context, territoryId: string, input: FollowUpPolicyInput): Promise<FollowUpPolicy> {
  if (input.warnSecondDays <= input.warnFirstDays) throw badInput("warnSecondDays", "must be later than warnFirstDays");
  if (input.reclaimDays <= input.warnSecondDays) throw badInput("reclaimDays", "must be later than warnSecondDays");
  return inTransaction(ctx, async (uow) => {
    const id = await requireTerritory(ctx, uow.manager, territoryId);
    const before = await policyOf(uow.manager, id);
    const policy = Object.assign(new FollowUpPolicy(), { territoryId: id, ...input });
    await uow.manager.save(policy);
    const changes = Object.fromEntries(
      (Object.keys(input) as (keyof FollowUpPolicyInput)[]).filter((k) => before[k] !== input[k]).map((k) => [k, { from: before[k], to: input[k] }]),
    );
    await uow.audit("FollowUpPolicy", id, "UPDATE", changes);
    return policy;
  });
}

/** Birthdays and holidays ahead for the caller's customers, `days` ahead (default: the territory's reminder days). */
export async function careRemindersFor(ctx: Context, days: number | null | undefined): Promise<CareReminder[]> {
  if (days !== undefined && days !== null) integerBetween(days, "days", 0, 60);
  const territoryId = ctx.viewer?.territoryId;
  const fallback = territoryId ? (await policyOf(ctx.db.manager, territoryId)).careReminderDays : undefined;
  return careReminders(ctx, days ?? fallback);
}

/** A holiday for one territory (its head, or a group-level user) or, without one, for the whole group (group-level users only). */
export function addHoliday(ctx: Context, name: string, date: string, territoryId: string | null | undefined): Promise<Holiday> {
  const holidayName = requiredText(name, "name", { max: 80 });
  calendarDate(date, "date");
  if (!territoryId && ctx.viewer!.territoryId !== null) throw forbidden("territoryId: a territory's user adds holidays for their own territory", { field: "territoryId" });
  return inTransaction(ctx, async (uow) => {
    const scopeId = territoryId ? await requireTerritory(ctx, uow.manager, territoryId) : null;
    const holiday = uow.manager.create(Holiday, { name: holidayName, date, territoryId: scopeId });
    await uow.manager.insert(Holiday, holiday);
    await uow.audit("Holiday", holiday.id, "CREATE", { name: { from: null, to: holiday.name }, date: { from: null, to: date } });
    return holiday;
  });
}
