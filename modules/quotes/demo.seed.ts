import type { Services } from "../../src/context";
import { actingAs } from "../../seeds/demo/acting";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { inTransaction } from "../../src/db/unit-of-work";
import { User } from "../../src/org/user.entity";
import { findOpportunity, moveOpportunityStageWithin, Opportunity, OpportunityStage, OpportunityStatus } from "../opportunities";
import { ApprovalDecision, ApprovalKind, ApprovalRequest } from "./approval-request.entity";
import { PriceListEntry, Product } from "./product.entity";
import { DEFAULT_POLICY, requiredApproval } from "./quote-approval";
import { lineTotal, netRatio, sumMoney, textOf, unitsOf } from "./quote-decimal";
import { formatQuoteNumber } from "./quote-number";
import { Quote, QuoteLine, QuoteNumberCounter, QuoteStatus } from "./quote.entity";

const DAY = 86400_000;

/** The catalogue: coal and food products, priced in both territories (code, name, unit, COAL price, FOOD price). */
const CATALOGUE: [string, string, string, string, string][] = [
  ["COAL-5500", "动力煤 5500大卡", "吨", "860.00", "900.00"],
  ["COAL-5000", "动力煤 5000大卡", "吨", "780.00", "820.00"],
  ["COAL-ANTH", "无烟煤 洗中块", "吨", "1250.00", "1300.00"],
  ["COAL-COKING", "主焦煤", "吨", "1680.00", "1750.00"],
  ["COAL-FREIGHT", "铁路运输服务", "吨", "65.50", "70.00"],
  ["FOOD-RICE-10", "五常大米 10kg", "袋", "128.00", "118.00"],
  ["FOOD-OIL-5", "压榨花生油 5L", "桶", "149.90", "139.90"],
  ["FOOD-TEA-24", "绿茶饮料 500ml×24", "箱", "62.00", "56.00"],
  ["FOOD-WATER-24", "饮用天然水 550ml×24", "箱", "36.00", "32.00"],
  ["FOOD-DUMPLING", "速冻水饺 猪肉白菜 1kg", "袋", "29.90", "26.50"],
];

/**
 * Quotes of each status per territory, at net ratios that need each kind of approval. Seven are
 * ACCEPTED: the orders demo makes one order in each of its seven states on them, as only an
 * accepted quote becomes an order.
 */
