import { codes, startTestGateway, type TestGateway } from "../../test/harness";
import { inDays } from "../../test/quote-scenarios";
import { EXECUTE, ISSUE_INVOICE, OrderScenarios, RECORD_PAYMENT } from "../../test/order-scenarios";

let t: TestGateway;
let s: OrderScenarios;
let territories: Record<"COAL" | "FOOD", string>;
const FINANCE = "finance.coal@demo.test";

beforeAll(async () => {
  t = await startTestGateway();
  s = new OrderScenarios(t);
  territories = await t.territoryIds();
});
afterAll(() => t.stop());

/** An APPROVED order of rep1.coal's for `quantity` × 100.00 (a product listed at 100.00, at list price). */
async function approvedOrder(quantity = "100", rep = "rep1.coal@demo.test"): Promise<{ id: string; accountId: string }> {
  const submitted = await s.submitted(rep, { quantity, netPrice: "100.00" });
  await s.approved(submitted, rep.includes("food") ? "food" : "coal");
  return { id: submitted.id, accountId: submitted.accountId };
}

const invoice = async (orderId: string, amount: string, issuedOn = inDays(0), dueOn = inDays(30), email = FINANCE) =>
  (await s.ok(ISSUE_INVOICE, { o: orderId, i: { amount, issuedOn, dueOn } }, email)).issueInvoice;
const pay = (invoiceId: string, amount: string, key: string, receivedOn = inDays(0), token?: string) =>
  t.gql(RECORD_PAYMENT, { i: { invoiceId, amount, receivedOn, reference: `REF ${key}` }, k: key }, token);
const ORDER_MONEY = `query($id: ID!) { order(id: $id) { status amount invoicedAmount paidAmount outstandingAmount invoices { id amount paidAmount outstandingAmount settledOn payments { amount } } } }`;
const unique = () => Math.random().toString(36).slice(2, 10);

describe("invoices and payments", () => {
  it("never invoices more than the order, takes partial payments, refuses an overpayment, and keeps balances equal to their payments", async () => {
    const order = await approvedOrder("10");
    const first = await invoice(order.id, "600.00");
    const over = await t.gql(ISSUE_INVOICE, { o: order.id, i: { amount: "400.01", issuedOn: inDays(0), dueOn: inDays(30) } }, await t.token(FINANCE));
    expect([codes(over), over.errors?.[0].extensions?.field]).toEqual([["BAD_USER_INPUT"], "amount"]);
    await invoice(order.id, "400.00");
    const token = await t.token(FINANCE);
    expect((await pay(first.id, "100.10", unique(), inDays(0), token)).errors).toBeUndefined();
    expect((await pay(first.id, "99.90", unique(), inDays(0), token)).errors).toBeUndefined();
    const overpaid = await pay(first.id, "400.01", unique(), inDays(0), token);
    expect([codes(overpaid), overpaid.errors?.[0].extensions?.field]).toEqual([["BAD_USER_INPUT"], "amount"]);
    expect((await pay(first.id, "400.00", unique(), inDays(0), token)).errors).toBeUndefined();
    const read = await s.ok(ORDER_MONEY, { id: order.id }, FINANCE);
    expect(read.order).toMatchObject({ amount: "1000.00", invoicedAmount: "1000.00", paidAmount: "600.00", outstandingAmount: "400.00" });
    expect(read.order.invoices.map((i: any) => [i.amount, i.paidAmount, i.outstandingAmount, i.settledOn])).toEqual([["600.00", "600.00", "0.00", inDays(0)], ["400.00", "0.00", "400.00", null]]);
    // The kept balances equal the recomputation from the payments themselves.
    const db = t.gateway.services.db;
    const [row] = await db.query("SELECT (SELECT SUM(ROUND(p.amount * 100)) FROM payments p JOIN invoices i ON i.id = p.invoiceId WHERE i.orderId = ?) AS paid, (SELECT ROUND(paidAmount * 100) FROM orders WHERE id = ?) AS kept", [order.id, order.id]);
    expect(Number(row.paid)).toBe(Number(row.kept));
    const receivables = await s.ok(`query($id: ID!) { account(id: $id) { receivables { invoicedAmount paidAmount outstandingAmount overdueAmount } } }`, { id: order.accountId }, FINANCE);
    expect(receivables.account.receivables).toEqual({ invoicedAmount: "1000.00", paidAmount: "600.00", outstandingAmount: "400.00", overdueAmount: "0.00" });
  });

  it("records a payment once per idempotency key: the same body answers the first payment, another body is a CONFLICT", async () => {
    const order = await approvedOrder("10");
    const inv = await invoice(order.id, "1000.00");
    const token = await t.token(FINANCE);
    const key = `erp-${unique()}`;
    const first = await pay(inv.id, "250.00", key, inDays(0), token);
    const again = await Promise.all([1, 2, 3].map(() => pay(inv.id, "250.00", key, inDays(0), token)));
    expect(again.map((r) => r.data.recordPayment.id)).toEqual([1, 2, 3].map(() => first.data.recordPayment.id));
    const other = await pay(inv.id, "250.01", key, inDays(0), token);
    expect(other.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "IDEMPOTENCY_KEY_REUSED", field: "idempotencyKey" });
    const read = await s.ok(ORDER_MONEY, { id: order.id }, FINANCE);
    expect(read.order.invoices[0].payments).toEqual([{ amount: "250.00" }]);
    const trail = await s.ok(`query($id: ID!) { auditTrail(entityType: "Payment", entityId: $id) { action actor } }`, { id: first.data.recordPayment.id }, "exec@demo.test");
    expect(trail.auditTrail).toEqual([{ action: "CREATE", actor: expect.stringMatching(/^user:\d+$/) }]);
  });

  it("takes payments from a partner key of the invoice's territory only", async () => {
    const key = (await s.ok(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: { name: `ERP ${unique()}`, territoryIds: [territories.COAL], expiresAt: null } }, "sysadmin@demo.test")).createApiKey.key;
    const coal = await invoice((await approvedOrder("1")).id, "100.00");
    const food = await invoice((await approvedOrder("1", "rep1.food@demo.test")).id, "100.00", inDays(0), inDays(30), "finance.food@demo.test");
    const ok = await pay(coal.id, "100.00", "erp-1", inDays(0), key);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.recordPayment).toMatchObject({ amount: "100.00" });
    expect(codes(await pay(food.id, "100.00", "erp-2", inDays(0), key))).toEqual(["NOT_FOUND"]);
    expect(codes(await pay(coal.id, "1.00", "fin-x", inDays(0), await t.token("finance.food@demo.test")))).toEqual(["NOT_FOUND"]);
    expect(codes(await pay(coal.id, "1.00", "rep-x", inDays(0), await t.token("rep1.coal@demo.test")))).toEqual(["FORBIDDEN"]);
  });

  it("never lets 20 parallel payments add up to more than their invoice", async () => {
    const inv = await invoice((await approvedOrder("10")).id, "1000.00");
    const token = await t.token(FINANCE);
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => pay(inv.id, "100.00", `par-${unique()}-${n}`, inDays(0), token)));
    const outcome = results.map((r) => (r.errors ? codes(r).join() : "OK")).sort();
    expect(outcome).toEqual([...Array(10).fill("BAD_USER_INPUT"), ...Array(10).fill("OK")]);
    const [row] = await t.gateway.services.db.query("SELECT SUM(ROUND(amount * 100)) AS paid, COUNT(*) AS n FROM payments WHERE invoiceId = ?", [inv.id]);
    expect([Number(row.paid), Number(row.n)]).toEqual([100000, 10]);
  });
});

