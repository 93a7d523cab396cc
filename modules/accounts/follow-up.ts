import { Brackets, type EntityManager, type WhereExpressionBuilder } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import type { Services } from "../../src/context";
import { AuditEntry } from "../../src/audit/audit-entry.entity";
import type { Viewer } from "../../src/access/viewer";
import { actorOf, inTransaction } from "../../src/db/unit-of-work";
import { badInput } from "../../src/errors";
import { Territory } from "../../src/org/territory.entity";
import { Account, AccountStatus, ApprovalStatus, FollowUpState } from "./account.entity";
import { policyOf } from "./follow-up.policy";

export interface SweepCounts {
  warned30: number;
  warned60: number;
  reclaimed: number;
  cleared: number;
}

const DAY = 24 * 3600 * 1000;
const CHUNK = 500;

/** A condition on account rows, written once for the SELECT that chooses rows and the UPDATE that changes them (so without an alias). */
type Condition = <Q extends WhereExpressionBuilder>(qb: Q) => Q;

const all = (...conditions: Condition[]): Condition => (qb) => conditions.reduce((q, condition) => condition(q), qb);

/** Owned, approved, live accounts of a territory: the ones the follow-up rule watches. */
const watched = (territoryId: number): Condition => (qb) =>
  qb
    .andWhere("territoryId = :t", { t: territoryId })
    .andWhere("ownerId IS NOT NULL")
    .andWhere("inPublicPool = :no", { no: false })
    .andWhere("approvalStatus = :approved", { approved: ApprovalStatus.APPROVED })
    .andWhere("archivedAt IS NULL")
    .andWhere("status <> :lost", { lost: AccountStatus.LOST });

/** Accounts whose last activity (or, without one, the day the owner got them) is before `cutoff`. */
const quietSince = (cutoff: Date, p: string): Condition => (qb) =>
  qb.andWhere(`assignedAt < :${p}`, { [p]: cutoff }).andWhere(new Brackets((w) => w.where("lastContactAt IS NULL").orWhere(`lastContactAt < :${p}`, { [p]: cutoff })));

const activeSince = (cutoff: Date, p: string): Condition => (qb) =>
  qb.andWhere(new Brackets((w) => w.where(`assignedAt >= :${p}`, { [p]: cutoff }).orWhere(`lastContactAt >= :${p}`, { [p]: cutoff })));

/**
 * Applies `changes` to the chosen accounts that still meet `condition`, CHUNK ids a statement, and
 * returns the ids it changed. The UPDATE repeats the condition, so an account that changed since it
 * was chosen (an activity logged meanwhile) is left alone; when some were, `looksChanged` picks out
 * ours, since a skipped row still reads as it was chosen in the transaction's snapshot.
 */
async function updateStillMatching(
  m: EntityManager,
  ids: number[],
  condition: Condition,
  changes: QueryDeepPartialEntity<Account>,
  looksChanged: Condition,
): Promise<Set<number>> {
  const done = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const result = await condition(m.createQueryBuilder().update(Account).set(changes).where("id IN (:...chunk)", { chunk })).execute();
    const changed =
      result.affected === chunk.length
        ? chunk
        : (await looksChanged(m.getRepository(Account).createQueryBuilder("a").select("a.id").where("a.id IN (:...chunk)", { chunk })).getMany()).map((a) => a.id);
    for (const id of changed) done.add(id);
  }
  return done;
}

/**
 * The follow-up rule (PRODUCT.md, "Follow-up rule"), for one territory as of `asOf`: accounts quiet
 * for the first warning period are WARN_30, for the second WARN_60, and after the reclaim period
 * they go to the territory's public pool with their owner recorded. Every change is audited.
 */
