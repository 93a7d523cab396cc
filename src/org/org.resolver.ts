import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from "type-graphql";
import type { Context } from "../context";
import { loader } from "../context";
import { parseId } from "../graphql/ids";
import { Territory } from "./territory.entity";
import { User } from "./user.entity";
import { territoryById, userById } from "./org.loaders";
import { freezeUser, listTerritories, listUsers } from "./user.service";
import { rowsOf } from "../db/rows";

rowsOf(User).reads({ territory: ["territoryId"], manager: ["managerId"] });

@Resolver(() => User)
export class OrgResolver {
  @Query(() => User, { nullable: true, description: "the logged-in user; null when anonymous or called with an API key" })
  viewer(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return ctx.viewer?.kind === "user" ? loader(ctx, userById).load(ctx.viewer.id, info) : null;
  }

  @Query(() => [Territory], { description: "every territory of the group, by code; any authenticated caller (a user or a partner key)" })
  territories(@Ctx() ctx: Context): Promise<Territory[]> {
    return listTerritories(ctx);
  }

  @Query(() => [User], { description: "users of the caller's territory (every territory for executives and system admins)" })
  users(@Ctx() ctx: Context, @Arg("territoryId", () => ID, { nullable: true, description: "only the users of this territory (an empty list for a territory the caller may not list)" }) territoryId?: string): Promise<User[]> {
    return listUsers(ctx, territoryId === undefined ? undefined : parseId(territoryId, "territoryId"));
  }

  @Mutation(() => User, {
    description:
      "Freezes a user at once: their tokens are refused from the next request and their open WebSocket connections close (code 4403); their records stay theirs until a manager transfers them. Audited. Territory admins freeze users of their own territory, system admins anyone. NOT_FOUND for an unknown user (or one of another territory, for a territory admin), FORBIDDEN for oneself, CONFLICT when already frozen",
  })
  freezeUser(@Arg("id", () => ID, { description: "the user to freeze" }) id: string, @Ctx() ctx: Context): Promise<User> {
    return freezeUser(ctx, parseId(id, "id"));
  }

  @FieldResolver(() => Territory, { nullable: true, description: "the user's home territory; null for a user without one (group-level staff such as system admins)" })
  territory(@Root() user: User, @Ctx() ctx: Context) {
    return user.territoryId === null ? null : loader(ctx, territoryById).load(user.territoryId);
  }

  @FieldResolver(() => User, { nullable: true, description: "the user they report to (a sales rep's sales manager); null when they report to no one" })
  manager(@Root() user: User, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return user.managerId === null ? null : loader(ctx, userById).load(user.managerId, info);
  }
}