describe("execution", () => {
  it("gives tasks to people of the territory; the last one done of a paid order completes it", async () => {
    const order = await approvedOrder("1");
    const [rep, ops] = [await t.userId("rep1.coal@demo.test"), await t.userId("ops.coal@demo.test")];
    const executed = await s.ok(EXECUTE, { o: order.id, i: { deliveryDate: inDays(7), notes: "分两批发运", tasks: [{ title: "安装调试", assigneeId: rep, dueOn: inDays(8) }, { title: "发运", assigneeId: ops, dueOn: inDays(7) }] } }, "ops.coal@demo.test");
    expect(executed.issueExecutionOrder).toMatchObject({ status: "IN_EXECUTION", deliveryDate: inDays(7) });
    const [install, ship] = executed.issueExecutionOrder.tasks;
    const inv = await invoice(order.id, "100.00");
    expect((await pay(inv.id, "100.00", unique(), inDays(0), await t.token(FINANCE))).errors).toBeUndefined();
    const notMine = await t.gql(`mutation($id: ID!) { completeTask(id: $id) { id } }`, { id: install.id }, await t.token("rep2.coal@demo.test"));
    expect(notMine.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_ASSIGNEE" });
    await s.ok(`mutation($id: ID!) { completeTask(id: $id) { status } }`, { id: install.id }, "rep1.coal@demo.test");
    expect((await s.ok(ORDER_MONEY, { id: order.id }, FINANCE)).order.status).toBe("IN_EXECUTION");
    await s.ok(`mutation($id: ID!) { completeTask(id: $id) { status } }`, { id: ship.id }, "ops.coal@demo.test");
    expect((await s.ok(ORDER_MONEY, { id: order.id }, FINANCE)).order.status).toBe("COMPLETED");
    const mine = await s.ok(`{ myTasks(first: 100, status: DONE) { edges { node { id title status completedAt } } } }`, {}, "rep1.coal@demo.test");
    expect(mine.myTasks.edges.map((e: any) => e.node.id)).toContain(install.id);
  });
});

const AGEING = `query($d: String!, $t: ID, $a: String) { receivablesAgeing(asOf: $d, territoryId: $t) { asOf total { total } accounts(first: 100, after: $a) { edges { node { accountId total buckets { bucket amount } } } pageInfo { hasNextPage endCursor } } } }`;
const STATEMENT = `query($a: ID!, $m: String!) { receivablesStatement(accountId: $a, month: $m) { openingBalance invoicedAmount paidAmount closingBalance invoices { amount } payments { amount } } }`;

async function ageingOf(accountId: string, asOf: string, email = FINANCE): Promise<Record<string, string> | null> {
  let after: string | null = null;
  for (;;) {
    const r: any = await s.ok(AGEING, { d: asOf, t: territories.COAL, a: after }, email);
    const line = r.receivablesAgeing.accounts.edges.find((e: any) => e.node.accountId === accountId);
    if (line) return Object.fromEntries([...line.node.buckets.map((b: any) => [b.bucket, b.amount]), ["total", line.node.total]]);
    if (!r.receivablesAgeing.accounts.pageInfo.hasNextPage) return null;
    after = r.receivablesAgeing.accounts.pageInfo.endCursor;
  }
}

const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86400_000).toISOString().slice(0, 10);

