import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { badInput, forbidden } from "../../src/errors";
import { parseId } from "../../src/graphql/ids";
import { Role } from "../../src/access/roles";
import { Territory } from "../../src/org/territory.entity";
import { FollowUpPolicy, Holiday } from "./care.entity";
import { FollowUpPolicyInput } from "./account.inputs";
import { CareReminder, careReminders } from "./customer-care";
import { runFollowUpSweep } from "./follow-up";
import { policyOf } from "./follow-up.policy";

@ObjectType()
class FollowUpSweepResult {
  @Field(() => Date)
  asOf: Date;

  @Field(() => Int)
  warned30: number;

  @Field(() => Int)
  warned60: number;

  @Field(() => Int)
  reclaimed: number;

  @Field(() => Int, { description: "flags cleared because the account had activity again" })
  cleared: number;
}

function territoryFor(ctx: Context, territoryId: string): number {
  const id = parseId(territoryId, "territoryId");
  const viewer = ctx.viewer!;
  if (viewer.role === Role.TERRITORY_HEAD && viewer.territoryId !== id) throw forbidden("territoryId: a head configures their own territory");
  return id;
}

@Resolver()
export class FollowUpResolver {
  @Mutation(() => FollowUpSweepResult, { description: "runs the follow-up rule as of a moment (operators and tests); the periodic job runs it too" })
  async runFollowUpSweep(@Arg("asOf", () => Date) asOf: Date, @Ctx() ctx: Context): Promise<FollowUpSweepResult> {
    return { asOf, ...(await runFollowUpSweep(ctx, asOf)) };
  }

  @Query(() => FollowUpPolicy)
  followUpPolicy(@Arg("territoryId", () => ID) territoryId: string, @Ctx() ctx: Context): Promise<FollowUpPolicy> {
    return policyOf(ctx.db.manager, territoryFor(ctx, territoryId));
  }

  @Mutation(() => FollowUpPolicy)
  setFollowUpPolicy(
    @Arg("territoryId", () => ID) territoryId: string,
    @Arg("input", () => FollowUpPolicyInput) input: FollowUpPolicyInput,
    @Ctx() ctx: Context,
  ): Promise<FollowUpPolicy> {
    const id = territoryFor(ctx, territoryId);
    if (input.warnSecondDays <= input.warnFirstDays) throw badInput("warnSecondDays", "must be later than warnFirstDays");
    if (input.reclaimDays <= input.warnSecondDays) throw badInput("reclaimDays", "must be later than warnSecondDays");
    return inTransaction(ctx, async (uow) => {
      if (!(await uow.manager.existsBy(Territory, { id }))) throw badInput("territoryId", `territory ${id} does not exist`);
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

  @Query(() => [CareReminder], { description: "birthdays and holidays ahead for the caller's customers (default: the territory's reminder days)" })
  async careReminders(@Ctx() ctx: Context, @Arg("days", () => Int, { nullable: true }) days?: number): Promise<CareReminder[]> {
    if (days !== undefined && days !== null && (days < 0 || days > 60)) throw badInput("days", "must be between 0 and 60");
    const territoryId = ctx.viewer?.territoryId;
    const fallback = territoryId ? (await policyOf(ctx.db.manager, territoryId)).careReminderDays : undefined;
    return careReminders(ctx, days ?? fallback);
  }

  @Mutation(() => Holiday)
  addHoliday(
    @Arg("name", () => String) name: string,
    @Arg("date", () => String) date: string,
    @Ctx() ctx: Context,
    @Arg("territoryId", () => ID, { nullable: true }) territoryId?: string,
  ): Promise<Holiday> {
    if (name.trim() === "" || name.length > 80) throw badInput("name", "must be 1 to 80 characters");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw badInput("date", "must be a date as YYYY-MM-DD");
    const scopeId = territoryId ? territoryFor(ctx, territoryId) : null;
    if (scopeId === null && ctx.viewer!.role === Role.TERRITORY_HEAD) throw forbidden("territoryId: a head adds holidays for their own territory");
    return inTransaction(ctx, async (uow) => {
      const holiday = uow.manager.create(Holiday, { name: name.trim(), date, territoryId: scopeId });
      await uow.manager.insert(Holiday, holiday);
      await uow.audit("Holiday", holiday.id, "CREATE", { name: { from: null, to: holiday.name }, date: { from: null, to: date } });
      return holiday;
    });
  }
}
