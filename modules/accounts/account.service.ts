import type { EntityManager } from "typeorm";
import { requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { listPage, type ListSpec } from "../../src/db/list";
import { scopedRecords } from "../../src/db/scoped-records";
import { parseId } from "../../src/graphql/ids";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { money } from "../../src/domain/money";
import { problem } from "../../src/domain/problems";
import { cleanText, optionalText } from "../../src/domain/text";
import { badInput, conflict, forbidden, refused } from "../../src/errors";
import type { SelectionInfo } from "../../src/graphql/selection";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { assertAssignableOwner } from "../../src/org/assignable-owner";
import { User } from "../../src/org/user.entity";
import { Account, AccountStatus, ApprovalStatus, FollowUpState, Tier } from "./account.entity";
import { AccountOrderField, type AccountFilter, type AccountOrder, type CreateAccountInput, type UpdateAccountInput } from "./account.inputs";
import { normaliseAccountName, normaliseRegistrationNo } from "./account-name";
import { AccountPermission } from "./account.permissions";
import { AccountReason } from "./account.reasons";
import { Activity } from "./activity.entity";
import { assertNoDuplicate, duplicateError, isUniqueViolation } from "./duplicates";
import { policyOf } from "./follow-up.policy";

export const ACCOUNT_SCOPE = { territory: "territoryId", owner: "ownerId", pool: "inPublicPool" } as const;

const AUDITED: (keyof Account)[] = [
  "name", "registrationNo", "status", "approvalStatus", "tier", "industry", "region", "territoryId", "ownerId",
  "creditLimit", "creditTermsDays", "riskGrade", "inPublicPool", "archivedAt",
];

/** Accounts in the viewer's reach: the query, one by id (null outside the reach), one by id or NOT_FOUND. */
export const { scoped: scopedAccounts, find: findAccount, require: requireAccount, read: readAccount } = scopedRecords(Account, "a", ACCOUNT_SCOPE, "Account");

/**
 * The one archived rule: an archived account, and whatever hangs off it (contacts, activities, other
 * modules' records of it), takes no more writes: CONFLICT, reason ARCHIVED.
 */
export function assertNotArchived(account: Account): Account {
  if (account.archivedAt) throw conflict(`Account ${account.id} is archived`, { reason: AccountReason.Archived });
  return account;
}

/**
 * Refuses any write to an account, or to what hangs off it, that is archived, or that is in the public
 * pool for a caller who reaches it only through the pool (reps and managers): for them it is read-only
 * until claimed, or anyone could work it without a claim, past the claim limit. Those who reach the
 * whole territory (heads, executives, territory staff) keep working it, and may transfer it out.
 */
export function assertWritable(ctx: Context, account: Account): Account {
  assertNotArchived(account);
  if (account.inPublicPool && !ctx.scope.coversTerritory(account.territoryId)) {
    throw refused(AccountReason.InPublicPool, `Account ${account.id} is in the public pool: claim it (or have it transferred) before changing it`);
  }
  return account;
}

/** An account in the viewer's reach that still takes writes. */
export async function requireWritableAccount(ctx: Context, manager: EntityManager, id: number): Promise<Account> {
  return assertWritable(ctx, await requireAccount(ctx, manager, id));
}

/** Runs `work` in one transaction on the account an input names (`accountId`), in the caller's reach and taking writes. */
export function withWritableAccount<T>(ctx: Context, accountId: string, work: (uow: UnitOfWork, account: Account) => Promise<T>): Promise<T> {
  const id = parseId(accountId, "accountId");
  return inTransaction(ctx, async (uow) => work(uow, await requireWritableAccount(ctx, uow.manager, id)));
}

/** The accounts list: its filter and orders (PRODUCT.md, "Customers"); the Scope comes first. */
const ACCOUNT_LIST: ListSpec<Account, AccountFilter, AccountOrderField> = {
  alias: "a",
  equal: {
    status: "status", approvalStatus: "approvalStatus", tier: "tier", industry: "industry", region: "region", followUpState: "followUpState", inPublicPool: "inPublicPool",
  },
  ids: { ownerId: "ownerId", territoryId: "territoryId" },
  where: (qb, filter) => {
    if (filter.name) {
      const needle = normaliseAccountName(filter.name).replace(/[!%_]/g, "!$&");
      qb.andWhere("a.nameKey LIKE :name ESCAPE '!'", { name: `%${needle}%` });
    }
    qb.andWhere(filter.archived ? "a.archivedAt IS NOT NULL" : "a.archivedAt IS NULL");
  },
  fixes: (filter) => (filter.archived ? [] : ["archivedAt"]),
  orders: {
    [AccountOrderField.NAME]: { column: "name", kind: "string", read: (a) => a.name },
    [AccountOrderField.CREATED_AT]: { column: "createdAt", kind: "date", read: (a) => a.createdAt },
    [AccountOrderField.UPDATED_AT]: { column: "updatedAt", kind: "date", read: (a) => a.updatedAt },
  },
  defaultOrder: { field: AccountOrderField.NAME, direction: SortDirection.ASC },
};

export function listAccounts(ctx: Context, filter: AccountFilter = {}, order: AccountOrder | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Account>> {
  return listPage(scopedAccounts(ctx), ACCOUNT_LIST, filter, order, page, info);
}

function cleanName(name: string): string {
  // Format characters (zero-width, bidi overrides) are invisible or reorder what a reader sees: not part of a name.
  const cleaned = cleanText(name.replace(/\p{Cf}/gu, ""), "name");
  if (normaliseAccountName(cleaned) === "") throw badInput("name", "must contain letters or digits");
  // The normalised name is stored in 200 characters too, and NFKC may expand one character into several.
  if (normaliseAccountName(cleaned).length > 200) throw badInput("name", "is longer than 200 characters once normalised");
  return cleaned;
}

function cleanRegistrationNo(value: string | null | undefined): string | null {
  const given = optionalText(value, "registrationNo");
  if (given === null) return null;
  const normalised = normaliseRegistrationNo(given);
  if (!/^[0-9A-Z]{6,30}$/.test(normalised)) throw badInput("registrationNo", "must be 6 to 30 letters and digits");
  return normalised;
}

/** Creates an account; a rep's new account waits for approval by their manager (PRODUCT.md, "Approval"). */
export async function createAccount(ctx: Context, input: CreateAccountInput): Promise<Account> {
  const name = cleanName(input.name);
  const registrationNo = cleanRegistrationNo(input.registrationNo);
  const nameKey = normaliseAccountName(name);
  try {
    return await inTransaction(ctx, (uow) => insertAccount(ctx, uow, input));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another writer won the race between our check and our insert: report it like the check would.
    const existing = await ctx.db.getRepository(Account).findOne({ where: registrationNo ? [{ nameKey }, { registrationNo }] : [{ nameKey }] });
    if (!existing) throw error;
    throw await duplicateError(ctx, ctx.db.manager, existing, existing.nameKey === nameKey ? "name" : "registrationNo");
  }
}

/**
 * Creates an account inside the caller's transaction, with the duplicate rule and the approval
 * rule; other modules (converting a lead) create accounts through this. `ownerId` defaults to the
 * caller; a rep's account, or one given to a rep, waits for approval.
 */
export async function insertAccount(ctx: Context, uow: UnitOfWork, input: CreateAccountInput, ownerId?: number): Promise<Account> {
  const viewer = ctx.viewer!;
  const name = cleanName(input.name);
  const registrationNo = cleanRegistrationNo(input.registrationNo);
  if (input.tier && input.tier !== Tier.GENERAL && !ctx.permissions.has(viewer, AccountPermission.SetTier)) {
    throw forbidden("tier: the tier is set by a manager");
  }
  const nameKey = normaliseAccountName(name);
  const territoryId = await requireTerritory(ctx, uow.manager, input.territoryId);
  await assertNoDuplicate(ctx, uow.manager, { nameKey, registrationNo });
  const now = new Date();
  const owner = ownerId === undefined || ownerId === viewer.id ? null : await uow.manager.findOneBy(User, { id: ownerId });
  // An account of someone who may not approve accounts (a rep) waits for someone who may.
  const pending = !ctx.permissions.granted(owner?.role ?? viewer.role, AccountPermission.Approve);
  const account = uow.manager.create(Account, {
    name,
    nameKey,
    registrationNo,
    status: AccountStatus.PROSPECT,
    approvalStatus: pending ? ApprovalStatus.PENDING : ApprovalStatus.APPROVED,
    approvedAt: pending ? null : now,
    tier: input.tier ?? Tier.GENERAL,
    industry: input.industry?.trim() || null,
    region: input.region?.trim() || null,
    territoryId,
    ownerId: owner?.id ?? viewer.id,
    previousOwnerId: null,
    creditLimit: null,
    creditTermsDays: null,
    riskGrade: null,
    followUpState: FollowUpState.OK,
    inPublicPool: false,
    lastContactAt: null,
    assignedAt: now,
    claimedAt: null,
    archivedAt: null,
    createdById: viewer.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await insertAudited(uow, Account, account, AUDITED);
  uow.emit({ name: "account.created", payload: { accountId: account.id } });
  return account;
}

function checkFieldPermissions(ctx: Context, input: UpdateAccountInput): void {
  const viewer = ctx.viewer!;
  const given = (Object.keys(input) as (keyof UpdateAccountInput)[]).filter((k) => input[k] !== undefined);
  for (const field of given) {
    const needed =
      field === "tier" ? AccountPermission.SetTier
      : field === "creditLimit" || field === "creditTermsDays" || field === "riskGrade" ? AccountPermission.WriteCredit
      : AccountPermission.Create;
    if (!ctx.permissions.has(viewer, needed)) throw forbidden(`${field}: your role may not change this field`);
  }
  for (const field of ["name", "status", "tier"] as const) {
    if (input[field] === null) throw badInput(field, problem.null);
  }
}

export async function updateAccount(ctx: Context, id: number, version: number, input: UpdateAccountInput): Promise<Account> {
  checkFieldPermissions(ctx, input);
  const changes: Partial<Account> = {};
  if (input.name !== undefined) {
    changes.name = cleanName(input.name!);
    changes.nameKey = normaliseAccountName(changes.name);
  }
  if (input.registrationNo !== undefined) changes.registrationNo = cleanRegistrationNo(input.registrationNo);
  if (input.industry !== undefined) changes.industry = input.industry?.trim() || null;
  if (input.region !== undefined) changes.region = input.region?.trim() || null;
  for (const field of ["status", "tier", "creditTermsDays", "riskGrade"] as const) {
    if (input[field] !== undefined) (changes as Record<string, unknown>)[field] = input[field];
  }
  // Two decimals, as the database keeps it: what the write answers is what a read answers ("12.50", not "12.5").
  if (input.creditLimit !== undefined) changes.creditLimit = input.creditLimit === null ? null : money(input.creditLimit, "creditLimit");
  try {
    return await inTransaction(ctx, async (uow) => {
      const account = await requireWritableAccount(ctx, uow.manager, id);
      if (account.version === version && (changes.nameKey !== undefined || changes.registrationNo)) {
        await assertNoDuplicate(ctx, uow.manager, { nameKey: changes.nameKey ?? account.nameKey, registrationNo: changes.registrationNo ?? null }, id);
      }
      return versionedUpdate(uow, Account, account, changes, { expectedVersion: version, action: "UPDATE", audited: AUDITED });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict("An account with this name or registration number was just created", { reason: AccountReason.Duplicate, field: changes.nameKey ? "name" : "registrationNo" });
  }
}

/** A pending account is approved by the owner's manager, the territory head or an executive. */
export function approveAccount(ctx: Context, id: number): Promise<Account> {
  return inTransaction(ctx, async (uow) => {
    const account = await requireWritableAccount(ctx, uow.manager, id);
    if (account.approvalStatus !== ApprovalStatus.PENDING) throw conflict(`Account ${id} is already approved`, { reason: AccountReason.AlreadyDecided });
    return versionedUpdate(uow, Account, account, { approvalStatus: ApprovalStatus.APPROVED, approvedAt: new Date() }, {
      action: "APPROVE",
      audited: AUDITED,
      changes: { approvalStatus: { from: ApprovalStatus.PENDING, to: ApprovalStatus.APPROVED } },
    });
  });
}

export function archiveAccount(ctx: Context, id: number): Promise<Account> {
  return inTransaction(ctx, async (uow) => {
    const account = await requireAccount(ctx, uow.manager, id);
    if (account.archivedAt) throw conflict(`Account ${id} is already archived`, { reason: AccountReason.AlreadyDecided });
    assertWritable(ctx, account);
    return versionedUpdate(uow, Account, account, { archivedAt: new Date() }, { action: "ARCHIVE", audited: ["archivedAt"] });
  });
}

/**
 * Gives an account to another owner. A manager gives to their own team, a head inside the
 * territory; only an executive moves an account to another territory (PRODUCT.md, "territories").
 */
export function transferAccount(ctx: Context, id: number, ownerId: number): Promise<Account> {
  return inTransaction(ctx, async (uow) => {
    const account = await requireWritableAccount(ctx, uow.manager, id);
    const owner = await assertAssignableOwner(ctx, uow.manager, ownerId, { territoryId: account.territoryId, acrossTerritories: AccountPermission.TransferAcrossTerritories, what: "account" });
    if (owner.id === account.ownerId) throw conflict(`Account ${id} is already owned by ${owner.name}`, { reason: AccountReason.AlreadyDecided, field: "ownerId" });
    const before = { ...account };
    const updated = await versionedUpdate(uow, Account, account, {
      ownerId: owner.id,
      previousOwnerId: account.ownerId ?? account.previousOwnerId,
      territoryId: owner.territoryId,
      inPublicPool: false,
      claimedAt: null,
      assignedAt: new Date(),
      followUpState: FollowUpState.OK,
    }, { action: "TRANSFER", audited: AUDITED });
    if (before.territoryId !== updated.territoryId) {
      await uow.manager.update(Activity, { accountId: id }, { territoryId: updated.territoryId });
    }
    uow.emit({ name: "account.transferred", payload: { accountId: id, from: before.ownerId, to: owner.id, fromTerritoryId: before.territoryId, toTerritoryId: updated.territoryId } });
    return updated;
  });
}

/** A rep claims an account from the territory's public pool, up to the territory's claim limit. */
export function claimAccount(ctx: Context, id: number): Promise<Account> {
  const viewer = ctx.viewer!;
  return inTransaction(ctx, async (uow) => {
    if (uow.manager.connection.driver.options.type === "mysql") {
      // Claims by one rep queue on the rep's row, so two at once cannot both count under the limit; first,
      // because MySQL takes the transaction's snapshot at its first read, which must come after the wait.
      await uow.manager.getRepository(User).createQueryBuilder("u").select("u.id").where("u.id = :me", { me: viewer.id }).setLock("pessimistic_write").getOne();
    }
    const account = assertNotArchived(await requireAccount(ctx, uow.manager, id));
    if (!account.inPublicPool) throw conflict(`Account ${id} is not in the public pool`, { reason: AccountReason.NotInPool });
    const policy = await policyOf(uow.manager, account.territoryId);
    const held = await uow.manager
      .getRepository(Account)
      .createQueryBuilder("a")
      .where("a.ownerId = :me AND a.claimedAt IS NOT NULL", { me: viewer.id })
      .getCount();
    if (held >= policy.maxClaimedPerRep) throw conflict(`You already hold ${held} claimed accounts, the limit is ${policy.maxClaimedPerRep}`, { reason: AccountReason.ClaimLimit });
    const now = new Date();
    // Versioned: of two claims at once, the second finds the version moved on (CONFLICT, STALE_VERSION).
    return versionedUpdate(uow, Account, account, { ownerId: viewer.id, inPublicPool: false, claimedAt: now, assignedAt: now, followUpState: FollowUpState.OK }, {
      action: "CLAIM",
      audited: AUDITED,
      changes: { ownerId: { from: null, to: viewer.id }, inPublicPool: { from: true, to: false } },
    });
  });
}

