import type { EntityManager } from "typeorm";
import { FollowUpPolicy } from "./follow-up-policy.entity";

/** The defaults of PRODUCT.md, "Follow-up rule" and "Customer care"; territories may override them. */
export const DEFAULT_FOLLOW_UP = {
  warnFirstDays: 30,
  warnSecondDays: 60,
  reclaimDays: 90,
  maxClaimedPerRep: 50,
  careReminderDays: 7,
} as const;

export async function policyOf(manager: EntityManager, territoryId: number): Promise<FollowUpPolicy> {
  const stored = await manager.findOneBy(FollowUpPolicy, { territoryId });
  return stored ?? Object.assign(new FollowUpPolicy(), { territoryId, ...DEFAULT_FOLLOW_UP });
}
