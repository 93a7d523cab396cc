import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Info } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { AssignmentRule } from "./assignment-rule.entity";
import * as rules from "./assignment-rule.service";
import { AssignmentRuleInput } from "./lead.inputs";

@Resolver(() => AssignmentRule)
export class AssignmentRuleResolver {
  @Query(() => [AssignmentRule], { description: "the lead assignment rules of the caller's territory (executives: all, or one territory)" })
  assignmentRules(
    @Ctx() ctx: Context,
    @Arg("territoryId", () => ID, { nullable: true, description: "only this territory's rules; a territory the caller does not act in gives an empty list" }) territoryId?: string): Promise<AssignmentRule[]> {
    return rules.listAssignmentRules(ctx, territoryId ? parseId(territoryId, "territoryId") : undefined);
  }

  @Mutation(() => AssignmentRule, {
    description:
      "adds a rule to a territory's lead dispatch (default: the caller's territory). Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in (a head acts in their own)",
  })
  createAssignmentRule(@Arg("input", () => AssignmentRuleInput, { description: "the new rule" }) input: AssignmentRuleInput, @Ctx() ctx: Context): Promise<AssignmentRule> {
    return rules.createAssignmentRule(ctx, input);
  }

  @Mutation(() => AssignmentRule, {
    description:
      "changes a rule, from the version read. Refusals: NOT_FOUND for a rule of a territory the caller does not act in; FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY when moving it to such a territory; CONFLICT with reason STALE_VERSION (field version, currentVersion) when the rule is no longer at that version",
  })
  updateAssignmentRule(
    @Arg("id", () => ID, { description: "the rule to change" }) id: string,
    @Arg("version", () => Int, { description: "the rule's version as the caller read it" }) version: number,
    @Arg("input", () => AssignmentRuleInput, { description: "the whole rule as it should be: an absent region or industry means any, an absent priority 100, an absent territory the rule's own" }) input: AssignmentRuleInput,
    @Ctx() ctx: Context,
  ): Promise<AssignmentRule> {
    return rules.updateAssignmentRule(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Boolean, { description: "removes a rule. Refusals: NOT_FOUND for a rule of a territory the caller does not act in" })
  deleteAssignmentRule(@Arg("id", () => ID, { description: "the rule to remove" }) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return rules.deleteAssignmentRule(ctx, parseId(id, "id"));
  }

  @FieldResolver(() => Territory, { description: "the territory whose leads the rule dispatches" })
  territory(@Root() rule: AssignmentRule, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(rule.territoryId);
  }

  @FieldResolver(() => User, { nullable: true, description: "the user who gets the leads" })
  user(@Root() rule: AssignmentRule, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return rule.userId === null ? null : loader(ctx, userById).load(rule.userId, info);
  }

  @FieldResolver(() => User, { nullable: true, description: "or: the manager whose reps get the leads in turn" })
  teamManager(@Root() rule: AssignmentRule, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return rule.teamManagerId === null ? null : loader(ctx, userById).load(rule.teamManagerId, info);
  }
}
