import { startTestGateway, type TestGateway } from "../../test/harness";
import { inDays } from "../../test/quote-scenarios";
import { CREATE_ORDER, OrderScenarios } from "../../test/order-scenarios";

let t: TestGateway;
let s: OrderScenarios;

beforeAll(async () => {
  t = await startTestGateway();
  s = new OrderScenarios(t);
});
afterAll(() => t.stop());

describe("the demo orders", () => {
  // First in this file: the orders below are the demo's alone.
  it("are each made from an ACCEPTED quote, with its amounts and lines, in every state, with payments and some overdue", async () => {
    const ORDERS = `{ orders(first: 100) { edges { node { number status currency amount netRatio invoicedAmount paidAmount lines { position quantity netPrice lineNetTotal product { code } }
      quote { status currency netTotal netRatio lines { quantity netPrice lineNetTotal product { code } } } } } } }`;
    const orders = (await s.ok(ORDERS, {}, "exec@demo.test")).orders.edges.map((e: any) => e.node);
    const asQuoted = orders.map((o: any) => ({
      number: o.number,
      quote: o.quote.status,
      amounts: [o.currency, o.amount, o.netRatio],
      lines: o.lines.map((l: any) => [l.product.code, l.quantity, l.netPrice, l.lineNetTotal]),
    }));
    expect(asQuoted).toEqual(orders.map((o: any) => ({
      number: o.number,
      quote: "ACCEPTED",
      amounts: [o.quote.currency, o.quote.netTotal, o.quote.netRatio],
      lines: o.quote.lines.map((l: any) => [l.product.code, l.quantity, l.netPrice, l.lineNetTotal]),
    })));
    const states = ["DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED", "IN_EXECUTION", "COMPLETED", "CANCELLED"];
    expect(new Set(orders.map((o: any) => o.status))).toEqual(new Set(states));
    expect(orders.filter((o: any) => o.status === "COMPLETED").every((o: any) => o.paidAmount === o.amount)).toBe(true);
    const overdue = await s.ok(`query($d: String!) { overdueInvoices(asOf: $d, first: 5) { totalCount } }`, { d: inDays(0) }, "exec@demo.test");
    expect(overdue.overdueInvoices.totalCount).toBeGreaterThan(0);
  });

  it("leave their opportunities where the workflow would: an ACCEPTED quote's at COMMITMENT (or WON since), an approved order's WON", async () => {
    const ACCEPTED = `{ quotes(first: 100, filter: { status: ACCEPTED }) { edges { node { number opportunity { stage status } } } } }`;
    const quotes = (await s.ok(ACCEPTED, {}, "exec@demo.test")).quotes.edges.map((e: any) => e.node);
    expect(quotes.length).toBeGreaterThan(0);
    const committed = (o: any) => (o.stage === "COMMITMENT" && o.status === "OPEN") || (o.stage === "WON" && o.status === "WON");
    expect(quotes.filter((q: any) => !committed(q.opportunity))).toEqual([]);
    const ORDERS = `{ orders(first: 100) { edges { node { number status opportunity { stage status probability } } } } }`;
    const approved = (await s.ok(ORDERS, {}, "exec@demo.test")).orders.edges.map((e: any) => e.node).filter((o: any) => ["APPROVED", "IN_EXECUTION", "COMPLETED"].includes(o.status));
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.filter((o: any) => !(o.opportunity.stage === "WON" && o.opportunity.status === "WON" && o.opportunity.probability === 100))).toEqual([]);
  });
});

describe("statements per request", () => {
  it("the orders list with owners, territories, accounts, quotes, opportunities, lines with products, approvals, invoices and tasks costs the same for 5, 20 and 50 rows", async () => {
    const rep = "rep1.coal@demo.test";
    const { opportunityId } = await s.quotes.opportunity(rep);
    const product = await s.product("100.00");
    for (let i = 0; i < 50; i++) {
      // At list price: approved at submission, so each quote is four requests from written to accepted.
      const quote = (await s.ok(`mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id } }`, { i: { opportunityId, validUntil: inDays(30), lines: [{ productId: product, quantity: "1", netPrice: "100.00" }] } }, rep)).createQuote;
      for (const step of ["submitQuote", "sendQuote", "acceptQuote"]) await s.ok(`mutation($id: ID!) { ${step}(id: $id) { id } }`, { id: quote.id }, rep);
      await s.ok(CREATE_ORDER, { q: quote.id, i: { template: "STANDARD" } }, rep);
    }
    const PAGE = `query($n: Int) { orders(first: $n, orderBy: { field: CREATED_AT, direction: DESC }) { edges { node { number status amount owner { email } territory { code } account { name } quote { number }
      opportunity { name } lines { quantity product { name } } approvals { role decision } invoices { number outstandingAmount } tasks { title status } } } } }`;
    const token = await t.token("manager.coal@demo.test");
    const cost = (n: number) =>
      t.countStatements(async () => {
        const r = await t.gql(PAGE, { n }, token);
        expect(r.errors).toBeUndefined();
        expect(r.data.orders.edges).toHaveLength(n);
      });
    // The first request of a token reads its viewer: it warms up, uncounted.
    await cost(1);
    const counts = [await cost(5), await cost(20), await cost(50)];
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    // page, owners, accounts, quotes, opportunities, lines, products, approvals, invoices, tasks (territories and the viewer come from caches)
    expect(counts[0]).toBeLessThanOrEqual(10);
  });
});
