import type { Services } from "../../src/context";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { random } from "../../seeds/demo/random";
import { normaliseAccountName } from "./account-name";
import { Account, AccountStatus, ApprovalStatus, FollowUpState, RiskGrade, Tier } from "./account.entity";
import { Activity, ActivityType } from "./activity.entity";
import { Holiday } from "./holiday.entity";
import { Contact } from "./contact.entity";

const CATALOGUE = {
  COAL: {
    regions: ["Shanxi", "Shaanxi", "Inner Mongolia", "Hebei", "Shandong", "Henan"],
    industries: ["Power generation", "Steel", "Cement", "Chemicals", "Coal trading"],
    kinds: ["Power Co., Ltd.", "Steel Group", "Cement Works", "Chemical Industry Co.", "Energy Trading Co.", "Thermal Power Plant"],
  },
  FOOD: {
    regions: ["Guangdong", "Zhejiang", "Jiangsu", "Sichuan", "Fujian", "Shanghai"],
    industries: ["Retail", "Catering", "Food processing", "Beverages", "Logistics"],
    kinds: ["Supermarkets Ltd.", "Restaurant Group", "Food Processing Co.", "Beverage Co., Ltd.", "Cold Chain Logistics", "Bakery Chain"],
  },
} as const;

const GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Tao", "Hui", "Qiang", "Li", "Ping", "Xin"];
const FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"];
const TITLES = ["Purchasing Director", "General Manager", "Procurement Officer", "Finance Manager", "Operations Lead", "Chief Engineer"];
const DAY = 86400_000;

/**
 * 36 accounts a territory, spread over both reps (and a few with the manager and head), with
 * contacts and activities. The mix shows the rules: accounts pending approval, quiet accounts
 * flagged WARN_30 and WARN_60, accounts in the public pool, birthdays in the coming week.
 */
