import { AccountReason } from "./account.reasons";
import { Brackets, type EntityManager } from "typeorm";
import type { Context } from "../../src/context";
import { conflict } from "../../src/errors";
import { User } from "../../src/org/user.entity";
import { Account } from "./account.entity";

/**
 * The duplicate rule (PRODUCT.md, "Duplicates"): first entered wins. A second account with the
 * same normalised name or registration number is refused; the CONFLICT names the existing
 * owner inside the caller's territory and says only "exists in another territory" outside it.
 */
export async function assertNoDuplicate(
  ctx: Context,
  manager: EntityManager,
  candidate: { nameKey: string; registrationNo: string | null },
  exceptId?: number,
): Promise<void> {
  const qb = manager
    .getRepository(Account)
    .createQueryBuilder("a")
    .where(
      new Brackets((w) => {
        w.where("a.nameKey = :nameKey", { nameKey: candidate.nameKey });
        if (candidate.registrationNo) w.orWhere("a.registrationNo = :reg", { reg: candidate.registrationNo });
      }),
    );
  if (exceptId !== undefined) qb.andWhere("a.id <> :exceptId", { exceptId });
  const existing = await qb.getOne();
  if (existing) throw await duplicateError(ctx, manager, existing, candidate.nameKey === existing.nameKey ? "name" : "registrationNo");
}

export async function duplicateError(ctx: Context, manager: EntityManager, existing: Account, field: "name" | "registrationNo") {
  const what = field === "name" ? "this name" : "this registration number";
  const viewer = ctx.viewer!;
  const sameTerritory = ctx.scope.coversTerritory(existing.territoryId) || viewer.territoryIds.includes(existing.territoryId);
  if (!sameTerritory) return conflict(`An account with ${what} exists in another territory`, { reason: AccountReason.Duplicate, field });
  if (existing.ownerId === null) return conflict(`An account with ${what} already exists in the public pool`, { reason: AccountReason.Duplicate, field, ownerName: null });
  const owner = await manager.findOneBy(User, { id: existing.ownerId });
  return conflict(`An account with ${what} already exists, owned by ${owner?.name ?? "another user"}`, { reason: AccountReason.Duplicate, field, ownerName: owner?.name ?? null });
}

/** Maps a unique-index violation (two writers at once) to the same CONFLICT as the check above. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
