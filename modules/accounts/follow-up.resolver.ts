import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../src/context";
import { FollowUpPolicy } from "./follow-up-policy.entity";
import { Holiday } from "./holiday.entity";
import { FollowUpPolicyInput } from "./account.inputs";
import { CareReminder } from "./customer-care";
import { runFollowUpSweep } from "./follow-up";
import * as settings from "./follow-up-settings.service";

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

@Resolver()
export class FollowUpResolver {
  @Mutation(() => FollowUpSweepResult, { description: "runs the follow-up rule as of a moment (operators and tests); the periodic job runs it too" })
  async runFollowUpSweep(@Arg("asOf", () => Date) asOf: Date, @Ctx() ctx: Context): Promise<FollowUpSweepResult> {
    return { asOf, ...(await runFollowUpSweep(ctx, asOf)) };
  }

  @Query(() => FollowUpPolicy, { description: "a territory's follow-up rule: heads read their own, executives and system admins any" })
  followUpPolicy(@Arg("territoryId", () => ID) territoryId: string, @Ctx() ctx: Context): Promise<FollowUpPolicy> {
    return settings.followUpPolicyOf(ctx, territoryId);
  }

  @Mutation(() => FollowUpPolicy, { description: "changes a territory's follow-up periods and claim limit (days must grow: first warning < second < reclaim); audited" })
  setFollowUpPolicy(
    @Arg("territoryId", () => ID) territoryId: string,
    @Arg("input", () => FollowUpPolicyInput) input: FollowUpPolicyInput,
    @Ctx() ctx: Context,
  ): Promise<FollowUpPolicy> {
    return settings.setFollowUpPolicy(ctx, territoryId, input);
  }

  @Query(() => [CareReminder], { description: "birthdays and holidays ahead for the caller's customers (default: the territory's reminder days)" })
  careReminders(@Ctx() ctx: Context, @Arg("days", () => Int, { nullable: true }) days?: number): Promise<CareReminder[]> {
    return settings.careRemindersFor(ctx, days);
  }

  @Mutation(() => Holiday, { description: "adds a holiday to the care reminders: of one territory, or of the whole group (executives and system admins)" })
  addHoliday(
    @Arg("name", () => String) name: string,
    @Arg("date", () => String) date: string,
    @Ctx() ctx: Context,
    @Arg("territoryId", () => ID, { nullable: true }) territoryId?: string,
  ): Promise<Holiday> {
    return settings.addHoliday(ctx, name, date, territoryId);
  }
}