export async function seedAccountsDemo({ db }: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
  const rand = random(20261122);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  for (const [ti, t] of org.territories.entries()) {
    const catalogue = CATALOGUE[t.territory.code as keyof typeof CATALOGUE];
    const owners = [...Array(14).fill(t.reps[0]), ...Array(11).fill(t.reps[1]), ...Array(3).fill(t.manager), ...Array(2).fill(t.head)];
    for (let i = 0; i < 36; i++) {
      const region = catalogue.regions[i % catalogue.regions.length];
      const name = `${region} ${["Huaxin", "Zhongtai", "Hengyuan", "Jinlong", "Dafeng", "Changsheng"][Math.floor(i / 6)]} ${catalogue.kinds[i % catalogue.kinds.length]}`;
      const inPool = i >= 33;
      const pending = i >= 30 && i < 33;
      const owner = inPool ? null : pending ? t.reps[i % 2] : owners[i % owners.length];
      // Days since the last contact: most are recent, some quiet enough for each warning.
      const quietDays = i % 10 === 7 ? 45 : i % 10 === 8 ? 75 : Math.floor(rand() * 20);
      const lastContactAt = new Date(now.getTime() - quietDays * DAY);
      const createdAt = new Date(now.getTime() - (200 + i) * DAY);
      const state = pending || inPool ? FollowUpState.OK : quietDays >= 60 ? FollowUpState.WARN_60 : quietDays >= 30 ? FollowUpState.WARN_30 : FollowUpState.OK;
      const account = await db.getRepository(Account).save({
        name,
        nameKey: normaliseAccountName(name),
        registrationNo: `91${ti + 1}${String(100000000000000 + i * 7919).slice(0, 15)}`,
        status: pending ? AccountStatus.PROSPECT : pick([AccountStatus.ACTIVE, AccountStatus.ACTIVE, AccountStatus.PROSPECT, AccountStatus.DORMANT]),
        approvalStatus: pending ? ApprovalStatus.PENDING : ApprovalStatus.APPROVED,
        approvedAt: pending ? null : createdAt,
        tier: i % 12 === 0 ? Tier.STRATEGIC : i % 5 === 0 ? Tier.KEY : i % 7 === 0 ? Tier.RETAIL : Tier.GENERAL,
        industry: pick(catalogue.industries),
        region,
        territoryId: t.territory.id,
        ownerId: owner?.id ?? null,
        previousOwnerId: inPool ? t.reps[i % 2].id : null,
        creditLimit: pending ? null : String((Math.floor(rand() * 50) + 1) * 100000) + ".00",
        creditTermsDays: pending ? null : pick([30, 45, 60, 90]),
        riskGrade: pending ? null : pick([RiskGrade.LOW, RiskGrade.LOW, RiskGrade.MEDIUM, RiskGrade.HIGH]),
        followUpState: state,
        inPublicPool: inPool,
        lastContactAt: pending ? null : lastContactAt,
        assignedAt: createdAt,
        claimedAt: null,
        archivedAt: null,
        createdById: (owner ?? t.reps[i % 2]).id,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      });
      const contacts: Partial<Contact>[] = [];
      for (let c = 0; c < 2 + (i % 2); c++) {
        const contactName = `${pick(FAMILY)} ${pick(GIVEN)}`;
        // Every fifth account has someone whose birthday is in the coming days.
        const birth = c === 0 && i % 5 === 0 ? new Date(now.getTime() + ((i % 6) + 1) * DAY) : new Date(now.getTime() - rand() * 365 * DAY);
        const year = 1965 + Math.floor(rand() * 30);
        const birthday = `${year}-${String(birth.getUTCMonth() + 1).padStart(2, "0")}-${String(Math.min(birth.getUTCDate(), 28)).padStart(2, "0")}`;
        contacts.push({
          accountId: account.id,
          name: contactName,
          title: pick(TITLES),
          phone: `+86 1${30 + ((i + c) % 60)} ${String(1000 + i * 37 + c).padStart(4, "0")} ${String(5000 + i * 13 + c).padStart(4, "0")}`,
          email: `${contactName.toLowerCase().replace(" ", ".")}${i}@${t.territory.code.toLowerCase()}-customer.example`,
          birthday,
          birthMonthDay: Number(birthday.slice(5, 7)) * 100 + Number(birthday.slice(8, 10)),
          isKeyPerson: c === 0,
          createdAt,
          version: 1,
        });
      }
      await db.getRepository(Contact).insert(contacts);
      const activities: Partial<Activity>[] = [];
      for (let a = 0; a < 3 + (i % 3); a++) {
        const doneAt = new Date(lastContactAt.getTime() - a * 9 * DAY);
        activities.push({
          type: pick([ActivityType.CALL, ActivityType.VISIT, ActivityType.MEETING, ActivityType.EMAIL]),
          subject: pick(["Quarterly supply review", "Price negotiation", "Site visit", "Delivery schedule", "Introduce new product line"]),
          accountId: account.id,
          relatedType: null,
          relatedId: null,
          territoryId: t.territory.id,
          ownerId: (owner ?? t.reps[i % 2]).id,
          dueAt: null,
          doneAt: pending ? null : doneAt,
          outcome: pick(["Interested", "Asked for a quote", "Follow up next month", "Waiting for budget"]),
          createdById: (owner ?? t.reps[i % 2]).id,
          createdAt: pending ? createdAt : doneAt,
        });
      }
      await db.getRepository(Activity).insert(activities);
    }
  }
  const year = now.getUTCFullYear();
  await db.getRepository(Holiday).insert([
    { territoryId: null, name: "New Year's Day", date: `${year + 1}-01-01` },
    { territoryId: null, name: "Labour Day", date: `${year}-05-01` },
    { territoryId: null, name: "National Day", date: `${year}-10-01` },
    { territoryId: null, name: "Mid-Autumn Festival", date: `${year}-09-25` },
    { territoryId: null, name: "Year-end customer thanks", date: new Date(now.getTime() + 5 * DAY).toISOString().slice(0, 10) },
  ]);
}
