import type { EntityManager } from "typeorm";
import { requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { badInput } from "../../src/errors";
import { OpportunityStage, PipelineStage } from "./opportunity.entity";

/** The default pipeline of PRODUCT.md, "Opportunities"; a territory may change the probabilities. */
export const DEFAULT_PIPELINE: Record<OpportunityStage, number> = {
  [OpportunityStage.PROSPECTING]: 10,
  [OpportunityStage.VISIT]: 20,
  [OpportunityStage.TRUST]: 30,
  [OpportunityStage.NEEDS]: 40,
  [OpportunityStage.SOLUTION]: 50,
  [OpportunityStage.PROPOSAL]: 60,
  [OpportunityStage.COMMITMENT]: 80,
  [OpportunityStage.WON]: 100,
  [OpportunityStage.LOST]: 0,
};

/** WON and LOST are reached only by a confirmed close, never by moving the stage. */
export const OPEN_STAGES: OpportunityStage[] = Object.values(OpportunityStage).filter((s) => s !== OpportunityStage.WON && s !== OpportunityStage.LOST);

/** Every stage of a territory's pipeline with its probability, in pipeline order. */
export async function pipelineOf(manager: EntityManager, territoryId: number): Promise<PipelineStage[]> {
  const stored = await manager.findBy(PipelineStage, { territoryId });
  return Object.values(OpportunityStage).map(
    (stage) => stored.find((s) => s.stage === stage) ?? Object.assign(new PipelineStage(), { territoryId, stage, probability: DEFAULT_PIPELINE[stage] }),
  );
}

export async function probabilityOf(manager: EntityManager, territoryId: number, stage: OpportunityStage): Promise<number> {
  const stored = await manager.findOneBy(PipelineStage, { territoryId, stage });
  return stored?.probability ?? DEFAULT_PIPELINE[stage];
}

/**
 * A territory's pipeline, read by those who act in the territory (requireTerritory: its own users;
 * executives any that exists). Another territory's is FORBIDDEN (reason OUTSIDE_TERRITORY).
 */
export async function territoryPipeline(ctx: Context, requestedTerritoryId: string): Promise<PipelineStage[]> {
  const territoryId = await requireTerritory(ctx, ctx.db.manager, requestedTerritoryId);
  return pipelineOf(ctx.db.manager, territoryId);
}

/** Sets a stage's probability for a territory the caller acts in; its opportunities take it at their next stage move. */
export async function setStageProbability(ctx: Context, requestedTerritoryId: string, stage: OpportunityStage, probability: number): Promise<PipelineStage[]> {
  return inTransaction(ctx, async (uow) => {
    const territoryId = await requireTerritory(ctx, uow.manager, requestedTerritoryId);
    if (probability < 0 || probability > 100) throw badInput("probability", "must be between 0 and 100");
    const before = (await pipelineOf(uow.manager, territoryId)).find((s) => s.stage === stage)!;
    await uow.manager.save(PipelineStage, { territoryId, stage, probability });
    await uow.audit("PipelineStage", territoryId, "UPDATE", { [stage]: { from: before.probability, to: probability } });
    return pipelineOf(uow.manager, territoryId);
  });
}
