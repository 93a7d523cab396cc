import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Info } from "type-graphql";
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
import { rowsOf } from "../../src/db/rows";

export const { Connection: AccountConnection } = Connection(Account);

/** What the computed fields below read from an account row (src/db/rows.ts). */
rowsOf(Account).reads({ territory: ["territoryId"], owner: ["ownerId"], contacts: [], activities: [] });

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection, { description: "accounts in the caller's reach, by keyset pages" })
  accounts(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => AccountFilter, { nullable: true, description: "which accounts; without it, every live (not archived) account in reach" }) filter?: AccountFilter,
    @Arg("orderBy", () => AccountOrder, { nullable: true, description: "the order; by name, ascending, when absent" }) orderBy?: AccountOrder,
  ) {
    return accounts.listAccounts(ctx, filter, orderBy, page, info);
  }

  @Query(() => Account, { nullable: true, description: "null when it does not exist or is outside the caller's reach" })
  account(@Arg("id", () => ID, { description: "the account's id" }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Account | null> {
    return accounts.readAccount(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => Account, {
    description:
      "creates an account in the caller's territory (an executive names any); a rep's waits for approval (PENDING). Refusals: CONFLICT with reason DUPLICATE (field name or registrationNo) when the normalised name or registration number is on file (first entered wins: the message names the owner inside the territory, only 'exists in another territory' outside it); FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for another territory",
  })
  createAccount(@Arg("input", () => CreateAccountInput, { description: "the new account" }) input: CreateAccountInput, @Ctx() ctx: Context): Promise<Account> {
    return accounts.createAccount(ctx, input);
  }

  @Mutation(() => Account, {
    description:
      "changes an account from the version read; each field needs its role's right (tier: managers; credit limit, terms and risk grade: finance, heads, executives). Refusals: CONFLICT with reason STALE_VERSION (field version, currentVersion) when it is no longer at that version, ARCHIVED when it is archived, DUPLICATE when the new name or registration number is on file; FAILED_PRECONDITION with reason IN_PUBLIC_POOL when a rep or manager changes an account of the public pool (claim it first)",
  })
  updateAccount(
    @Arg("id", () => ID, { description: "the account to change, in the caller's reach (NOT_FOUND otherwise)" }) id: string,
    @Arg("version", () => Int, { description: "the account's version as the caller read it" }) version: number,
    @Arg("input", () => UpdateAccountInput, { description: "the fields to change" }) input: UpdateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return accounts.updateAccount(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Account, {
    description:
      "approves a PENDING account (the owner's manager, the territory head or an executive). Refusals: CONFLICT with reason ALREADY_DECIDED when it is already approved, ARCHIVED when it is archived; FAILED_PRECONDITION with reason IN_PUBLIC_POOL for a rep or manager on a pool account",
  })
  approveAccount(@Arg("id", () => ID, { description: "the PENDING account, in the caller's reach" }) id: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.approveAccount(ctx, parseId(id, "id"));
  }

  @Mutation(() => Account, {
    description:
      "archives an account: it leaves the default lists and takes no more writes, nor do its contacts and activities. Refusals: CONFLICT with reason ALREADY_DECIDED when it is already archived; FAILED_PRECONDITION with reason IN_PUBLIC_POOL for a rep or manager on a pool account",
  })
  archiveAccount(@Arg("id", () => ID, { description: "the account, in the caller's reach" }) id: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.archiveAccount(ctx, parseId(id, "id"));
  }

  @Mutation(() => Account, {
    description:
      "gives an account to another active sales user: a manager within their team, a head within the territory, only an executive to another territory (the account's activities and open opportunities follow it). Refusals: CONFLICT with reason ALREADY_DECIDED (field ownerId) when that user owns it already, ARCHIVED when it is archived; FORBIDDEN with field ownerId and reason OUTSIDE_TERRITORY or OUTSIDE_TEAM; FAILED_PRECONDITION with reason IN_PUBLIC_POOL when a manager would take it out of the pool (claim it, or a head or executive transfers it)",
  })
  transferAccount(
    @Arg("id", () => ID, { description: "the account, in the caller's reach" }) id: string,
    @Arg("ownerId", () => ID, { description: "the new owner: a user of a territory in a selling role (SALES_REP, SALES_MANAGER, BUSINESS_MANAGER, TERRITORY_HEAD, EXECUTIVE), not frozen (BAD_USER_INPUT otherwise); a sales manager gives only within their team; a user of another territory only by an executive, and the account moves to that territory" }) ownerId: string,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return accounts.transferAccount(ctx, parseId(id, "id"), parseId(ownerId, "ownerId"));
  }

  @Mutation(() => Account, {
    description:
      "a rep takes an account from the territory's public pool. Refusals: CONFLICT with reason NOT_IN_POOL when it is not in the pool, CLAIM_LIMIT when the rep holds the territory's limit of claimed accounts (default 50), STALE_VERSION when another rep claimed it at the same moment, ARCHIVED when it is archived",
  })
  claimAccount(@Arg("id", () => ID, { description: "an account of the public pool of the rep's territory" }) id: string, @Ctx() ctx: Context): Promise<Account> {
    return accounts.claimAccount(ctx, parseId(id, "id"));
  }

  @FieldResolver(() => Territory, { description: "the territory the account belongs to; its records are visible only inside it" })
  territory(@Root() account: Account, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(account.territoryId);
  }

  @FieldResolver(() => User, { nullable: true, description: "null while the account is in the public pool" })
  owner(@Root() account: Account, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return account.ownerId === null ? null : loader(ctx, userById).load(account.ownerId, info);
  }

  @FieldResolver(() => [Contact], { description: "key persons first" })
  contacts(@Root() account: Account, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, contactsByAccount).load(account.id, info);
  }

  // Nullable because roles without activity.read (partners) are refused it: a refused non-null list
  // would null the account, and with it the whole page.
  @FieldResolver(() => [Activity], { nullable: true, description: "the latest activities, newest first; null for roles that may not read them" })
  activities(@Root() account: Account, @Ctx() ctx: Context, @Arg("last", () => Int, { defaultValue: 20, description: "how many of the latest activities, 1 to 100" }) last: number, @Info() info: GraphQLResolveInfo) {
    if (last < 1 || last > 100) throw badInput("last", "must be between 1 and 100");
    return loader(ctx, recentActivitiesByAccount(last)).load(account.id, info);
  }
}
