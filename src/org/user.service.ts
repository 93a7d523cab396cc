import type { Context } from "../context";
import { Role } from "../access/roles";
import { forbidden, notFound, conflict } from "../errors";
import { inTransaction } from "../db/unit-of-work";
import { userChanged } from "./org.events";
import { User } from "./user.entity";
import { Territory } from "./territory.entity";

export const OrgPermission = {
  ReadUsers: "users.read",
  ManageUsers: "users.manage",
  ManageApiKeys: "apikeys.manage",
  ReadAudit: "audit.read",
} as const;

/** Users the viewer may list: everyone for group-level roles, their own territory otherwise. */
export async function listUsers(ctx: Context, territoryId?: number): Promise<User[]> {
  const viewer = ctx.viewer!;
  const qb = ctx.db.getRepository(User).createQueryBuilder("u").orderBy("u.name", "ASC").addOrderBy("u.id", "ASC");
  if (viewer.territoryId !== null && viewer.role !== Role.EXECUTIVE) qb.andWhere("u.territoryId = :own", { own: viewer.territoryId });
  if (territoryId !== undefined) qb.andWhere("u.territoryId = :t", { t: territoryId });
  return qb.getMany();
}

export function listTerritories(ctx: Context): Promise<Territory[]> {
  return ctx.db.getRepository(Territory).find({ order: { code: "ASC" } });
}

/**
 * Freezes a user at once: their tokens stop working on the next request; their records stay and
 * are reassigned by a manager (PRODUCT.md, "Users who leave"). A territory admin freezes only
 * users of their own territory.
 */
export async function freezeUser(ctx: Context, id: number): Promise<User> {
  const viewer = ctx.viewer!;
  return inTransaction(ctx, async (uow) => {
    const user = await uow.manager.findOneBy(User, { id });
    if (!user) throw notFound("User", id);
    if (viewer.role === Role.TERRITORY_ADMIN && user.territoryId !== viewer.territoryId) throw notFound("User", id);
    if (user.id === viewer.id) throw forbidden("You cannot freeze yourself");
    if (user.frozen) throw conflict(`User ${id} is already frozen`);
    user.frozen = true;
    user.frozenAt = new Date();
    await uow.manager.update(User, { id }, { frozen: true, frozenAt: user.frozenAt });
    await uow.audit("User", id, "FREEZE", { frozen: { from: false, to: true } });
    uow.emit({ name: "principal.revoked", payload: { kind: "user", id } });
    uow.emit(userChanged(id));
    return user;
  });
}
