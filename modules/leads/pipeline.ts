import type { EntityManager } from "typeorm";
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
