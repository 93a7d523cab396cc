import type { Services } from "../../src/context";
import { actingAs } from "../../seeds/demo/acting";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { Role } from "../../src/access/roles";
import { inTransaction } from "../../src/db/unit-of-work";
import { User } from "../../src/org/user.entity";
import { Account } from "../accounts";
import { winOpportunityWithin } from "../opportunities";
import { ApprovalDecision, ApprovalKind, ApprovalRequest, Quote, QuoteLine, QuoteStatus } from "../quotes";
import { cents, moneyOf } from "./cents";
import { ExecutionTask, TaskStatus } from "./execution-task.entity";
import { Invoice, Payment } from "./invoice.entity";
import { needsPrepayment, orderApprovalChain } from "./order-approval";
import { orderPolicyOf } from "./order-approval-policy.service";
import { formatNumber, type NumberSeries } from "./order-number";
import { outstandingCents } from "./order-workflow";
import { ContractTemplate, Order, OrderLine, OrderNumberCounter, OrderStatus } from "./order.entity";

const DAY = 86400_000;
const at = (now: Date, offset: number) => new Date(now.getTime() + offset * DAY);
const day = (now: Date, offset: number) => at(now, offset).toISOString().slice(0, 10);

/**
 * One order in each status per territory, each on its own ACCEPTED quote (the quotes demo has seven
 * a territory), made `age` days ago, with invoices and payments: fully paid, partly paid, overdue in
 * several ageing buckets. `share` is the invoice's cumulative share of the order (%), `paid` the
 * share of the invoice paid (%); days are relative to now.
 */
const PLAN: { status: OrderStatus; template: ContractTemplate; age: number; invoices: { share: number; issued: number; due: number; paid: number }[] }[] = [
  { status: OrderStatus.IN_EXECUTION, template: ContractTemplate.STANDARD, age: 130, invoices: [{ share: 50, issued: -120, due: -95, paid: 30 }, { share: 80, issued: -40, due: -10, paid: 0 }, { share: 100, issued: -5, due: 25, paid: 0 }] },
  { status: OrderStatus.DRAFT, template: ContractTemplate.STANDARD, age: 10, invoices: [] },
  { status: OrderStatus.PENDING_APPROVAL, template: ContractTemplate.CUSTOM, age: 5, invoices: [] },
  { status: OrderStatus.APPROVED, template: ContractTemplate.STANDARD, age: 80, invoices: [{ share: 100, issued: -70, due: -40, paid: 100 }] },
  { status: OrderStatus.REJECTED, template: ContractTemplate.CUSTOM, age: 30, invoices: [] },
  { status: OrderStatus.COMPLETED, template: ContractTemplate.STANDARD, age: 210, invoices: [{ share: 60, issued: -200, due: -170, paid: 100 }, { share: 100, issued: -150, due: -120, paid: 100 }] },
  { status: OrderStatus.CANCELLED, template: ContractTemplate.STANDARD, age: 60, invoices: [] },
];

const EXECUTED = [OrderStatus.IN_EXECUTION, OrderStatus.COMPLETED];
/** The states an order reaches by its last approval, which wins its opportunity. */
const APPROVED = [OrderStatus.APPROVED, ...EXECUTED];

/**
 * The orders demo, made as the module would have made them: the quote's lines and amounts, the chain
 * the territory's policy gives (credit control on what the account owed then, oldest order first),
 * prepayment for risky accounts, whose quotes go to orders that were never executed unpaid. An
 * approved order's opportunity is WON, as the last approval wins it: by that approver, through the
 * opportunities module, with the stage recorded.
 */
