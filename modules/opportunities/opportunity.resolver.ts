import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Info } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, Activity, ActivityDetailsInput, accountById, activitiesByRelated } from "../accounts";
import { opportunitiesByAccount, stageChangesByOpportunity } from "./opportunity.loaders";
import { isStale } from "./monthly-activity";
import { CloseOutcome, Opportunity, OpportunityStage, OpportunityStageChange, PipelineStage } from "./opportunity.entity";
import { CreateOpportunityInput, OpportunityFilter, OpportunityOrder, UpdateOpportunityInput } from "./opportunity.inputs";
import * as opportunities from "./opportunity.service";
import * as pipeline from "./pipeline";
import { logOpportunityActivity } from "./record-activity";
import { rowsOf } from "../../src/db/rows";

export const { Connection: OpportunityConnection } = Connection(Opportunity);

rowsOf(Opportunity).reads({
  account: ["accountId"], owner: ["ownerId"], territory: ["territoryId"], closedBy: ["closedById"],
  stale: ["activityClockAt", "status"], stageHistory: [], activities: [],
});
rowsOf(Account).reads({ opportunities: [] });

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => OpportunityConnection, { description: "opportunities in the caller's reach, by keyset pages" })
  opportunities(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => OpportunityFilter, { nullable: true, description: "which opportunities; without it, every one in reach" }) filter?: OpportunityFilter,
    @Arg("orderBy", () => OpportunityOrder, { nullable: true, description: "the order; by creation, oldest first, when absent" }) orderBy?: OpportunityOrder,
  ) {
    return opportunities.listOpportunities(ctx, filter, orderBy, page, info);
  }

  @Query(() => Opportunity, { nullable: true, description: "null when it does not exist or is outside the caller's reach" })
  opportunity(@Arg("id", () => ID, { description: "the opportunity's id" }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Opportunity | null> {
    return opportunities.readOpportunity(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => Opportunity, {
    description:
      "creates an opportunity on an account in the caller's reach, owned by the caller. Refusals: BAD_USER_INPUT with field accountId when the account is archived; FAILED_PRECONDITION with reason IN_PUBLIC_POOL when a rep or manager uses an account of the public pool (claim it first)",
  })
  createOpportunity(@Arg("input", () => CreateOpportunityInput, { description: "the new opportunity and its account" }) input: CreateOpportunityInput, @Ctx() ctx: Context): Promise<Opportunity> {
    return opportunities.createOpportunity(ctx, input);
  }

  @Mutation(() => Opportunity, {
    description:
      "changes an OPEN opportunity, from the version read. Refusals: CONFLICT with reason ARCHIVED when the opportunity's account is archived, NOT_OPEN when it is not OPEN (a close is requested, or it is won or lost), STALE_VERSION (field version, currentVersion) when it is no longer at that version",
  })
  updateOpportunity(
    @Arg("id", () => ID, { description: "the opportunity, in the caller's reach (NOT_FOUND otherwise)" }) id: string,
    @Arg("version", () => Int, { description: "the opportunity's version as the caller read it" }) version: number,
    @Arg("input", () => UpdateOpportunityInput, { description: "the fields to change" }) input: UpdateOpportunityInput,
    @Ctx() ctx: Context,
  ): Promise<Opportunity> {
    return opportunities.updateOpportunity(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Opportunity, {
    description:
      "moves an open opportunity to another open stage; every move is recorded. Refusals: CONFLICT with reason ARCHIVED when the opportunity's account is archived, NOT_OPEN when it is not OPEN, ALREADY_DECIDED when it is already at that stage (field stage), STALE_VERSION when another write to it came in between",
  })
  moveOpportunityStage(
    @Arg("id", () => ID, { description: "the opportunity, in the caller's reach" }) id: string,
    @Arg("stage", () => OpportunityStage, { description: "the open stage to move to (not WON or LOST: BAD_USER_INPUT); the opportunity takes its probability" }) stage: OpportunityStage, @Ctx() ctx: Context): Promise<Opportunity> {
    return opportunities.moveOpportunityStage(ctx, parseId(id, "id"), stage);
  }

  @Mutation(() => Opportunity, {
    description:
      "the owner asks to close as WON or LOST (lostReason required for LOST); someone above them confirms. Refusals: FORBIDDEN with reason NOT_OWNER when the caller is not the owner; CONFLICT with reason ARCHIVED when the opportunity's account is archived, NOT_OPEN when it is not OPEN, STALE_VERSION when another write to it came in between",
  })
  requestClose(
    @Arg("id", () => ID, { description: "the caller's own OPEN opportunity" }) id: string,
    @Arg("outcome", () => CloseOutcome, { description: "WON or LOST" }) outcome: CloseOutcome,
    @Ctx() ctx: Context,
    @Arg("lostReason", () => String, { nullable: true, description: "why it was lost: required for LOST (at most 500 characters), refused for WON (BAD_USER_INPUT)" }) lostReason?: string,
  ): Promise<Opportunity> {
    return opportunities.requestClose(ctx, parseId(id, "id"), outcome, lostReason);
  }

  @Mutation(() => Opportunity, {
    description:
      "someone above the owner confirms a close request; only confirmed outcomes count in reports. Refusals: CONFLICT with reason ARCHIVED when the opportunity's account is archived, ALREADY_DECIDED when there is no close request to decide (none was made, or it was already confirmed or rejected), STALE_VERSION when another write to it came in between; FORBIDDEN with reason NOT_ABOVE_OWNER when the caller is not above the owner (nobody decides on their own request)",
  })
  confirmClose(@Arg("id", () => ID, { description: "a CLOSE_REQUESTED opportunity in the caller's reach" }) id: string, @Ctx() ctx: Context): Promise<Opportunity> {
    return opportunities.confirmClose(ctx, parseId(id, "id"));
  }

  @Mutation(() => Opportunity, {
    description:
      "someone above the owner sends a close request back; the opportunity is OPEN again. Refusals: CONFLICT with reason ARCHIVED when the opportunity's account is archived, ALREADY_DECIDED when there is no close request to decide, STALE_VERSION when another write to it came in between; FORBIDDEN with reason NOT_ABOVE_OWNER when the caller is not above the owner",
  })
  rejectClose(@Arg("id", () => ID, { description: "a CLOSE_REQUESTED opportunity in the caller's reach" }) id: string, @Ctx() ctx: Context): Promise<Opportunity> {
    return opportunities.rejectClose(ctx, parseId(id, "id"));
  }

  @Mutation(() => Activity, {
    description: "logs an activity against an opportunity; it counts as contact with its account too. Refusals: CONFLICT with reason ARCHIVED when the opportunity's account is archived",
  })
  logOpportunityActivity(
    @Arg("opportunityId", () => ID, { description: "the opportunity, in the caller's reach" }) opportunityId: string,
    @Arg("input", () => ActivityDetailsInput, { description: "the activity" }) input: ActivityDetailsInput,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    return logOpportunityActivity(ctx, parseId(opportunityId, "opportunityId"), input);
  }

  @Query(() => [PipelineStage], {
    description: "a territory's stages and probabilities, in pipeline order. Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in",
  })
  pipelineStages(@Arg("territoryId", () => ID, { description: "the territory: the caller's own (any, for executives)" }) territoryId: string, @Ctx() ctx: Context): Promise<PipelineStage[]> {
    return pipeline.territoryPipeline(ctx, territoryId);
  }

  @Mutation(() => [PipelineStage], {
    description:
      "sets a stage's probability for a territory; opportunities take it at their next stage move. Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in (a head acts in their own)",
  })
  setStageProbability(
    @Arg("territoryId", () => ID, { description: "the territory: a head's own (any, for executives)" }) territoryId: string,
    @Arg("stage", () => OpportunityStage, { description: "the stage to change" }) stage: OpportunityStage,
    @Arg("probability", () => Int, { description: "the new win probability in percent, 0 to 100 (BAD_USER_INPUT otherwise)" }) probability: number,
    @Ctx() ctx: Context,
  ): Promise<PipelineStage[]> {
    return pipeline.setStageProbability(ctx, territoryId, stage, probability);
  }

  @FieldResolver(() => Account, { nullable: true, description: "null when the account is outside the caller's reach" })
  account(@Root() opportunity: Opportunity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, accountById).load(opportunity.accountId, info);
  }

  @FieldResolver(() => User, { description: "who works the opportunity and answers for it" })
  owner(@Root() opportunity: Opportunity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, userById).load(opportunity.ownerId, info);
  }

  @FieldResolver(() => Territory, { description: "the territory it belongs to, its account's" })
  territory(@Root() opportunity: Opportunity, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(opportunity.territoryId);
  }

  @FieldResolver(() => User, { nullable: true, description: "the manager who confirmed the outcome" })
  closedBy(@Root() opportunity: Opportunity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return opportunity.closedById === null ? null : loader(ctx, userById).load(opportunity.closedById, info);
  }

  @FieldResolver(() => Boolean, { description: "open, and no activity for a month as of `asOf` (default now)" })
  stale(@Root() opportunity: Opportunity, @Arg("asOf", () => Date, { nullable: true, description: "the moment to judge at (UTC); default now" }) asOf?: Date): boolean {
    return isStale(opportunity.activityClockAt, opportunities.isOpen(opportunity), asOf ?? new Date());
  }

  @FieldResolver(() => [OpportunityStageChange], { description: "every stage change, oldest first" })
  stageHistory(@Root() opportunity: Opportunity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, stageChangesByOpportunity).load(opportunity.id, info);
  }

  @FieldResolver(() => [Activity], { description: "newest first" })
  activities(@Root() opportunity: Opportunity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, activitiesByRelated("Opportunity")).load(opportunity.id, info);
  }
}

/** `Account.opportunities`: the opportunities module extends the accounts module's type (ARCHITECTURE.md, "The module contract"). */
@Resolver(() => Account)
export class AccountOpportunitiesResolver {
  // Nullable so that a role without opportunity access gets FORBIDDEN here and keeps the rest of the account.
  @FieldResolver(() => [Opportunity], { nullable: true, description: "the account's opportunities in the caller's reach, newest first; null for roles that may not read opportunities" })
  opportunities(@Root() account: Account, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, opportunitiesByAccount).load(account.id, info);
  }
}
