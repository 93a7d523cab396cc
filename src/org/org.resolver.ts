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

  @Query(() => [Territory])
  territories(@Ctx() ctx: Context): Promise<Territory[]> {
    return listTerritories(ctx);
  }

  @Query(() => [User], { description: "users of the caller's territory (every territory for executives and system admins)" })
  users(@Ctx() ctx: Context, @Arg("territoryId", () => ID, { nullable: true }) territoryId?: string): Promise<User[]> {
    return listUsers(ctx, territoryId === undefined ? undefined : parseId(territoryId, "territoryId"));
  }

  @Mutation(() => User)
  freezeUser(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    return freezeUser(ctx, parseId(id, "id"));
  }

  @FieldResolver(() => Territory, { nullable: true })
  territory(@Root() user: User, @Ctx() ctx: Context) {
    return user.territoryId === null ? null : loader(ctx, territoryById).load(user.territoryId);
  }

  @FieldResolver(() => User, { nullable: true })
  manager(@Root() user: User, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return user.managerId === null ? null : loader(ctx, userById).load(user.managerId, info);
  }
}
