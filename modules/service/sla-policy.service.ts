import type { EntityManager } from "typeorm";
import { requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { integerBetween } from "../../src/domain/integer";
import { badInput } from "../../src/errors";
import { Tier } from "../accounts";
import { DEFAULT_SLA, targetFor, type SlaRule } from "./sla";
import { ALL_TIERS, SlaPolicy, SlaPolicyRow, SlaSource } from "./sla-policy.entity";
import type { SlaPolicyInput } from "./ticket.inputs";
import { TicketPriority } from "./ticket.entity";

/** A territory's own SLA rules (the defaults fill in the rest). */
export async function slaRulesOf(manager: EntityManager, territoryId: number): Promise<SlaRule[]> {
  const rows = await manager.findBy(SlaPolicyRow, { territoryId });
  return rows.map((r) => ({ priority: r.priority, tier: r.tier === ALL_TIERS ? null : (r.tier as Tier), firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes }));
}

/** Every priority × tier with the targets in force: 16 entries, URGENT first, STRATEGIC first. */
function matrix(rules: SlaRule[]): SlaPolicy[] {
  const priorities = [TicketPriority.URGENT, TicketPriority.HIGH, TicketPriority.NORMAL, TicketPriority.LOW];
  return priorities.flatMap((priority) =>
    Object.values(Tier).map((tier) => {
      const { source, ...target } = targetFor(rules, priority, tier);
      return Object.assign(new SlaPolicy(), { priority, tier, ...target, source: SlaSource[source] });
    }),
  );
}

export async function readSlaPolicies(ctx: Context, requestedTerritoryId: string): Promise<SlaPolicy[]> {
  const territoryId = await requireTerritory(ctx, ctx.db.manager, requestedTerritoryId);
  return matrix(await slaRulesOf(ctx.db.manager, territoryId));
}

const A_YEAR = 365 * 24 * 60;

/**
 * Sets a territory's targets for a priority and one tier (or every tier without its own); tickets
 * entered from now on, and tickets whose priority changes, follow them. Audited.
 */
export function setSlaPolicy(ctx: Context, requestedTerritoryId: string, input: SlaPolicyInput): Promise<SlaPolicy[]> {
  const firstResponseMinutes = integerBetween(input.firstResponseMinutes, "firstResponseMinutes", 1, A_YEAR);
  const resolutionMinutes = integerBetween(input.resolutionMinutes, "resolutionMinutes", 1, A_YEAR);
  if (resolutionMinutes < firstResponseMinutes) throw badInput("resolutionMinutes", "must not be less than firstResponseMinutes");
  return inTransaction(ctx, async (uow) => {
    const territoryId = await requireTerritory(ctx, uow.manager, requestedTerritoryId);
    const tier = input.tier ?? ALL_TIERS;
    const existing = await uow.manager.findOneBy(SlaPolicyRow, { territoryId, priority: input.priority, tier });
    const before = existing ? { firstResponseMinutes: existing.firstResponseMinutes, resolutionMinutes: existing.resolutionMinutes } : null;
    const row = Object.assign(existing ?? new SlaPolicyRow(), { territoryId, priority: input.priority, tier, firstResponseMinutes, resolutionMinutes, updatedAt: new Date() });
    await uow.manager.save(SlaPolicyRow, row);
    await uow.audit("SlaPolicy", territoryId, "UPDATE", { [`${input.priority}/${tier}`]: { from: before ?? DEFAULT_SLA[input.priority], to: { firstResponseMinutes, resolutionMinutes } } });
    return matrix(await slaRulesOf(uow.manager, territoryId));
  });
}