async function sweepTerritory(runner: SweepRunner, territoryId: number, asOf: Date): Promise<SweepCounts> {
  const actor = actorOf(runner);
  return inTransaction(runner, async (uow) => {
    const m = uow.manager;
    const policy = await policyOf(m, territoryId);
    const cut = (days: number) => new Date(asOf.getTime() - days * DAY);
    const [c1, c2, c3] = [cut(policy.warnFirstDays), cut(policy.warnSecondDays), cut(policy.reclaimDays)];
    const audits: Omit<AuditEntry, "id" | "changes">[] = [];
    const record = (id: number, action: string, changes: object) =>
      audits.push({ entityType: "Account", entityId: id, action, actor, at: asOf, changesJson: JSON.stringify(changes) });
    const choose = (condition: Condition) => condition(m.getRepository(Account).createQueryBuilder("a"));

    const reclaimable = all(watched(territoryId), quietSince(c3, "c3"));
    const chosen = await choose(reclaimable).select(["a.id", "a.ownerId"]).getMany();
    const reclaimedIds = await updateStillMatching(
      m,
      chosen.map((a) => a.id),
      reclaimable,
      // previousOwnerId is assigned before ownerId is cleared: MySQL applies SET left to right.
      { previousOwnerId: () => "ownerId", ownerId: null, inPublicPool: true, claimedAt: null, followUpState: FollowUpState.OK, updatedAt: asOf, version: () => "version + 1" },
      (qb) => qb.andWhere("inPublicPool = :yes", { yes: true }),
    );
    const toReclaim = chosen.filter((a) => reclaimedIds.has(a.id));
    for (const a of toReclaim) record(a.id, "RECLAIM", { ownerId: { from: a.ownerId, to: null }, inPublicPool: { from: false, to: true } });

    const flag = async (state: FollowUpState, step: Condition) => {
      const condition = all(watched(territoryId), step, (qb) => qb.andWhere("followUpState <> :state", { state }));
      const rows = await choose(condition).select(["a.id", "a.followUpState"]).getMany();
      const changed = await updateStillMatching(m, rows.map((r) => r.id), condition, { followUpState: state }, (qb) => qb.andWhere("followUpState = :state", { state }));
      const flagged = rows.filter((r) => changed.has(r.id));
      for (const r of flagged) record(r.id, "FOLLOW_UP", { followUpState: { from: r.followUpState, to: state } });
      return flagged.length;
    };
    const warned60 = await flag(FollowUpState.WARN_60, all(quietSince(c2, "c2"), activeSince(c3, "c3")));
    const warned30 = await flag(FollowUpState.WARN_30, all(quietSince(c1, "c1"), activeSince(c2, "c2")));
    const cleared = await flag(FollowUpState.OK, activeSince(c1, "c1"));

    for (let i = 0; i < audits.length; i += CHUNK) await m.insert(AuditEntry, audits.slice(i, i + CHUNK));
    for (const a of toReclaim) uow.emit({ name: "account.reclaimed", payload: { accountId: a.id, previousOwnerId: a.ownerId } });
    return { warned30, warned60, reclaimed: toReclaim.length, cleared };
  });
}

/** Who runs a sweep: the periodic job (no viewer, audited as "system") or the caller of `runFollowUpSweep`, audited as themselves. */
type SweepRunner = Services & { viewer: Viewer | null };

/**
 * Runs the rule over every territory as of `asOf`; the periodic job and `runFollowUpSweep(asOf)` both
 * call this. `asOf` may be in the past (to catch up), never in the future: a sweep "as of 2099" would
 * reclaim every account of the group at once.
 */
export async function runFollowUpSweep(runner: SweepRunner, asOf: Date, now = new Date()): Promise<SweepCounts> {
  if (asOf.getTime() > now.getTime()) throw badInput("asOf", "must not be later than now");
  const territories = await runner.db.getRepository(Territory).find({ select: { id: true } });
  const total: SweepCounts = { warned30: 0, warned60: 0, reclaimed: 0, cleared: 0 };
  for (const t of territories) {
    const counts = await sweepTerritory(runner, t.id, asOf);
    for (const key of Object.keys(total) as (keyof SweepCounts)[]) total[key] += counts[key];
  }
  return total;
}
