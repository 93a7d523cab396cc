import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/context";
import { FollowUpPolicy } from "./follow-up-policy.entity";
import { Holiday } from "./holiday.entity";
import { FollowUpPolicyInput } from "./account.inputs";
import { CareReminder } from "./customer-care";
import { runFollowUpSweep } from "./follow-up";
import * as settings from "./follow-up-settings.service";

@ObjectType({ description: "What one run of the follow-up rule changed, over every territory" })
class FollowUpSweepResult {
  @Field(() => Date, { description: "the moment the rule was applied as of (UTC)" })
  asOf: Date;

  @Field(() => Int, { description: "accounts newly flagged WARN_30" })
  warned30: number;

  @Field(() => Int, { description: "accounts newly flagged WARN_60" })
  warned60: number;

  @Field(() => Int, { description: "accounts reclaimed into their territory's public pool (owner cleared, previous owner recorded)" })
  reclaimed: number;

  @Field(() => Int, { description: "flags cleared because the account had activity again" })
  cleared: number;
}

@Resolver()
export class FollowUpResolver {
  @Mutation(() => FollowUpSweepResult, { description: "runs the follow-up rule as of a moment (operators and tests); the periodic job runs it too" })
  async runFollowUpSweep(@Arg("asOf", () => Date, { description: "the moment to apply the rule as of (UTC): now or in the past, never later than now (BAD_USER_INPUT)" }) asOf: Date, @Ctx() ctx: Context): Promise<FollowUpSweepResult> {
    return { asOf, ...(await runFollowUpSweep(ctx, asOf)) };
  }

  @Query(() => FollowUpPolicy, { description: "a territory's follow-up rule: heads read their own, executives and system admins any" })
  followUpPolicy(@Arg("territoryId", () => ID, { description: "the territory; a head names their own (FORBIDDEN otherwise)" }) territoryId: string, @Ctx() ctx: Context): Promise<FollowUpPolicy> {
    return settings.followUpPolicyOf(ctx, territoryId);
  }

  @Mutation(() => FollowUpPolicy, { description: "changes a territory's follow-up periods and claim limit (days must grow: first warning < second < reclaim); audited" })
  setFollowUpPolicy(
    @Arg("territoryId", () => ID, { description: "the territory; a head names their own (FORBIDDEN otherwise)" }) territoryId: string,
    @Arg("input", () => FollowUpPolicyInput, { description: "the whole new rule; it replaces the old one" }) input: FollowUpPolicyInput,
    @Ctx() ctx: Context,
  ): Promise<FollowUpPolicy> {
    return settings.setFollowUpPolicy(ctx, territoryId, input);
  }

  @Query(() => [CareReminder], { description: "birthdays and holidays ahead for the caller's customers (default: the territory's reminder days)" })
  careReminders(@Ctx() ctx: Context, @Arg("days", () => Int, { nullable: true, description: "how many days ahead, 0 to 60 (0: today only); default the caller's territory's careReminderDays (7)" }) days?: number): Promise<CareReminder[]> {
    return settings.careRemindersFor(ctx, days);
  }

  @Mutation(() => Holiday, { description: "adds a holiday to the care reminders: of one territory, or of the whole group (executives and system admins)" })
  addHoliday(
    @Arg("name", () => String, { description: "the holiday's name, 1 to 80 characters" }) name: string,
    @Arg("date", () => String, { description: "the day, YYYY-MM-DD" }) date: string,
    @Ctx() ctx: Context,
    @Arg("territoryId", () => ID, {
      nullable: true,
      description: "the territory it is for (a head: their own); absent: the whole group, which only users without a territory (executives, system admins) may add (FORBIDDEN otherwise)",
    })
    territoryId?: string,
  ): Promise<Holiday> {
    return settings.addHoliday(ctx, name, date, territoryId);
  }
}