export async function seedOrdersDemo(services: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
  const { db } = services;
  for (const t of org.territories) {
    const accepted = await db.getRepository(Quote).find({ where: { territoryId: t.territory.id, status: QuoteStatus.ACCEPTED }, order: { id: "ASC" } });
    if (accepted.length < PLAN.length) throw new Error(`The orders demo needs ${PLAN.length} ACCEPTED quotes in ${t.territory.code}; the quotes demo made ${accepted.length}`);
    const policy = await orderPolicyOf(db.manager, t.territory.id);
    const accounts = new Map((await db.getRepository(Account).findBy(accepted.map((q) => ({ id: q.accountId })))).map((a) => [a.id, a]));
    const prepays = (q: Quote) => needsPrepayment(accounts.get(q.accountId)!.riskGrade, policy);
    // Executed orders take quotes of accounts that need no prepayment (theirs were not paid before execution).
    const left = [...accepted.filter((q) => !prepays(q)), ...accepted.filter(prepays)];
    const sequences = new Map<string, number>();
    const nextNumber = (series: NumberSeries, when: Date) => {
      const key = `${series}/${when.getUTCFullYear()}`;
      sequences.set(key, (sequences.get(key) ?? 0) + 1);
      return formatNumber(series, t.territory.code, when.getUTCFullYear(), sequences.get(key)!);
    };
    const executedFirst = [...PLAN].sort((a, b) => Number(EXECUTED.includes(b.status)) - Number(EXECUTED.includes(a.status)));
    const quoteOf = new Map(executedFirst.map((plan) => [plan, left.shift()!]));
    for (const plan of [...PLAN].sort((a, b) => b.age - a.age)) {
      const quote = quoteOf.get(plan)!;
      const account = accounts.get(quote.accountId)!;
      const owner = await db.getRepository(User).findOneByOrFail({ id: quote.ownerId });
      const boss = owner.managerId === null ? null : await db.getRepository(User).findOneByOrFail({ id: owner.managerId });
      const createdAt = at(now, -plan.age);
      const total = cents(quote.netTotal);
      const overCreditLimit = account.creditLimit !== null && total + (await outstandingCents(db.manager, account.id)) > cents(account.creditLimit);
      const approverOf = (role: Role) => (role === Role.SALES_MANAGER ? boss! : role === Role.BUSINESS_MANAGER ? t.ops : role === Role.TERRITORY_HEAD ? t.head : org.exec);
      const chain = orderApprovalChain({ amount: quote.netTotal, netRatio: quote.netRatio, template: plan.template, overCreditLimit }, policy, { role: owner.role, managerRole: boss?.role ?? null });
      const invoices = plan.invoices.map((p, i) => {
        const amount = (total * BigInt(p.share)) / 100n - (i === 0 ? 0n : (total * BigInt(plan.invoices[i - 1].share)) / 100n);
        return { ...p, amount, paidCents: (amount * BigInt(p.paid)) / 100n };
      });
      const executed = EXECUTED.includes(plan.status);
      const executionIssuedAt = at(createdAt, 3);
      const order = await db.getRepository(Order).save(Object.assign(new Order(), {
        number: nextNumber("SO", createdAt),
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
        prepaymentRequired: plan.status !== OrderStatus.DRAFT && prepays(quote),
        overCreditLimit: plan.status !== OrderStatus.DRAFT && overCreditLimit,
        invoicedAmount: moneyOf(invoices.reduce((sum, i) => sum + i.amount, 0n)),
        paidAmount: moneyOf(invoices.reduce((sum, i) => sum + i.paidCents, 0n)),
        deliveryDate: plan.status === OrderStatus.IN_EXECUTION ? day(now, 10) : plan.status === OrderStatus.COMPLETED ? day(createdAt, 20) : null,
        executionNotes: executed ? "请物流、开票、实施同步跟进 (delivery, invoicing and implementation follow up)" : null,
        executionIssuedAt: executed ? executionIssuedAt : null,
        executionIssuedById: executed ? t.ops.id : null,
        cancelReason: plan.status === OrderStatus.CANCELLED ? "客户取消 (the customer withdrew)" : null,
        createdById: quote.ownerId,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      }));
      const lines = await db.getRepository(QuoteLine).find({ where: { quoteId: quote.id }, order: { position: "ASC" } });
      await db.getRepository(OrderLine).insert(lines.map((l) => ({ orderId: order.id, position: l.position, productId: l.productId, quantity: l.quantity, listPrice: l.listPrice, netPrice: l.netPrice, lineNetTotal: l.lineNetTotal })));
      if (plan.status !== OrderStatus.DRAFT) {
        // A pending order waits at its second step (its first when that is all); a rejected one was refused at its last.
        const asked = plan.status === OrderStatus.PENDING_APPROVAL ? Math.min(2, chain.length) : chain.length;
        for (const [step, role] of chain.slice(0, asked).entries()) {
          const pending = plan.status === OrderStatus.PENDING_APPROVAL && step === asked - 1;
          const rejected = plan.status === OrderStatus.REJECTED && step === chain.length - 1;
          const approver = approverOf(role);
          await db.getRepository(ApprovalRequest).insert({
            kind: ApprovalKind.ORDER, subjectId: order.id, territoryId: t.territory.id, ownerId: quote.ownerId, step: step + 1, role,
            decision: pending ? ApprovalDecision.PENDING : rejected ? ApprovalDecision.REJECTED : ApprovalDecision.APPROVED,
            approverId: pending ? null : approver.id, comment: rejected ? "定制条款需法务审核 (custom terms need legal review)" : null,
            requestedAt: new Date(createdAt.getTime() + (step + 1) * 3600_000), decidedAt: pending ? null : new Date(createdAt.getTime() + (step + 2) * 3600_000),
          });
        }
      }
      if (APPROVED.includes(plan.status)) {
        const ctx = await actingAs(services, approverOf(chain[chain.length - 1]));
        await inTransaction(ctx, (uow) => winOpportunityWithin(ctx, uow, order.opportunityId));
      }
      for (const planned of invoices) {
        const paidOn = day(now, planned.due - 5);
        const issuedAt = at(now, planned.issued);
        const invoice = await db.getRepository(Invoice).save(Object.assign(new Invoice(), {
          number: nextNumber("INV", issuedAt), orderId: order.id, accountId: quote.accountId, amount: moneyOf(planned.amount),
          issuedOn: day(now, planned.issued), dueOn: day(now, planned.due), paidAmount: moneyOf(planned.paidCents),
          lastPaidOn: planned.paidCents > 0n ? paidOn : null, settledOn: planned.paidCents === planned.amount ? paidOn : null, createdById: null, createdAt: issuedAt, version: 1,
        }));
        if (planned.paidCents > 0n) await db.getRepository(Payment).insert({ invoiceId: invoice.id, amount: moneyOf(planned.paidCents), receivedOn: paidOn, reference: `BANK-${t.territory.code}-${invoice.id}`, recordedBy: "system", recordedAt: at(now, planned.due - 5) });
      }
      if (executed) {
        const done = plan.status === OrderStatus.COMPLETED;
        const completedAt = done ? at(executionIssuedAt, 10) : null;
        await db.getRepository(ExecutionTask).insert([
          { orderId: order.id, title: "安排发运 (arrange shipping)", assigneeId: t.ops.id, dueOn: done ? day(executionIssuedAt, 7) : day(now, 5), status: done ? TaskStatus.DONE : TaskStatus.OPEN, completedAt, createdAt: executionIssuedAt },
          { orderId: order.id, title: "现场验收 (acceptance on site)", assigneeId: t.reps[0].id, dueOn: done ? day(executionIssuedAt, 14) : day(now, 15), status: done ? TaskStatus.DONE : TaskStatus.OPEN, completedAt, createdAt: executionIssuedAt },
        ]);
      }
    }
    await db.getRepository(OrderNumberCounter).insert([...sequences].map(([key, lastNumber]) => {
      const [series, year] = key.split("/");
      return { series, territoryId: t.territory.id, year: Number(year), lastNumber };
    }));
  }
}