const PLAN: { status: QuoteStatus; ratio: string }[] = [
  { status: QuoteStatus.DRAFT, ratio: "0.9800" },
  { status: QuoteStatus.PENDING_APPROVAL, ratio: "0.8800" },
  { status: QuoteStatus.PENDING_APPROVAL, ratio: "0.4700" },
  { status: QuoteStatus.APPROVED, ratio: "0.9500" },
  { status: QuoteStatus.REJECTED, ratio: "0.4200" },
  { status: QuoteStatus.SENT, ratio: "0.9000" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.9600" },
  { status: QuoteStatus.DECLINED, ratio: "0.8500" },
  { status: QuoteStatus.EXPIRED, ratio: "0.9700" },
  { status: QuoteStatus.SUPERSEDED, ratio: "0.9300" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.9900" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.8000" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.4800" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.9500" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.4400" },
  { status: QuoteStatus.ACCEPTED, ratio: "0.9000" },
];

/** When the n-th quote of the plan was made: accepted ones months ago (the orders made on them have history), the others in the last 40 days. */
const madeAt = (now: Date, n: number) => new Date(now.getTime() - (PLAN[n].status === QuoteStatus.ACCEPTED ? 260 - n : 40 - n * 3) * DAY);

const times = (price: string, ratio: string) => textOf((unitsOf(price, 2) * unitsOf(ratio, 4) + 5000n) / 10_000n, 2);

/**
 * The catalogue, and quotes in every status on each territory's open opportunities, with their
 * approvals and numbers. An ACCEPTED quote's opportunity is at COMMITMENT, moved there as acceptQuote
 * moves it: by its owner, through the opportunities module, with the stage recorded.
 */
export async function seedQuotesDemo(services: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
  const { db } = services;
  const products: Product[] = [];
  for (const [code, name, unit] of CATALOGUE) products.push(await db.getRepository(Product).save({ code, name, unit, active: true, createdAt: now, updatedAt: now, version: 1 }));
  for (const [i, t] of org.territories.entries()) {
    await db.getRepository(PriceListEntry).insert(products.map((p, n) => ({ productId: p.id, territoryId: t.territory.id, listPrice: CATALOGUE[n][3 + i], currency: "CNY", updatedAt: now })));
  }
  for (const [i, t] of org.territories.entries()) {
    const own = products.filter((p) => p.code.startsWith(t.territory.code));
    const opportunities = await db.getRepository(Opportunity).find({ where: { territoryId: t.territory.id, status: OpportunityStatus.OPEN }, order: { id: "ASC" } });
    // A number's year is the UTC year its quote was made in (docs/business-rules.md), so older quotes may count in last year's sequence.
    const sequences = new Map<number, number>();
    const nextNumber = (at: Date) => {
      const year = at.getUTCFullYear();
      sequences.set(year, (sequences.get(year) ?? 0) + 1);
      return formatQuoteNumber(t.territory.code, year, sequences.get(year)!);
    };
    // Numbered in the order they were made, as the service numbers them.
    for (const [n, plan] of [...PLAN.entries()].sort(([a], [b]) => madeAt(now, a).getTime() - madeAt(now, b).getTime())) {
      const opportunity = opportunities[n % opportunities.length];
      const owner = await db.getRepository(User).findOneByOrFail({ id: opportunity.ownerId });
      const boss = owner.managerId === null ? null : await db.getRepository(User).findOneBy({ id: owner.managerId });
      const lines = own.slice(n % 3, (n % 3) + 2).map((product, position) => {
        const listPrice = CATALOGUE.find((c) => c[0] === product.code)![3 + i];
        const quantity = `${(n + 1) * (position + 1) * 12}.${position === 0 ? "500" : "000"}`;
        const netPrice = times(listPrice, plan.ratio);
        return { productId: product.id, position: position + 1, quantity, listPrice, netPrice, lineListTotal: lineTotal(quantity, listPrice), lineNetTotal: lineTotal(quantity, netPrice) };
      });
      const listTotal = sumMoney(lines.map((l) => l.lineListTotal));
      const netTotal = sumMoney(lines.map((l) => l.lineNetTotal));
      const ratio = netRatio(netTotal, listTotal);
      const approval = requiredApproval(ratio, DEFAULT_POLICY, { role: owner.role, managerRole: boss?.role ?? null });
      const createdAt = madeAt(now, n);
      const validUntil = new Date(plan.status === QuoteStatus.ACCEPTED ? createdAt.getTime() + 30 * DAY : now.getTime() + (plan.status === QuoteStatus.EXPIRED ? -5 : 30) * DAY).toISOString().slice(0, 10);
      const base = {
        number: nextNumber(createdAt),
        quoteVersion: 1,
        opportunityId: opportunity.id,
        accountId: opportunity.accountId,
        territoryId: t.territory.id,
        ownerId: owner.id,
        validUntil,
        currency: "CNY",
        listTotal,
        netTotal,
        netRatio: ratio,
        requiredApproverRole: approval?.role ?? null,
        requiredStep: approval?.step ?? null,
        supersededById: null,
        declineReason: plan.status === QuoteStatus.DECLINED ? "选择了其他供应商 (chose another supplier)" : null,
        createdById: owner.id,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      };
      const quote = await db.getRepository(Quote).save({ ...base, status: plan.status });
      await db.getRepository(QuoteLine).insert(lines.map((l) => ({ ...l, quoteId: quote.id })));
      if (approval && plan.status !== QuoteStatus.DRAFT) {
        const decided = plan.status !== QuoteStatus.PENDING_APPROVAL;
        const decision = plan.status === QuoteStatus.REJECTED ? ApprovalDecision.REJECTED : decided ? ApprovalDecision.APPROVED : ApprovalDecision.PENDING;
        const approver = approval.role === "SALES_MANAGER" ? t.manager : approval.role === "TERRITORY_HEAD" ? t.head : org.exec;
        await db.getRepository(ApprovalRequest).insert({
          kind: ApprovalKind.QUOTE,
          subjectId: quote.id,
          territoryId: t.territory.id,
          ownerId: owner.id,
          step: approval.step,
          role: approval.role,
          decision,
          approverId: decided ? approver.id : null,
          comment: decision === ApprovalDecision.REJECTED ? "折扣过大，请重新报价 (discount too deep)" : null,
          requestedAt: new Date(createdAt.getTime() + DAY),
          decidedAt: decided ? new Date(createdAt.getTime() + 2 * DAY) : null,
        });
      }
      if (plan.status === QuoteStatus.ACCEPTED) {
        const ctx = await actingAs(services, owner);
        await inTransaction(ctx, async (uow) => {
          const accepted = await findOpportunity(ctx, opportunity.id, uow.manager);
          if (accepted?.stage !== OpportunityStage.COMMITMENT) await moveOpportunityStageWithin(ctx, uow, opportunity.id, OpportunityStage.COMMITMENT);
        });
      }
      if (plan.status === QuoteStatus.SUPERSEDED) {
        const next = await db.getRepository(Quote).save({ ...base, quoteVersion: 2, status: QuoteStatus.DRAFT, createdAt: now, updatedAt: now });
        await db.getRepository(QuoteLine).insert(lines.map((l) => ({ ...l, quoteId: next.id })));
        await db.getRepository(Quote).update({ id: quote.id }, { supersededById: next.id });
      }
    }
    await db.getRepository(QuoteNumberCounter).insert([...sequences].map(([year, lastNumber]) => ({ territoryId: t.territory.id, year, lastNumber })));
  }
}
