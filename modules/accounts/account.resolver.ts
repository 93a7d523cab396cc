import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { badInput } from "../../src/errors";
import { loader, type Context } from "../../src/context";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account } from "./account.entity";
import { AccountFilter, AccountOrder, CreateAccountInput, UpdateAccountInput } from "./account.inputs";
import { contactsByAccount, recentActivitiesByAccount } from "./account.loaders";
import * as accounts from "./account.service";
import { Activity } from "./activity.entity";
import { Contact } from "./contact.entity";

export const { Connection: AccountConnection } = Connection(Account);

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection, { description: "accounts in the caller's reach, by keyset pages" })
  accounts(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg("filter", () => AccountFilter, { nullable: true }) filter?: AccountFilter,
    @Arg("orderBy", () => AccountOrder, { nullable: true }) orderBy?: AccountOrder,
  ) {
    return accounts.listAccounts(ctx, filter, orderBy, page);
  }

  @Query(() => Account, { nullable: true, description: "null when it does not exist or is outside the caller's reach" })
  account(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Account | null> {
    return accounts.findAccount(ctx, parseId(id, "id"));
  }

  @Mutation(() => Account)
  createAccount(@Arg("input", () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: Context): Promise<Account> {
    return accounts.createAccount(ctx, input);
  }

  @Mutation(() => Account)
  updateAccount(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return accounts.updateAccount(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Account)
  approveAccount(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.approveAccount(ctx, parseId(id, "id"));
  }

  @Mutation(() => Account)
  archiveAccount(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.archiveAccount(ctx, parseId(id, "id"));
  }

  @Mutation(() => Account)
  transferAccount(@Arg("id", () => ID) id: string, @Arg("ownerId", () => ID) ownerId: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.transferAccount(ctx, parseId(id, "id"), parseId(ownerId, "ownerId"));
  }

  @Mutation(() => Account)
  claimAccount(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.claimAccount(ctx, parseId(id, "id"));
  }

  @FieldResolver(() => Territory)
  territory(@Root() account: Account, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(account.territoryId);
  }

  @FieldResolver(() => User, { nullable: true, description: "null while the account is in the public pool" })
  owner(@Root() account: Account, @Ctx() ctx: Context) {
    return account.ownerId === null ? null : loader(ctx, userById).load(account.ownerId);
  }

  @FieldResolver(() => [Contact], { description: "key persons first" })
  contacts(@Root() account: Account, @Ctx() ctx: Context) {
    return loader(ctx, contactsByAccount).load(account.id);
  }

  // Nullable because roles without activity.read (partners) are refused it: a refused non-null list
  // would null the account, and with it the whole page.
  @FieldResolver(() => [Activity], { nullable: true, description: "the latest activities, newest first; null for roles that may not read them" })
  activities(@Root() account: Account, @Ctx() ctx: Context, @Arg("last", () => Int, { defaultValue: 20 }) last: number) {
    if (last < 1 || last > 100) throw badInput("last", "must be between 1 and 100");
    return loader(ctx, recentActivitiesByAccount(last)).load(account.id);
  }
}
