import type { Services } from "../../src/context";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { random } from "../../seeds/demo/random";
import { Account } from "../accounts";
import { CloseOutcome, Opportunity, OpportunityStage, OpportunityStageChange, OpportunityStatus } from "./opportunity.entity";
import { DEFAULT_PIPELINE, OPEN_STAGES } from "./pipeline";

const DAY = 86400_000;

/**
 * Opportunities on the first owned accounts of each territory (the accounts module's demo data),
 * across the pipeline with their stage history: some quiet for over a month, one waiting for the
 * manager to confirm its close.
 */
export async function seedOpportunitiesDemo({ db }: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
  const rand = random(20261123);
  for (const t of org.territories) {
    const accounts = await db.getRepository(Account).find({ where: { territoryId: t.territory.id, inPublicPool: false }, order: { id: "ASC" }, take: 12 });
    for (const [i, account] of accounts.entries()) {
      if (account.ownerId === null) continue;
      const createdAt = new Date(now.getTime() - (20 + i * 6) * DAY);
      const stageIndex = i % OPEN_STAGES.length;
      const stage = OPEN_STAGES[stageIndex];
      const closeRequested = i === 3;
      const opportunity = await db.getRepository(Opportunity).save({
        name: `${account.name.split(" ").slice(0, 2).join(" ")} supply ${now.getUTCFullYear() + 1}`,
        accountId: account.id,
        territoryId: account.territoryId,
        ownerId: account.ownerId,
        amount: `${(Math.floor(rand() * 90) + 10) * 10000}.00`,
        expectedCloseDate: new Date(now.getTime() + (15 + i * 10) * DAY).toISOString().slice(0, 10),
        stage,
        probability: DEFAULT_PIPELINE[stage],
        status: closeRequested ? OpportunityStatus.CLOSE_REQUESTED : OpportunityStatus.OPEN,
        requestedOutcome: closeRequested ? CloseOutcome.WON : null,
        lostReason: null,
        closeRequestedAt: closeRequested ? new Date(now.getTime() - DAY) : null,
        closedAt: null,
        closedById: null,
        competitors: i % 2 === 0 ? ["Shenhua Trading", "Local distributor"] : [],
        nextStep: "Send the revised offer",
        attachments: i % 3 === 0 ? [{ name: "Requirements.pdf", link: "https://files.example/requirements.pdf" }] : [],
        leadId: null,
        // Every fourth one has been quiet for more than a month.
        lastActivityAt: i % 4 === 1 ? null : new Date(now.getTime() - 3 * DAY),
        activityClockAt: i % 4 === 1 ? createdAt : new Date(now.getTime() - 3 * DAY),
        createdById: account.ownerId,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      });
      const history: Partial<OpportunityStageChange>[] = [{ opportunityId: opportunity.id, fromStage: null, toStage: OpportunityStage.PROSPECTING, changedById: account.ownerId, changedAt: createdAt }];
      for (let s = 1; s <= stageIndex; s++) {
        history.push({ opportunityId: opportunity.id, fromStage: OPEN_STAGES[s - 1], toStage: OPEN_STAGES[s], changedById: account.ownerId, changedAt: new Date(createdAt.getTime() + s * 2 * DAY) });
      }
      await db.getRepository(OpportunityStageChange).insert(history);
    }
  }
}