describe("receivables reports", () => {
  it("ages on fixed dates at each bucket boundary (day 0, 1, 30, 31, 60, 61, 90, 91), counting only payments received by then", async () => {
    const asOf = "2025-06-30";
    const order = await approvedOrder("10");
    const invoices: { id: string }[] = [];
    for (const [n, days] of [0, 1, 30, 31, 60, 61, 90, 91].entries()) invoices.push(await invoice(order.id, `${2 ** n}.00`, "2025-01-01", daysBefore(asOf, days)));
    const token = await t.token(FINANCE);
    expect((await pay(invoices[2].id, "0.50", unique(), "2025-06-01", token)).errors).toBeUndefined();
    expect((await pay(invoices[7].id, "28.00", unique(), "2025-07-15", token)).errors).toBeUndefined();
    expect(await ageingOf(order.accountId, asOf)).toEqual({ CURRENT: "1.00", DAYS_1_30: "5.50", DAYS_31_60: "24.00", DAYS_61_90: "96.00", OVER_90: "128.00", total: "254.50" });
    // Two weeks on, the 28.00 received counts, and the invoices due 90 days before asOf are over 90 too: 64 + 128 − 28.
    expect((await ageingOf(order.accountId, "2025-07-15"))?.OVER_90).toBe("164.00");
    expect(await ageingOf(order.accountId, "2024-12-31")).toBeNull();
    const overdue = await s.ok(`query($d: String!) { overdueInvoices(asOf: $d, first: 100) { edges { node { id dueOn } } } }`, { d: asOf }, FINANCE);
    const ours = overdue.overdueInvoices.edges.map((e: any) => e.node.id).filter((id: string) => invoices.some((i) => i.id === id));
    expect(ours).toEqual(invoices.slice(1).reverse().map((i) => i.id));
    // Statements month by month reconcile, and each closing balance is the next opening one.
    const months = ["2025-01", "2025-06", "2025-07"];
    const statements = [];
    for (const m of months) statements.push((await s.ok(STATEMENT, { a: order.accountId, m }, FINANCE)).receivablesStatement);
    expect(statements.map((x) => [x.openingBalance, x.invoicedAmount, x.paidAmount, x.closingBalance])).toEqual([["0.00", "255.00", "0.00", "255.00"], ["255.00", "0.00", "0.50", "254.50"], ["254.50", "0.00", "28.00", "226.50"]]);
    expect(statements[0].invoices).toHaveLength(8);
    for (const m of ["2025-08", "2025-05"]) {
      const x = (await s.ok(STATEMENT, { a: order.accountId, m }, FINANCE)).receivablesStatement;
      expect(x.openingBalance).toBe(x.closingBalance);
    }
    expect(codes(await t.gql(AGEING, { d: asOf }, await t.token("rep1.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    const bad = await t.gql(STATEMENT, { a: order.accountId, m: "2025-13" }, token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "month" });
  });

  it("adds 10,000 payments of 0.01 to exactly 100.00", async () => {
    const order = await approvedOrder("1");
    const inv = await invoice(order.id, "100.00", "2025-03-01", "2025-03-31");
    const db = t.gateway.services.db;
    for (let chunk = 0; chunk < 10; chunk++) {
      const day = chunk < 5 ? "2025-03-15" : "2025-03-16";
      const rows = Array.from({ length: 1000 }, (_, n) => `(${inv.id}, 0.01, '${day}', 'c${chunk}-${n}', 'test', '2025-03-16 00:00:00.000')`);
      await db.query(`INSERT INTO payments (invoiceId, amount, receivedOn, reference, recordedBy, recordedAt) VALUES ${rows.join(",")}`);
    }
    // As recordPayment would have kept them.
    await db.query("UPDATE invoices SET paidAmount = 100.00, lastPaidOn = '2025-03-16', settledOn = '2025-03-16' WHERE id = ?", [inv.id]);
    const march = (await s.ok(STATEMENT, { a: order.accountId, m: "2025-03" }, FINANCE)).receivablesStatement;
    expect([march.invoicedAmount, march.paidAmount, march.closingBalance, march.payments.length]).toEqual(["100.00", "100.00", "0.00", 10000]);
    expect((await ageingOf(order.accountId, "2025-03-15"))?.total).toBe("50.00");
    expect(await ageingOf(order.accountId, "2025-03-16")).toBeNull();
  });
});
