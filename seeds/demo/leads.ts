import type { DataSource } from "typeorm";
import { Account } from "../../modules/accounts/account.entity";
import { AssignmentRule } from "../../modules/leads/assignment-rule.entity";
import { Lead, LeadChannel, LeadStatus } from "../../modules/leads/lead.entity";
import { CloseOutcome, Opportunity, OpportunityStage, OpportunityStageChange, OpportunityStatus } from "../../modules/opportunities/opportunity.entity";
import { DEFAULT_PIPELINE, OPEN_STAGES } from "../../modules/opportunities/pipeline";
import { random } from "./accounts";
import type { DemoOrganisation } from "./organisation";

const DAY = 86400_000;

const PROSPECTS = {
  COAL: { regions: ["Shanxi", "Hebei", "Henan"], industries: ["Steel", "Power generation", "Cement"], names: ["Taiyuan Boiler Works", "Handan Iron Co.", "Luoyang Cement Group", "Datong Heating Plant", "Tangshan Coke Co.", "Jiaozuo Power Station"] },
  FOOD: { regions: ["Guangdong", "Zhejiang", "Sichuan"], industries: ["Retail", "Catering", "Beverages"], names: ["Shenzhen Fresh Mart", "Hangzhou Tea House Chain", "Chengdu Hotpot Group", "Foshan Juice Co.", "Ningbo Bakery Ltd.", "Dongguan Canteen Services"] },
} as const;

/**
 * Assignment rules (a region to rep one, an industry to rep two, the rest round-robin over the
 * manager's team), a dozen leads a territory in every status and channel, a few public web leads
 * waiting for routing, and opportunities across the pipeline with their stage history: some quiet
 * for over a month, one waiting for the manager to confirm its close.
 */
export async function seedLeads(db: DataSource, org: DemoOrganisation, now = new Date()): Promise<void> {
  const rand = random(20261123);
  const channels = Object.values(LeadChannel);
  for (const t of org.territories) {
    const catalogue = PROSPECTS[t.territory.code as keyof typeof PROSPECTS];
    const [rep1, rep2] = t.reps;
    await db.getRepository(AssignmentRule).insert([
      { territoryId: t.territory.id, region: catalogue.regions[0], industry: null, userId: rep1.id, teamManagerId: null, priority: 10, lastAssignedUserId: null, createdAt: now, version: 1 },
      { territoryId: t.territory.id, region: null, industry: catalogue.industries[0], userId: rep2.id, teamManagerId: null, priority: 20, lastAssignedUserId: null, createdAt: now, version: 1 },
      { territoryId: t.territory.id, region: null, industry: null, userId: null, teamManagerId: t.manager.id, priority: 100, lastAssignedUserId: null, createdAt: now, version: 1 },
    ]);
    const statuses = [LeadStatus.NEW, LeadStatus.NEW, LeadStatus.QUALIFIED, LeadStatus.QUALIFIED, LeadStatus.ASSIGNED, LeadStatus.ASSIGNED, LeadStatus.ASSIGNED, LeadStatus.ASSIGNED, LeadStatus.DISQUALIFIED, LeadStatus.ASSIGNED, LeadStatus.NEW, LeadStatus.ASSIGNED];
    const leads: Partial<Lead>[] = statuses.map((status, i) => {
      const receivedAt = new Date(now.getTime() - (2 + i * 4) * DAY);
      const owner = status === LeadStatus.ASSIGNED ? t.reps[i % 2] : null;
      return {
        status,
        company: `${catalogue.names[i % catalogue.names.length]}${i >= catalogue.names.length ? " (branch)" : ""}`,
        contactName: `Contact ${i + 1} of ${t.territory.code}`,
        email: `buyer${i + 1}@${t.territory.code.toLowerCase()}-prospect.example`,
        phone: `+86 138 0000 ${String(1000 + i)}`,
        channel: channels[i % channels.length],
        industry: catalogue.industries[i % catalogue.industries.length],
        region: catalogue.regions[i % catalogue.regions.length],
        note: i % 3 === 0 ? "Asked for a price list" : null,
        territoryId: t.territory.id,
        ownerId: owner?.id ?? null,
        assignedById: owner ? t.ops.id : null,
        assignedAt: owner ? new Date(receivedAt.getTime() + DAY) : null,
        disqualifyReason: status === LeadStatus.DISQUALIFIED ? "Student project, no budget" : null,
        convertedAccountId: null,
        convertedOpportunityId: null,
        convertedAt: null,
        lastActivityAt: null,
        activityClockAt: receivedAt,
        createdById: t.ops.id,
        createdAt: receivedAt,
        updatedAt: receivedAt,
        version: 1,
      };
    });
    await db.getRepository(Lead).insert(leads);

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
  // Public web leads not yet routed: executives (group marketing) route them.
  await db.getRepository(Lead).insert(
    ["Wuhan Logistics Park", "Xiamen Seafood Traders"].map((company, i) => ({
      status: LeadStatus.NEW,
      company,
      contactName: `Web visitor ${i + 1}`,
      email: `visitor${i + 1}@web-prospect.example`,
      phone: null,
      channel: LeadChannel.WEB_FORM,
      industry: null,
      region: null,
      note: "Please call me about prices",
      territoryId: null,
      ownerId: null,
      assignedById: null,
      assignedAt: null,
      disqualifyReason: null,
      convertedAccountId: null,
      convertedOpportunityId: null,
      convertedAt: null,
      lastActivityAt: null,
      activityClockAt: new Date(now.getTime() - i * DAY),
      createdById: null,
      createdAt: new Date(now.getTime() - i * DAY),
      updatedAt: new Date(now.getTime() - i * DAY),
      version: 1,
    })),
  );
}
