import type { EntityManager } from "typeorm";
import type { Context } from "../context";
import { badInput, forbidden } from "../errors";
import { parseId } from "../graphql/ids";
import { Territory } from "../org/territory.entity";

/**
 * The one "may I act in this territory" check (creating a record, configuring a territory's rules):
 * a user of a territory acts in their own; group-level users (executives, system admins, who have
 * none) in any. Without `requested`, the caller's own territory. The territory must exist.
 */
export async function requireTerritory(ctx: Context, manager: EntityManager, requested: string | null | undefined, field = "territoryId"): Promise<number> {
  const viewer = ctx.viewer!;
  if (requested === null || requested === undefined) {
    if (viewer.territoryId === null) throw badInput(field, "is required for users without a territory");
    return viewer.territoryId;
  }
  const territoryId = parseId(requested, field);
  if (!actsIn(ctx, territoryId)) throw forbidden(`${field}: you act only in your own territory`, { field, reason: "OUTSIDE_TERRITORY" });
  if (!(await manager.existsBy(Territory, { id: territoryId }))) throw badInput(field, `territory ${territoryId} does not exist`);
  return territoryId;
}

/** Whether the caller acts in `territoryId`: their own, or any for group-level users. */
export function actsIn(ctx: Context, territoryId: number): boolean {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  return viewer.kind === "user" && (viewer.territoryId === null || viewer.territoryIds.includes(territoryId));
}
