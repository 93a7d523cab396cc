import type { Services } from "../../src/context";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { Role } from "../../src/access/roles";
import { Account } from "../accounts";
import { ApprovalDecision, ApprovalKind, ApprovalRequest, Quote, QuoteLine, QuoteStatus } from "../quotes";
import { cents, moneyOf } from "./cents";
import { ExecutionTask, TaskStatus } from "./execution-task.entity";
import { Invoice, Payment } from "./invoice.entity";
import { formatNumber } from "./order-number";
import { ContractTemplate, Order, OrderLine, OrderNumberCounter, OrderStatus } from "./order.entity";

const DAY = 86400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);

/**
 * One order in each status per territory, with invoices and payments: fully paid, partly paid,
 * overdue in several ageing buckets. The quotes seed has one ACCEPTED quote per territory, which gets
 * the live order (IN_EXECUTION); the other states are demo history on the territory's other quotes,
 * with the quote's amounts.
 */
const PLAN: { status: OrderStatus; template: ContractTemplate; invoices: { share: number; issued: number; due: number; paid: number }[] }[] = [
  { status: OrderStatus.IN_EXECUTION, template: ContractTemplate.STANDARD, invoices: [{ share: 50, issued: -120, due: -95, paid: 30 }, { share: 30, issued: -40, due: -10, paid: 0 }, { share: 20, issued: -5, due: 25, paid: 0 }] },
  { status: OrderStatus.DRAFT, template: ContractTemplate.STANDARD, invoices: [] },
  { status: OrderStatus.PENDING_APPROVAL, template: ContractTemplate.CUSTOM, invoices: [] },
  { status: OrderStatus.APPROVED, template: ContractTemplate.STANDARD, invoices: [{ share: 100, issued: -70, due: -40, paid: 100 }] },
  { status: OrderStatus.REJECTED, template: ContractTemplate.CUSTOM, invoices: [] },
  { status: OrderStatus.COMPLETED, template: ContractTemplate.STANDARD, invoices: [{ share: 60, issued: -200, due: -170, paid: 100 }, { share: 40, issued: -150, due: -120, paid: 100 }] },
  { status: OrderStatus.CANCELLED, template: ContractTemplate.STANDARD, invoices: [] },
];

