import { Brackets, type EntityManager, type SelectQueryBuilder } from "typeorm";
import type { Services } from "../../src/context";
import { AuditEntry } from "../../src/audit/audit-entry.entity";
import { inTransaction } from "../../src/db/unit-of-work";
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

/** Owned, approved, live accounts: the ones the follow-up rule watches. */
function watched(manager: EntityManager, territoryId: number): SelectQueryBuilder<Account> {
  return manager
    .getRepository(Account)
    .createQueryBuilder("a")
    .where("a.territoryId = :t", { t: territoryId })
    .andWhere("a.ownerId IS NOT NULL")
    .andWhere("a.inPublicPool = :no", { no: false })
    .andWhere("a.approvalStatus = :approved", { approved: ApprovalStatus.APPROVED })
    .andWhere("a.archivedAt IS NULL")
    .andWhere("a.status <> :lost", { lost: AccountStatus.LOST });
}

/** Accounts whose last activity (or, without one, the day the owner got them) is before `cutoff`. */
const quietSince = (qb: SelectQueryBuilder<Account>, cutoff: Date, p: string) =>
  qb.andWhere("a.assignedAt < :" + p, { [p]: cutoff }).andWhere(new Brackets((w) => w.where("a.lastContactAt IS NULL").orWhere(`a.lastContactAt < :${p}`, { [p]: cutoff })));

const activeSince = (qb: SelectQueryBuilder<Account>, cutoff: Date, p: string) =>
  qb.andWhere(new Brackets((w) => w.where(`a.assignedAt >= :${p}`, { [p]: cutoff }).orWhere(`a.lastContactAt >= :${p}`, { [p]: cutoff })));

/**
 * The follow-up rule (PRODUCT.md, "Follow-up rule"), for one territory as of `asOf`: accounts quiet
 * for the first warning period are WARN_30, for the second WARN_60, and after the reclaim period
 * they go to the territory's public pool with their owner recorded. Every change is audited.
 */
async function sweepTerritory(services: Services, territoryId: number, asOf: Date): Promise<SweepCounts> {
  return inTransaction({ ...services, viewer: null }, async (uow) => {
    const m = uow.manager;
    const policy = await policyOf(m, territoryId);
    const cut = (days: number) => new Date(asOf.getTime() - days * DAY);
    const [c1, c2, c3] = [cut(policy.warnFirstDays), cut(policy.warnSecondDays), cut(policy.reclaimDays)];
    const audits: Omit<AuditEntry, "id" | "changes">[] = [];
    const record = (id: number, action: string, changes: object) =>
      audits.push({ entityType: "Account", entityId: id, action, actor: "system", at: asOf, changesJson: JSON.stringify(changes) });

    const toReclaim = await quietSince(watched(m, territoryId), c3, "c3").select(["a.id", "a.ownerId"]).getMany();
    for (let i = 0; i < toReclaim.length; i += 500) {
      const ids = toReclaim.slice(i, i + 500).map((a) => a.id);
      // previousOwnerId is assigned before ownerId is cleared: MySQL applies SET left to right.
      await m
        .createQueryBuilder()
        .update(Account)
        .set({ previousOwnerId: () => "ownerId", ownerId: null, inPublicPool: true, claimedAt: null, followUpState: FollowUpState.OK, updatedAt: asOf, version: () => "version + 1" })
        .where("id IN (:...ids)", { ids })
        .execute();
    }
    for (const a of toReclaim) record(a.id, "RECLAIM", { ownerId: { from: a.ownerId, to: null }, inPublicPool: { from: false, to: true } });

    const flag = async (state: FollowUpState, select: (qb: SelectQueryBuilder<Account>) => SelectQueryBuilder<Account>) => {
      const rows = await select(watched(m, territoryId)).andWhere("a.followUpState <> :state", { state }).select(["a.id", "a.followUpState"]).getMany();
      if (rows.length === 0) return 0;
      for (let i = 0; i < rows.length; i += 500) {
        const ids = rows.slice(i, i + 500).map((r) => r.id);
        await m.createQueryBuilder().update(Account).set({ followUpState: state }).where("id IN (:...ids)", { ids }).execute();
      }
      for (const r of rows) record(r.id, "FOLLOW_UP", { followUpState: { from: r.followUpState, to: state } });
      return rows.length;
    };
    const warned60 = await flag(FollowUpState.WARN_60, (qb) => activeSince(quietSince(qb, c2, "c2"), c3, "c3"));
    const warned30 = await flag(FollowUpState.WARN_30, (qb) => activeSince(quietSince(qb, c1, "c1"), c2, "c2"));
    const cleared = await flag(FollowUpState.OK, (qb) => activeSince(qb, c1, "c1"));

    for (let i = 0; i < audits.length; i += 500) await m.insert(AuditEntry, audits.slice(i, i + 500));
    for (const a of toReclaim) uow.emit({ name: "account.reclaimed", payload: { accountId: a.id, previousOwnerId: a.ownerId } });
    return { warned30, warned60, reclaimed: toReclaim.length, cleared };
  });
}

/** Runs the rule over every territory; the periodic job and `runFollowUpSweep(asOf)` both call this. */
export async function runFollowUpSweep(services: Services, asOf: Date): Promise<SweepCounts> {
  const territories = await services.db.getRepository(Territory).find({ select: { id: true } });
  const total: SweepCounts = { warned30: 0, warned60: 0, reclaimed: 0, cleared: 0 };
  for (const t of territories) {
    const counts = await sweepTerritory(services, t.id, asOf);
    for (const key of Object.keys(total) as (keyof SweepCounts)[]) total[key] += counts[key];
  }
  return total;
}
