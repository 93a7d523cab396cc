import type { EntityManager } from "typeorm";
import { Reach, SELLING_ROLES } from "../access/roles";
import type { Context } from "../context";
import { badInput, forbidden } from "../errors";
import { User } from "./user.entity";

export interface OwnerRules {
  /** the record's territory now */
  territoryId: number | null;
  /** the permission that lets the caller move the record to an owner of another territory (executives) */
  acrossTerritories: string;
  /** the record, for messages: "account", "lead" */
  what: string;
}

/**
 * Who a record may be given to (a transfer, a lead assignment): an active sales user of a territory;
 * in another territory only with the permission to move records across territories; and a caller
 * who reaches a team (a sales manager) gives only within that team.
 */
export async function assertAssignableOwner(ctx: Context, manager: EntityManager, ownerId: number, rules: OwnerRules): Promise<User & { territoryId: number }> {
  const viewer = ctx.viewer!;
  const owner = await manager.findOneBy(User, { id: ownerId });
  if (!owner || owner.frozen || !SELLING_ROLES.includes(owner.role) || owner.territoryId === null) {
    throw badInput("ownerId", "must be an active sales user of a territory");
  }
  if (owner.territoryId !== rules.territoryId && !ctx.permissions.has(viewer, rules.acrossTerritories)) {
    throw forbidden(`ownerId: only an executive moves a ${rules.what} to another territory`, { field: "ownerId", reason: "OUTSIDE_TERRITORY" });
  }
  if (ctx.scope.reach === Reach.Team && !viewer.teamIds.includes(owner.id)) {
    throw forbidden(`ownerId: a manager gives a ${rules.what} only within their team`, { field: "ownerId", reason: "OUTSIDE_TEAM" });
  }
  return owner as User & { territoryId: number };
}
