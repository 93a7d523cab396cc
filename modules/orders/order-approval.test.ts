import type { Client } from "graphql-ws";
import { codes, startTestGateway, type TestGateway } from "../../test/harness";
import { inDays } from "../../test/quote-scenarios";
import { APPROVE_ORDER, CREATE_ORDER, EXECUTE, ISSUE_INVOICE, OrderScenarios, RECORD_PAYMENT, REJECT_ORDER, SUBMIT_ORDER } from "../../test/order-scenarios";
import { collect, Collector } from "../../test/subscriptions";

let t: TestGateway;
let s: OrderScenarios;
let territories: Record<"COAL" | "FOOD", string>;

beforeAll(async () => {
  t = await startTestGateway();
  s = new OrderScenarios(t);
  territories = await t.territoryIds();
});
afterAll(() => t.stop());

const SM = ["SALES_MANAGER"];
const COUNTERSIGN = ["BUSINESS_MANAGER", "TERRITORY_HEAD", "EXECUTIVE"];
const REP = "rep1.coal@demo.test";

describe("the approval path of an order (PRODUCT.md: 200,000, 45%, the standard template, credit, risk)", () => {
  it("leaves a small standard order to the sales manager and countersigns the rest, boundaries exact", async () => {
    const paths: [string, Parameters<OrderScenarios["acceptedQuote"]>[1], string, string[]][] = [
      ["200,000.00 exactly", { listPrice: "300000.00", quantity: "1", netPrice: "200000.00" }, "STANDARD", SM],
      ["200,000.01", { listPrice: "300000.00", quantity: "1", netPrice: "200000.01" }, "STANDARD", COUNTERSIGN],
      ["net ratio 0.45 exactly", { netPrice: "45.00" }, "STANDARD", SM],
      ["net ratio 0.4499", { netPrice: "44.99" }, "STANDARD", COUNTERSIGN],
      ["CUSTOM template", {}, "CUSTOM", COUNTERSIGN],
    ];
    const seen: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [name, quote, template, chain] of paths) {
      const order = await s.submitted(REP, quote, template);
      seen[name] = { status: order.status, chain: order.approvalChain, first: order.approvals.map((a: any) => [a.step, a.role, a.decision]) };
      want[name] = { status: "PENDING_APPROVAL", chain, first: [[1, chain[0], "PENDING"]] };
    }
    expect(seen).toEqual(want);
  });

  it("ends the chain with an executive over the credit limit (10,000.00 on 9,999.99), not at it", async () => {
    const over = await s.submitted(REP, { netPrice: "100.00" }, "STANDARD", (accountId) => s.credit(accountId, "coal", "9999.99", "LOW"));
    expect([over.amount, over.approvalChain, over.prepaymentRequired]).toEqual(["10000.00", ["SALES_MANAGER", "EXECUTIVE"], false]);
    const within = await s.submitted(REP, { netPrice: "100.00" }, "STANDARD", (accountId) => s.credit(accountId, "coal", "10000.00", "MEDIUM"));
    expect(within.approvalChain).toEqual(SM);
  });

  it("counts what the account already owes: at the limit the sales manager alone, one cent over an executive last", async () => {
    // An earlier order of 10,000.00, invoiced in full and paid 2,500.00: the account owes 7,500.00.
    const earlier = await s.submitted(REP, { netPrice: "100.00" });
    await s.approved(earlier, "coal");
    const invoice = (await s.ok(ISSUE_INVOICE, { o: earlier.id, i: { amount: "10000.00", issuedOn: inDays(0), dueOn: inDays(30) } }, "finance.coal@demo.test")).issueInvoice;
    await s.ok(RECORD_PAYMENT, { i: { invoiceId: invoice.id, amount: "2500.00", receivedOn: inDays(0), reference: "部分付款 part payment" }, k: `credit-${invoice.id}` }, "finance.coal@demo.test");
    const drafts = [];
    for (let i = 0; i < 2; i++) {
      const { quoteId } = await s.acceptedQuote(REP, { netPrice: "100.00" }, earlier.accountId);
      drafts.push((await s.ok(CREATE_ORDER, { q: quoteId, i: { template: "STANDARD" } }, REP)).createOrderFromQuote);
    }
    const submittedAt = async (order: any, creditLimit: string) => {
      await s.credit(earlier.accountId, "coal", creditLimit, "LOW");
      await s.ok(SUBMIT_ORDER, { id: order.id }, REP);
      const read = await s.ok(`query($id: ID!) { order(id: $id) { amount approvalChain overCreditLimit account { receivables { outstandingAmount } } } }`, { id: order.id }, "finance.coal@demo.test");
      return read.order;
    };
    // 10,000.00 + 7,500.00 owed = 17,500.00.
    expect(await submittedAt(drafts[0], "17500.00")).toEqual({ amount: "10000.00", approvalChain: SM, overCreditLimit: false, account: { receivables: { outstandingAmount: "7500.00" } } });
    expect(await submittedAt(drafts[1], "17499.99")).toEqual({ amount: "10000.00", approvalChain: [...SM, "EXECUTIVE"], overCreditLimit: true, account: { receivables: { outstandingAmount: "7500.00" } } });
  });

  it("asks prepayment of a HIGH risk account, and issues no execution order until it is paid", async () => {
    const order = await s.submitted(REP, { netPrice: "100.00" }, "STANDARD", (accountId) => s.credit(accountId, "coal", null, "HIGH"));
    expect([order.approvalChain, order.prepaymentRequired]).toEqual([SM, true]);
    await s.approved(order, "coal");
    const execute = { o: order.id, i: { deliveryDate: inDays(10), notes: "发运", tasks: [] } };
    const early = await t.gql(EXECUTE, execute, await t.token("ops.coal@demo.test"));
    expect(early.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "PREPAYMENT_DUE" });
    const invoice = await s.ok(`mutation($o: ID!, $i: IssueInvoiceInput!) { issueInvoice(orderId: $o, input: $i) { id } }`, { o: order.id, i: { amount: "10000.00", issuedOn: inDays(0), dueOn: inDays(0) } }, "finance.coal@demo.test");
    await s.ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i, idempotencyKey: "pre-1") { id } }`, { i: { invoiceId: invoice.issueInvoice.id, amount: "10000.00", receivedOn: inDays(0), reference: "预付款" } }, "finance.coal@demo.test");
    const executed = await s.ok(EXECUTE, execute, "ops.coal@demo.test");
    // Paid in full and nothing to do: the order is complete at once.
    expect(executed.issueExecutionOrder.status).toBe("COMPLETED");
  });
});

describe("countersigning", () => {
  it("goes business manager, head, executive in order; the last approval marks the opportunity WON", async () => {
    const order = await s.submitted(REP, {}, "CUSTOM");
    const outOfTurn = await t.gql(APPROVE_ORDER, { id: order.id }, await t.token("head.coal@demo.test"));
    expect(outOfTurn.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "APPROVER_ROLE" });
    const otherTerritory = await t.gql(APPROVE_ORDER, { id: order.id }, await t.token("ops.food@demo.test"));
    expect(otherTerritory.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_ABOVE_OWNER" });
    const refused = [];
    for (const email of [REP, "finance.coal@demo.test", "service.coal@demo.test"]) refused.push(codes(await t.gql(APPROVE_ORDER, { id: order.id }, await t.token(email))));
    expect(refused).toEqual([["FORBIDDEN"], ["FORBIDDEN"], ["FORBIDDEN"]]);
    const steps = [];
    for (const email of ["ops.coal@demo.test", "head.coal@demo.test", "exec@demo.test"]) {
      const r = (await s.ok(APPROVE_ORDER, { id: order.id, c: `ok ${email}` }, email)).approveOrder;
      steps.push([r.status, r.approvals.filter((a: any) => a.decision === "PENDING").map((a: any) => a.role)]);
      if (r.status === "APPROVED") expect(r.opportunity).toEqual({ status: "WON", stage: "WON" });
    }
    expect(steps).toEqual([["PENDING_APPROVAL", ["TERRITORY_HEAD"]], ["PENDING_APPROVAL", ["EXECUTIVE"]], ["APPROVED", []]]);
    const again = await t.gql(APPROVE_ORDER, { id: order.id }, await t.token("exec@demo.test"));
    expect(again.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "WRONG_STATUS" });
  });

  it("refuses the same person twice, whatever the policy's steps", async () => {
    const policy = { standardMaxAmount: "200000.00", minNetRatio: "0.45", countersign: ["TERRITORY_HEAD", "EXECUTIVE", "EXECUTIVE"], prepaymentRiskGrades: ["HIGH"] };
    await s.ok(`mutation($t: ID!, $i: OrderApprovalPolicyInput!) { setOrderApprovalPolicy(territoryId: $t, input: $i) { isDefault } }`, { t: territories.FOOD, i: policy }, "head.food@demo.test");
    const order = await s.submitted("rep1.food@demo.test", {}, "CUSTOM");
    expect(order.approvalChain).toEqual(["TERRITORY_HEAD", "EXECUTIVE", "EXECUTIVE"]);
    await s.ok(APPROVE_ORDER, { id: order.id }, "head.food@demo.test");
    await s.ok(APPROVE_ORDER, { id: order.id }, "exec@demo.test");
    const twice = await t.gql(APPROVE_ORDER, { id: order.id }, await t.token("exec@demo.test"));
    expect(twice.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "SAME_APPROVER" });
    const rejectTwice = await t.gql(REJECT_ORDER, { id: order.id, r: "条款不符 terms" }, await t.token("exec@demo.test"));
    expect(rejectTwice.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "SAME_APPROVER" });
    await s.ok(`mutation($t: ID!, $i: OrderApprovalPolicyInput!) { setOrderApprovalPolicy(territoryId: $t, input: $i) { isDefault } }`, { t: territories.FOOD, i: { ...policy, countersign: ["BUSINESS_MANAGER", "TERRITORY_HEAD", "EXECUTIVE"] } }, "head.food@demo.test");
  });
});


const SUBSCRIPTION = `subscription { approvalRequested { kind role step owner { email } order { id number status } } }`;
/** Subscribes and collects every event the client receives. */
const watch = (client: Client, query = SUBSCRIPTION, into?: Collector): Collector => collect(client, query, into);

/** Subscriptions to approval requests the server has open now, and a wait until `count` more than `before` are. */
const open = () => t.gateway.services.events.listenerCount("approval.requested");
async function listening(before: number, count: number): Promise<void> {
  while (open() < before + count) await new Promise((resolve) => setImmediate(resolve));
}

describe("approvalRequested for orders", () => {
  it("reaches the person who decides each step, live, and no one else", async () => {
    const before = open();
    const emails = ["ops.coal@demo.test", "head.coal@demo.test", "manager.coal@demo.test", "ops.food@demo.test"];
    const [opsCoal, headCoal, managerCoal, opsFood] = await Promise.all(emails.map(async (e) => watch(t.ws(await t.token(e)))));
    await listening(before, emails.length);
    const order = await s.submitted(REP, {}, "CUSTOM");
    await opsCoal.arrived(1);
    expect(opsCoal.events[0].data.approvalRequested).toEqual({ kind: "ORDER", role: "BUSINESS_MANAGER", step: 1, owner: { email: REP }, order: { id: order.id, number: order.number, status: "PENDING_APPROVAL" } });
    await s.ok(APPROVE_ORDER, { id: order.id }, "ops.coal@demo.test");
    await headCoal.arrived(1);
    expect(headCoal.events.map((e) => [e.data.approvalRequested.order.id, e.data.approvalRequested.step])).toEqual([[order.id, 2]]);
    // A small order next: its sales manager hears of it, and it is the first thing they hear.
    const small = await s.submitted(REP);
    await managerCoal.arrived(1);
    expect(managerCoal.events.map((e) => [e.data.approvalRequested.order.id, e.data.approvalRequested.role])).toEqual([[small.id, "SALES_MANAGER"]]);
    expect([opsCoal.events.length, headCoal.events.length, opsFood.events.length]).toEqual([1, 1, 0]);
    // The waiting lists say the same.
    const pending = await s.ok(`{ pendingApprovals(first: 100) { edges { node { kind order { id } } } } }`, {}, "head.coal@demo.test");
    expect(pending.pendingApprovals.edges.filter((e: any) => e.node.kind === "ORDER").map((e: any) => e.node.order.id)).toContain(order.id);
    const opsPending = await s.ok(`{ pendingApprovals(first: 100) { edges { node { kind order { id } } } } }`, {}, "ops.coal@demo.test");
    expect(opsPending.pendingApprovals.edges.map((e: any) => e.node.order?.id)).not.toContain(order.id);
  });

  it("reads a request's rows once, however many subscribers hear of it", async () => {
    const ROOT_ONLY = `subscription { approvalRequested { role owner { email } order { id number status amount } } }`;
    const token = await t.token("manager.coal@demo.test");
    /** Statements of submitting an order and delivering its request to `copies` subscriptions of its sales manager. */
    const costWith = async (copies: number) => {
      const events = new Collector();
      const before = open();
      for (let i = 0; i < copies; i++) watch(t.ws(token), ROOT_ONLY, events);
      await listening(before, copies);
      const { quoteId } = await s.acceptedQuote(REP);
      const draft = (await s.ok(CREATE_ORDER, { q: quoteId, i: { template: "STANDARD" } }, REP)).createOrderFromQuote;
      const statements = await t.countStatements(async () => {
        await s.ok(SUBMIT_ORDER, { id: draft.id }, REP);
        await events.arrived(copies);
      });
      expect(events.events.map((e) => e.data.approvalRequested.order)).toEqual(Array(copies).fill({ id: draft.id, number: draft.number, status: "PENDING_APPROVAL", amount: "10000.00" }));
      return statements;
    };
    const few = await costWith(1);
    const many = await costWith(5);
    expect(many).toBe(few);
  });
});

describe("reach, bad input and audit", () => {
  it("shows each role the orders it reaches, and credit figures only to those who read credit", async () => {
    const order = await s.submitted("rep2.coal@demo.test");
    const ORDER = `query($id: ID!) { order(id: $id) { id number account { id receivables { outstandingAmount } } } }`;
    const seen: Record<string, unknown> = {};
    for (const email of ["rep2.coal@demo.test", REP, "manager.coal@demo.test", "ops.coal@demo.test", "finance.coal@demo.test", "head.food@demo.test", "exec@demo.test", "service.coal@demo.test", "marketing.coal@demo.test"]) {
      const r = await t.gql(ORDER, { id: order.id }, await t.token(email));
      seen[email] = r.data?.order ? (r.data.order.account?.receivables ? "order and receivables" : "order") : codes(r).join() || "null";
    }
    expect(seen).toEqual({
      "rep2.coal@demo.test": "order",
      [REP]: "null",
      "manager.coal@demo.test": "order and receivables",
      "ops.coal@demo.test": "order and receivables",
      "finance.coal@demo.test": "order and receivables",
      "head.food@demo.test": "null",
      "exec@demo.test": "order and receivables",
      "service.coal@demo.test": "FORBIDDEN",
      "marketing.coal@demo.test": "FORBIDDEN",
    });
  });

  it("refuses bad input on every mutation, naming the field, with nothing stored", async () => {
    const { quoteId } = await s.acceptedQuote(REP);
    const order = (await s.ok(CREATE_ORDER, { q: quoteId, i: { template: "STANDARD" } }, REP)).createOrderFromQuote;
    const cases: [string, Record<string, unknown>, string, string][] = [
      [CREATE_ORDER, { q: quoteId, i: { template: "STANDARD", signedOn: inDays(1) } }, REP, "signedOn"],
      [CREATE_ORDER, { q: "x", i: { template: "STANDARD" } }, REP, "quoteId"],
      [CREATE_ORDER, { q: quoteId, i: { template: "STANDARD", deliveryTerms: "x".repeat(1001) } }, REP, "deliveryTerms"],
      [SUBMIT_ORDER, { id: "x" }, REP, "id"],
      [APPROVE_ORDER, { id: order.id, c: "x".repeat(501) }, "manager.coal@demo.test", "comment"],
      [REJECT_ORDER, { id: order.id, r: " " }, "manager.coal@demo.test", "reason"],
      [`mutation($id: ID!, $r: String!) { cancelOrder(id: $id, reason: $r) { id } }`, { id: order.id, r: "" }, REP, "reason"],
      [`mutation($t: ID!, $i: OrderApprovalPolicyInput!) { setOrderApprovalPolicy(territoryId: $t, input: $i) { isDefault } }`, { t: territories.COAL, i: { standardMaxAmount: "1.00", minNetRatio: "0.5", countersign: ["SALES_REP"], prepaymentRiskGrades: [] } }, "head.coal@demo.test", "countersign.0"],
      [`mutation($t: ID!, $i: OrderApprovalPolicyInput!) { setOrderApprovalPolicy(territoryId: $t, input: $i) { isDefault } }`, { t: territories.COAL, i: { standardMaxAmount: "1.00", minNetRatio: "1.5", countersign: ["EXECUTIVE"], prepaymentRiskGrades: [] } }, "head.coal@demo.test", "minNetRatio"],
      [EXECUTE, { o: order.id, i: { deliveryDate: inDays(-1), tasks: [] } }, "ops.coal@demo.test", "deliveryDate"],
      [EXECUTE, { o: order.id, i: { deliveryDate: inDays(1), tasks: [{ title: "x", assigneeId: await t.userId("rep1.food@demo.test"), dueOn: inDays(2) }] } }, "ops.coal@demo.test", "tasks.0.assigneeId"],
      [`mutation($id: ID!) { completeTask(id: $id) { id } }`, { id: "x" }, REP, "id"],
      [`mutation($o: ID!, $i: IssueInvoiceInput!) { issueInvoice(orderId: $o, input: $i) { id } }`, { o: order.id, i: { amount: "1.00", issuedOn: inDays(0), dueOn: inDays(-1) } }, "finance.coal@demo.test", "dueOn"],
      [`mutation($i: RecordPaymentInput!) { recordPayment(input: $i, idempotencyKey: "k") { id } }`, { i: { invoiceId: "1", amount: "1.00", receivedOn: inDays(1), reference: "r" } }, "finance.coal@demo.test", "receivedOn"],
      [`mutation($i: RecordPaymentInput!) { recordPayment(input: $i, idempotencyKey: " ") { id } }`, { i: { invoiceId: "1", amount: "1.00", receivedOn: inDays(0), reference: "r" } }, "finance.coal@demo.test", "idempotencyKey"],
    ];
    const fields = [];
    for (const [query, variables, email, field] of cases) {
      const r = await t.gql(query, variables, await t.token(email));
      fields.push([field, codes(r).join(), r.errors?.[0].extensions?.field]);
    }
    expect(fields).toEqual(cases.map(([, , , field]) => [field, "BAD_USER_INPUT", field]));
    const after = await s.ok(`query($id: ID!) { order(id: $id) { status version } }`, { id: order.id }, REP);
    expect(after.order).toEqual({ status: "DRAFT", version: order.version });
  });

  it("audits every step of an order's life", async () => {
    const order = await s.approved(await s.submitted(REP), "coal");
    const trail = await s.ok(`query($id: ID!) { auditTrail(entityType: "Order", entityId: $id) { action actor } }`, { id: order.id }, "exec@demo.test");
    expect(trail.auditTrail.map((e: any) => e.action)).toEqual(["CREATE", "SUBMIT", "APPROVE"]);
  });
});
