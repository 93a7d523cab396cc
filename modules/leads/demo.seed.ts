import type { Services } from "../../src/context";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { AssignmentRule } from "./assignment-rule.entity";
import { Lead, LeadChannel, LeadStatus } from "./lead.entity";
import { leadRow } from "./lead.service";

const DAY = 86400_000;

const PROSPECTS = {
  COAL: { regions: ["Shanxi", "Hebei", "Henan"], industries: ["Steel", "Power generation", "Cement"], names: ["Taiyuan Boiler Works", "Handan Iron Co.", "Luoyang Cement Group", "Datong Heating Plant", "Tangshan Coke Co.", "Jiaozuo Power Station"] },
  FOOD: { regions: ["Guangdong", "Zhejiang", "Sichuan"], industries: ["Retail", "Catering", "Beverages"], names: ["Shenzhen Fresh Mart", "Hangzhou Tea House Chain", "Chengdu Hotpot Group", "Foshan Juice Co.", "Ningbo Bakery Ltd.", "Dongguan Canteen Services"] },
} as const;

/**
 * Assignment rules (a region to rep one, an industry to rep two, the rest round-robin over the
 * manager's team), a dozen leads a territory in every status and channel, and a few public web
 * leads waiting for routing.
 */
export async function seedLeadsDemo({ db }: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
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
      return leadRow({
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
        createdById: t.ops.id,
      }, receivedAt, receivedAt);
    });
    await db.getRepository(Lead).insert(leads);
  }
  // Public web leads not yet routed: executives (group marketing) route them.
  await db.getRepository(Lead).insert(
    ["Wuhan Logistics Park", "Xiamen Seafood Traders"].map((company, i) => {
      const receivedAt = new Date(now.getTime() - i * DAY);
      const visitor = { company, contactName: `Web visitor ${i + 1}`, email: `visitor${i + 1}@web-prospect.example`, phone: null, channel: LeadChannel.WEB_FORM };
      return leadRow({ ...visitor, industry: null, region: null, note: "Please call me about prices" }, receivedAt, receivedAt);
    }),
  );
}
