import type { Client } from "graphql-ws";
import { codes, startTestGateway, type TestGateway } from "../../test/harness";
import { APPROVE, inDays, QuoteScenarios, REJECT, SET_POLICY, SUBMIT, UPDATE, CREATE } from "../../test/quote-scenarios";
import { APPROVAL_REQUESTED } from "./quote.events";
import { collect, Collector } from "../../test/subscriptions";

let t: TestGateway;
let s: QuoteScenarios;
/** A product listed at 100.00 in both territories: 100 units at net price P make a net ratio of P / 100 exactly. */
let hundred: string;
let territories: Record<"COAL" | "FOOD", string>;

beforeAll(async () => {
  t = await startTestGateway();
  s = new QuoteScenarios(t);
  territories = await t.territoryIds();
  const created = await s.ok(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`, { i: { code: `TEST-100-${Date.now()}`, name: "测试产品 一百元", unit: "件" } }, "exec@demo.test");
  hundred = created.createProduct.id;
  for (const territory of Object.values(territories)) {
    await s.ok(`mutation($p: ID!, $t: ID!, $l: Decimal!) { setListPrice(productId: $p, territoryId: $t, listPrice: $l) { listPrice } }`, { p: hundred, t: territory, l: "100.00" }, "exec@demo.test");
  }
});
afterAll(() => t.stop());

/** A quote by `owner` at a net ratio of `netPrice` / 100, submitted; answers the submitted quote. */
async function submitted(owner: string, netPrice: string, opportunity?: { opportunityId: string }): Promise<any> {
  const opp = opportunity ?? (await s.opportunity(owner, { approver: owner.endsWith("food@demo.test") ? "manager.food@demo.test" : "manager.coal@demo.test" }));
  const created = await s.ok(CREATE, { i: { opportunityId: opp.opportunityId, validUntil: inDays(20), lines: [{ productId: hundred, quantity: "100", netPrice }] } }, owner);
  return (await s.ok(SUBMIT, { id: created.createQuote.id }, owner)).submitQuote;
}

const outcome = (q: any) => ({ ratio: q.netRatio, status: q.status, role: q.requiredApproverRole });

describe("the approval chain", () => {
  it("sends each ratio to its approver under the default policy, boundaries exact", async () => {
    const opportunity = await s.opportunity("rep1.coal@demo.test");
    const seen = [];
    for (const price of ["100.00", "95.00", "94.99", "50.00", "49.99", "45.00", "44.99"]) seen.push(outcome(await submitted("rep1.coal@demo.test", price, opportunity)));
    expect(seen).toEqual([
      { ratio: "1.0000", status: "APPROVED", role: null },
      { ratio: "0.9500", status: "APPROVED", role: null },
      { ratio: "0.9499", status: "PENDING_APPROVAL", role: "SALES_MANAGER" },
      { ratio: "0.5000", status: "PENDING_APPROVAL", role: "SALES_MANAGER" },
      { ratio: "0.4999", status: "PENDING_APPROVAL", role: "TERRITORY_HEAD" },
      { ratio: "0.4500", status: "PENDING_APPROVAL", role: "TERRITORY_HEAD" },
      { ratio: "0.4499", status: "PENDING_APPROVAL", role: "EXECUTIVE" },
    ]);
  });

  it("follows a territory's changed policy at its own boundaries, and refuses a policy that leaves ratios without approver", async () => {
    const head = await t.token("head.food@demo.test");
    const bad = [
      [{ freeRatio: "1.2", steps: [{ minRatio: "0", role: "EXECUTIVE" }] }, "freeRatio"],
      [{ freeRatio: "0.9", steps: [{ minRatio: "0.95", role: "SALES_MANAGER" }, { minRatio: "0", role: "EXECUTIVE" }] }, "steps.0.minRatio"],
      [{ freeRatio: "0.9", steps: [{ minRatio: "0.7", role: "SALES_MANAGER" }, { minRatio: "0.1", role: "EXECUTIVE" }] }, "steps.1.minRatio"],
      [{ freeRatio: "0.9", steps: [{ minRatio: "0.7", role: "TERRITORY_HEAD" }, { minRatio: "0", role: "SALES_MANAGER" }] }, "steps.1.role"],
      [{ freeRatio: "0.9", steps: [{ minRatio: "0", role: "SALES_REP" }] }, "steps.0.role"],
      [{ freeRatio: "0.9", steps: [] }, "steps"],
    ] as const;
    for (const [input, field] of bad) {
      const r = await t.gql(SET_POLICY, { t: territories.FOOD, i: input }, head);
      expect({ field, code: codes(r), at: r.errors?.[0].extensions?.field }).toEqual({ field, code: ["BAD_USER_INPUT"], at: field });
    }
    const otherTerritory = await t.gql(SET_POLICY, { t: territories.COAL, i: { freeRatio: "0.9", steps: [{ minRatio: "0", role: "EXECUTIVE" }] } }, head);
    expect(otherTerritory.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "OUTSIDE_TERRITORY" });
    expect(codes(await t.gql(SET_POLICY, { t: territories.FOOD, i: { freeRatio: "0.9", steps: [{ minRatio: "0", role: "EXECUTIVE" }] } }, await t.token("manager.food@demo.test")))).toEqual(["FORBIDDEN"]);

    const policy = { freeRatio: "0.90", steps: [{ minRatio: "0.70", role: "SALES_MANAGER" }, { minRatio: "0.40", role: "TERRITORY_HEAD" }, { minRatio: "0", role: "EXECUTIVE" }] };
    const set = await s.ok(SET_POLICY, { t: territories.FOOD, i: policy }, "head.food@demo.test");
    expect(set.setQuoteApprovalPolicy).toEqual({ freeRatio: "0.9000", isDefault: false, steps: [{ minRatio: "0.7000", role: "SALES_MANAGER" }, { minRatio: "0.4000", role: "TERRITORY_HEAD" }, { minRatio: "0.0000", role: "EXECUTIVE" }] });
    const read = await s.ok(`query($t: ID!) { quoteApprovalPolicy(territoryId: $t) { freeRatio isDefault } }`, { t: territories.FOOD }, "rep1.food@demo.test");
    expect(read.quoteApprovalPolicy).toEqual({ freeRatio: "0.9000", isDefault: false });
    const opportunity = await s.opportunity("rep1.food@demo.test", { approver: "manager.food@demo.test" });
    const seen = [];
    for (const price of ["90.00", "89.99", "70.00", "69.99", "40.00", "39.99"]) seen.push(outcome(await submitted("rep1.food@demo.test", price, opportunity)));
    expect(seen.map((q) => [q.ratio, q.role])).toEqual([["0.9000", null], ["0.8999", "SALES_MANAGER"], ["0.7000", "SALES_MANAGER"], ["0.6999", "TERRITORY_HEAD"], ["0.4000", "TERRITORY_HEAD"], ["0.3999", "EXECUTIVE"]]);
    // COAL keeps the default.
    const coal = await s.ok(`query($t: ID!) { quoteApprovalPolicy(territoryId: $t) { freeRatio isDefault steps { minRatio role } } }`, { t: territories.COAL }, "head.coal@demo.test");
    expect(coal.quoteApprovalPolicy).toEqual({ freeRatio: "0.9500", isDefault: true, steps: [{ minRatio: "0.5000", role: "SALES_MANAGER" }, { minRatio: "0.4500", role: "TERRITORY_HEAD" }, { minRatio: "0.0000", role: "EXECUTIVE" }] });
  });

  it("lets only the owner's own manager approve a rep's quote; the wrong role, another team or territory and the owner are FORBIDDEN", async () => {
    const quote = await submitted("rep1.coal@demo.test", "60.00");
    expect(quote.requiredApproverRole).toBe("SALES_MANAGER");
    const refusals: Record<string, unknown> = {};
    for (const email of ["rep1.coal@demo.test", "rep2.coal@demo.test", "finance.coal@demo.test", "head.coal@demo.test", "exec@demo.test", "manager.food@demo.test", "head.food@demo.test"]) {
      const r = await t.gql(APPROVE, { id: quote.id }, await t.token(email));
      refusals[email] = [r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.reason ?? null];
    }
    expect(refusals).toEqual({
      "rep1.coal@demo.test": ["FORBIDDEN", null],
      "rep2.coal@demo.test": ["FORBIDDEN", null],
      "finance.coal@demo.test": ["FORBIDDEN", null],
      "head.coal@demo.test": ["FORBIDDEN", "APPROVER_ROLE"],
      "exec@demo.test": ["FORBIDDEN", "APPROVER_ROLE"],
      "manager.food@demo.test": ["FORBIDDEN", "NOT_ABOVE_OWNER"],
      "head.food@demo.test": ["FORBIDDEN", "NOT_ABOVE_OWNER"],
    });
    const approved = await s.ok(APPROVE, { id: quote.id, c: "同意 ok" }, "manager.coal@demo.test");
    expect(approved.approveQuote.status).toBe("APPROVED");
    expect(approved.approveQuote.approvals).toEqual([{ step: 1, role: "SALES_MANAGER", decision: "APPROVED", comment: "同意 ok", approver: { email: "manager.coal@demo.test" }, decidedAt: expect.any(String) }]);
    const again = await t.gql(APPROVE, { id: quote.id }, await t.token("manager.coal@demo.test"));
    expect(again.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "WRONG_STATUS" });
    const missing = await t.gql(APPROVE, { id: "999999" }, await t.token("manager.coal@demo.test"));
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
  });

  it("never lets anyone approve their own quote: a manager's goes to the head, a head's to an executive, an executive's to another", async () => {
    const managers = await submitted("manager.coal@demo.test", "60.00", await s.opportunity("manager.coal@demo.test", { approver: "head.coal@demo.test" }));
    expect(outcome(managers)).toEqual({ ratio: "0.6000", status: "PENDING_APPROVAL", role: "TERRITORY_HEAD" });
    expect((await t.gql(APPROVE, { id: managers.id }, await t.token("manager.coal@demo.test"))).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "APPROVER_ROLE" });
    const approved = await s.ok(APPROVE, { id: managers.id }, "head.coal@demo.test");
    expect(approved.approveQuote.approvals[0]).toMatchObject({ step: 2, role: "TERRITORY_HEAD", decision: "APPROVED", approver: { email: "head.coal@demo.test" } });

    const heads = await submitted("head.coal@demo.test", "48.00", await s.opportunity("head.coal@demo.test", { approver: "head.coal@demo.test" }));
    expect(outcome(heads)).toEqual({ ratio: "0.4800", status: "PENDING_APPROVAL", role: "EXECUTIVE" });
    expect((await t.gql(APPROVE, { id: heads.id }, await t.token("head.coal@demo.test"))).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "APPROVER_ROLE" });
    expect((await s.ok(APPROVE, { id: heads.id }, "exec@demo.test")).approveQuote.status).toBe("APPROVED");
  });

  it("lists what waits for each approver and nobody else, and lets a rejected quote be edited and submitted again", async () => {
    const quote = await submitted("rep2.coal@demo.test", "55.00");
    const pending = async (email: string) => (await s.ok(`{ pendingApprovals(first: 100) { edges { node { kind role decision quote { id } owner { email } } } } }`, {}, email)).pendingApprovals.edges.map((e: any) => e.node);
    expect(await pending("manager.coal@demo.test")).toContainEqual({ kind: "QUOTE", role: "SALES_MANAGER", decision: "PENDING", quote: { id: quote.id }, owner: { email: "rep2.coal@demo.test" } });
    for (const email of ["manager.food@demo.test", "head.coal@demo.test", "exec@demo.test"]) expect((await pending(email)).map((r: any) => r.quote?.id)).not.toContain(quote.id);
    expect(codes(await t.gql(`{ pendingApprovals { edges { node { id } } } }`, {}, await t.token("rep2.coal@demo.test")))).toEqual(["FORBIDDEN"]);

    const rejected = await s.ok(REJECT, { id: quote.id, r: "折扣太大" }, "manager.coal@demo.test");
    expect(rejected.rejectQuote).toMatchObject({ status: "REJECTED", approvals: [{ decision: "REJECTED", comment: "折扣太大" }] });
    expect((await pending("manager.coal@demo.test")).map((r: any) => r.quote?.id)).not.toContain(quote.id);
    const blank = await t.gql(REJECT, { id: quote.id, r: " " }, await t.token("manager.coal@demo.test"));
    expect(blank.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });

    const edited = await s.ok(UPDATE, { id: quote.id, v: rejected.rejectQuote.version, i: { lines: [{ productId: hundred, quantity: "100", netPrice: "70.00" }] } }, "rep2.coal@demo.test");
    expect(edited.updateQuote).toMatchObject({ status: "REJECTED", netRatio: "0.7000", requiredApproverRole: "SALES_MANAGER" });
    const again = await s.ok(SUBMIT, { id: quote.id }, "rep2.coal@demo.test");
    expect(again.submitQuote.status).toBe("PENDING_APPROVAL");
    expect(again.submitQuote.approvals.map((a: any) => a.decision)).toEqual(["REJECTED", "PENDING"]);
  });
});


const SUBSCRIPTION = `subscription { approvalRequested { kind role step decision territory { code } owner { email } quote { id number netRatio status } } }`;

/** Subscribes and collects every event the client receives. */
const watch = (client: Client, query = SUBSCRIPTION, into?: Collector): Collector => collect(client, query, into);

const open = () => t.gateway.services.events.listenerCount(APPROVAL_REQUESTED);
async function listening(before: number, count: number): Promise<void> {
  while (open() < before + count) await new Promise((resolve) => setImmediate(resolve));
}
const heard = (w: Collector) => w.events.map((e) => [e.data.approvalRequested.quote.id, e.data.approvalRequested.role]);

describe("approvalRequested over graphql-ws", () => {
  it("reaches each person who may decide, live, and no one else", async () => {
    const before = open();
    const emails = ["manager.coal@demo.test", "head.coal@demo.test", "exec@demo.test", "manager.food@demo.test", "head.food@demo.test"];
    const [managerCoal, headCoal, exec, managerFood, headFood] = await Promise.all(emails.map(async (e) => watch(t.ws(await t.token(e)))));
    await listening(before, emails.length);
    // FOOD's policy changed above: 0.80 falls to the same roles under both.
    const forManager = await submitted("rep1.coal@demo.test", "60.00");
    await managerCoal.arrived(1, 2000);
    expect(managerCoal.events[0].data.approvalRequested).toEqual({
      kind: "QUOTE",
      role: "SALES_MANAGER",
      step: 1,
      decision: "PENDING",
      territory: { code: "COAL" },
      owner: { email: "rep1.coal@demo.test" },
      quote: { id: forManager.id, number: expect.stringMatching(/^Q-COAL-\d{4}-\d{6}$/), netRatio: "0.6000", status: "PENDING_APPROVAL" },
    });
    // Later requests each of the others may decide: the first event each gets is that one, so the
    // manager's request never reached them.
    const forHead = await submitted("rep1.coal@demo.test", "47.00");
    const forExec = await submitted("rep2.coal@demo.test", "30.00");
    const forFoodManager = await submitted("rep1.food@demo.test", "80.00");
    const forFoodHead = await submitted("manager.food@demo.test", "80.00", await s.opportunity("manager.food@demo.test", { approver: "head.food@demo.test" }));
    for (const w of [headCoal, exec, managerFood, headFood]) await w.arrived(1, 2000);
    expect(heard(headCoal)).toEqual([[forHead.id, "TERRITORY_HEAD"]]);
    expect(heard(exec)).toEqual([[forExec.id, "EXECUTIVE"]]);
    expect(heard(managerFood)).toEqual([[forFoodManager.id, "SALES_MANAGER"]]);
    expect(heard(headFood)).toEqual([[forFoodHead.id, "TERRITORY_HEAD"]]);
    // The COAL manager heard of nothing after their own: the next request for them comes next.
    const next = await submitted("rep2.coal@demo.test", "61.00");
    await managerCoal.arrived(2, 2000);
    expect(heard(managerCoal)).toEqual([[forManager.id, "SALES_MANAGER"], [next.id, "SALES_MANAGER"]]);
  });

  it("reads a request's rows once, however many subscribers hear of it", async () => {
    const ROOT_ONLY = `subscription { approvalRequested { role owner { email } quote { id number netRatio } } }`;
    const opportunity = await s.opportunity("rep1.coal@demo.test");
    const created = async () => (await s.ok(CREATE, { i: { opportunityId: opportunity.opportunityId, validUntil: inDays(20), lines: [{ productId: hundred, quantity: "100", netPrice: "60.00" }] } }, "rep1.coal@demo.test")).createQuote.id;
    const costWith = async (copies: number) => {
      const events = new Collector();
      const before = open();
      const token = await t.token("manager.coal@demo.test");
      for (let i = 0; i < copies; i++) watch(t.ws(token), ROOT_ONLY, events);
      await listening(before, copies);
      const id = await created();
      const statements = await t.countStatements(async () => {
        await s.ok(SUBMIT, { id }, "rep1.coal@demo.test");
        await events.arrived(copies, 2000);
      });
      expect(events.events).toHaveLength(copies);
      return statements;
    };
    expect(await costWith(5)).toBe(await costWith(1));
  });

  it("refuses roles that do not approve", async () => {
    for (const email of ["rep1.coal@demo.test", "finance.coal@demo.test", "marketing.coal@demo.test"]) {
      const first = await t.ws(await t.token(email)).iterate({ query: SUBSCRIPTION }).next();
      expect({ email, codes: first.value.errors.map((e: any) => e.extensions.code) }).toEqual({ email, codes: ["FORBIDDEN"] });
    }
  });
});