export async function seedOrdersDemo({ db }: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  for (const t of org.territories) {
    const quotes = await db.getRepository(Quote).find({ where: { territoryId: t.territory.id }, order: { id: "ASC" } });
    const ordered = [...quotes.filter((q) => q.status === QuoteStatus.ACCEPTED), ...quotes.filter((q) => q.status !== QuoteStatus.ACCEPTED && q.status !== QuoteStatus.SUPERSEDED)];
    let orderSeq = 0;
    let invoiceSeq = 0;
    for (const [n, plan] of PLAN.entries()) {
      const quote = ordered[n % ordered.length];
      const account = await db.getRepository(Account).findOneByOrFail({ id: quote.accountId });
      const createdAt = new Date(now.getTime() - (220 - n * 10) * DAY);
      const chain = plan.template === ContractTemplate.CUSTOM ? [Role.BUSINESS_MANAGER, Role.TERRITORY_HEAD, Role.EXECUTIVE] : [Role.SALES_MANAGER];
      const paid = plan.invoices.reduce((sum, i) => sum + (cents(quote.netTotal) * BigInt(i.share) * BigInt(i.paid)) / 10_000n, 0n);
      const invoiced = plan.invoices.reduce((sum, i) => sum + (cents(quote.netTotal) * BigInt(i.share)) / 100n, 0n);
      const order = await db.getRepository(Order).save(Object.assign(new Order(), {
        number: formatNumber("SO", t.territory.code, year, ++orderSeq),
        quoteId: quote.id,
        opportunityId: quote.opportunityId,
        accountId: quote.accountId,
        territoryId: t.territory.id,
        ownerId: quote.ownerId,
        status: plan.status,
        template: plan.template,
        currency: quote.currency,
        amount: quote.netTotal,
        netRatio: quote.netRatio,
        signedOn: day(createdAt, 0),
        deliveryTerms: "到厂交货，30天内分批发运 (delivered to the plant in lots within 30 days)",
        approvalChain: plan.status === OrderStatus.DRAFT ? "[]" : JSON.stringify(chain),
        prepaymentRequired: account.riskGrade === "HIGH",
        overCreditLimit: false,
        invoicedAmount: moneyOf(invoiced),
        paidAmount: moneyOf(paid),
        deliveryDate: [OrderStatus.IN_EXECUTION, OrderStatus.COMPLETED].includes(plan.status) ? day(now, 10) : null,
        executionNotes: [OrderStatus.IN_EXECUTION, OrderStatus.COMPLETED].includes(plan.status) ? "请物流、开票、实施同步跟进 (delivery, invoicing and implementation follow up)" : null,
        executionIssuedAt: [OrderStatus.IN_EXECUTION, OrderStatus.COMPLETED].includes(plan.status) ? new Date(createdAt.getTime() + 3 * DAY) : null,
        executionIssuedById: [OrderStatus.IN_EXECUTION, OrderStatus.COMPLETED].includes(plan.status) ? t.ops.id : null,
        cancelReason: plan.status === OrderStatus.CANCELLED ? "客户取消 (the customer withdrew)" : null,
        createdById: quote.ownerId,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      }));
      const lines = await db.getRepository(QuoteLine).find({ where: { quoteId: quote.id }, order: { position: "ASC" } });
      await db.getRepository(OrderLine).insert(lines.map((l) => ({ orderId: order.id, position: l.position, productId: l.productId, quantity: l.quantity, listPrice: l.listPrice, netPrice: l.netPrice, lineNetTotal: l.lineNetTotal })));
      if (plan.status !== OrderStatus.DRAFT) {
        for (const [step, role] of (plan.status === OrderStatus.PENDING_APPROVAL ? chain.slice(0, 2) : chain).entries()) {
          const pending = plan.status === OrderStatus.PENDING_APPROVAL && step === 1;
          const rejected = plan.status === OrderStatus.REJECTED && step === chain.length - 1;
          const approver = role === Role.SALES_MANAGER ? t.manager : role === Role.BUSINESS_MANAGER ? t.ops : role === Role.TERRITORY_HEAD ? t.head : org.exec;
          await db.getRepository(ApprovalRequest).insert({
            kind: ApprovalKind.ORDER, subjectId: order.id, territoryId: t.territory.id, ownerId: quote.ownerId, step: step + 1, role,
            decision: pending ? ApprovalDecision.PENDING : rejected ? ApprovalDecision.REJECTED : ApprovalDecision.APPROVED,
            approverId: pending ? null : approver.id, comment: rejected ? "定制条款需法务审核 (custom terms need legal review)" : null,
            requestedAt: new Date(createdAt.getTime() + (step + 1) * 3600_000), decidedAt: pending ? null : new Date(createdAt.getTime() + (step + 2) * 3600_000),
          });
        }
      }
      for (const plannedInvoice of plan.invoices) {
        const amount = (cents(quote.netTotal) * BigInt(plannedInvoice.share)) / 100n;
        const paidOn = day(now, plannedInvoice.due - 5);
        const invoicePaid = (cents(quote.netTotal) * BigInt(plannedInvoice.share) * BigInt(plannedInvoice.paid)) / 10_000n;
        const invoice = await db.getRepository(Invoice).save(Object.assign(new Invoice(), {
          number: formatNumber("INV", t.territory.code, year, ++invoiceSeq), orderId: order.id, accountId: quote.accountId, amount: moneyOf(amount),
          issuedOn: day(now, plannedInvoice.issued), dueOn: day(now, plannedInvoice.due), paidAmount: moneyOf(invoicePaid),
          lastPaidOn: invoicePaid > 0n ? paidOn : null, settledOn: invoicePaid === amount ? paidOn : null, createdById: null, createdAt: new Date(now.getTime() + plannedInvoice.issued * DAY), version: 1,
        }));
        if (invoicePaid > 0n) await db.getRepository(Payment).insert({ invoiceId: invoice.id, amount: moneyOf(invoicePaid), receivedOn: paidOn, reference: `BANK-${t.territory.code}-${invoice.id}`, recordedBy: "system", recordedAt: new Date(now.getTime() + (plannedInvoice.due - 5) * DAY) });
      }
      if ([OrderStatus.IN_EXECUTION, OrderStatus.COMPLETED].includes(plan.status)) {
        const done = plan.status === OrderStatus.COMPLETED;
        await db.getRepository(ExecutionTask).insert([
          { orderId: order.id, title: "安排发运 (arrange shipping)", assigneeId: t.ops.id, dueOn: day(now, done ? -100 : 5), status: done ? TaskStatus.DONE : TaskStatus.OPEN, completedAt: done ? createdAt : null, createdAt },
          { orderId: order.id, title: "现场验收 (acceptance on site)", assigneeId: t.reps[0].id, dueOn: day(now, done ? -90 : 15), status: done ? TaskStatus.DONE : TaskStatus.OPEN, completedAt: done ? createdAt : null, createdAt },
        ]);
      }
    }
    await db.getRepository(OrderNumberCounter).insert([
      { series: "SO", territoryId: t.territory.id, year, lastNumber: orderSeq },
      { series: "INV", territoryId: t.territory.id, year, lastNumber: invoiceSeq },
    ]);
  }
}
