import { codes, startTestGateway, type TestGateway } from "../../test/harness";
import { ACCEPT, CREATE, DECLINE, inDays, QuoteScenarios, REVISE, SEND, SUBMIT, UPDATE, APPROVE } from "../../test/quote-scenarios";

let t: TestGateway;
let s: QuoteScenarios;
const REP = "rep1.coal@demo.test";

beforeAll(async () => {
  t = await startTestGateway();
  s = new QuoteScenarios(t);
});
afterAll(() => t.stop());

const count = async (table: string) => Number((await t.gateway.services.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
const sequenceOf = (number: string) => Number(number.slice(-6));

describe("createQuote", () => {
  it("prices each line from the territory's list, rounds half-up per line, and numbers the quote", async () => {
    const { opportunityId } = await s.opportunity(REP);
    const lines = [
      { productId: await s.product("COAL-5500"), quantity: "12.345", netPrice: "799.99" },
      { productId: await s.product("COAL-FREIGHT"), quantity: "0.005", netPrice: "65.50" },
      { productId: await s.product("FOOD-RICE-10"), quantity: "3", netPrice: "100.00" },
    ];
    const data = await s.ok(CREATE, { i: { opportunityId, validUntil: inDays(10), lines } }, REP);
    const quote = data.createQuote;
    expect(quote).toMatchObject({ status: "DRAFT", quoteVersion: 1, version: 1, currency: "CNY", requiredApproverRole: "SALES_MANAGER" });
    expect(quote.number).toMatch(new RegExp(`^Q-COAL-${new Date().getUTCFullYear()}-\\d{6}$`));
    // 12.345 × 860.00 = 10616.70; × 799.99 = 9875.876 55 → 9875.88; 0.005 × 65.50 = 0.3275 → 0.33; 3 × 128.00 = 384.00.
    expect(quote.lines.map((l: any) => [l.product.code, l.quantity, l.listPrice, l.netPrice, l.lineListTotal, l.lineNetTotal])).toEqual([
      ["COAL-5500", "12.345", "860.00", "799.99", "10616.70", "9875.88"],
      ["COAL-FREIGHT", "0.005", "65.50", "65.50", "0.33", "0.33"],
      ["FOOD-RICE-10", "3.000", "128.00", "100.00", "384.00", "300.00"],
    ]);
    expect([quote.listTotal, quote.netTotal, quote.netRatio]).toEqual(["11001.03", "10176.21", "0.9250"]);
    const audit = await s.ok(`query($id: ID!) { auditTrail(entityType: "Quote", entityId: $id) { action } }`, { id: quote.id }, "manager.coal@demo.test");
    expect(audit.auditTrail.map((a: any) => a.action)).toEqual(["CREATE"]);
  });

  it("refuses each precondition with FAILED_PRECONDITION and its reason, storing nothing and giving no number away", async () => {
    const first = await s.quote(REP);
    const before = { quotes: await count("quotes"), lines: await count("quote_lines") };
    const attempt = async (opportunityId: string, email = REP) => {
      const r = await t.gql(CREATE, { i: { opportunityId, validUntil: inDays(10), lines: [{ productId: await s.product("COAL-5500"), quantity: "1", netPrice: "800.00" }] } }, await t.token(email));
      return [r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.reason];
    };
    const notApproved = await s.opportunity(REP, { approved: false });
    const notVisited = await s.opportunity(REP, { visited: false });
    const closing = await s.opportunity(REP);
    await s.ok(`mutation($id: ID!) { requestClose(id: $id, outcome: WON) { id } }`, { id: closing.opportunityId }, REP);
    const someoneElses = await s.opportunity("rep2.coal@demo.test");
    expect(await attempt(notApproved.opportunityId)).toEqual(["FAILED_PRECONDITION", "ACCOUNT_NOT_APPROVED"]);
    expect(await attempt(notVisited.opportunityId)).toEqual(["FAILED_PRECONDITION", "NO_FACE_TO_FACE_CONTACT"]);
    expect(await attempt(closing.opportunityId)).toEqual(["FAILED_PRECONDITION", "OPPORTUNITY_NOT_OPEN"]);
    expect(await attempt(someoneElses.opportunityId)).toEqual(["FAILED_PRECONDITION", "OPPORTUNITY_OUT_OF_REACH"]);
    expect(await attempt("999999")).toEqual(["FAILED_PRECONDITION", "OPPORTUNITY_OUT_OF_REACH"]);
    expect({ quotes: await count("quotes"), lines: await count("quote_lines") }).toEqual(before);
    // A MEETING counts as a face-to-face contact too.
    const met = await s.opportunity(REP, { activity: "MEETING" });
    const next = await s.quote(REP, "860.00", "1", met.opportunityId);
    expect(sequenceOf(next.number)).toBe(sequenceOf(first.number) + 1);
  });

  it("refuses bad input on every quote mutation, naming the field", async () => {
    const { opportunityId } = await s.opportunity(REP);
    const product = await s.product("COAL-5500");
    const token = await t.token(REP);
    const line = { productId: product, quantity: "1", netPrice: "1.00" };
    const create = (i: object) => t.gql(CREATE, { i: { opportunityId, validUntil: inDays(10), lines: [line], ...i } }, token);
    const field = async (r: Promise<any>) => {
      const res = await r;
      return [res.errors?.[0].extensions?.code, res.errors?.[0].extensions?.field];
    };
    expect(await field(create({ validUntil: "2020-01-01" }))).toEqual(["BAD_USER_INPUT", "validUntil"]);
    expect(await field(create({ validUntil: "2026-02-30" }))).toEqual(["BAD_USER_INPUT", "validUntil"]);
    expect(await field(create({ lines: [] }))).toEqual(["BAD_USER_INPUT", "lines"]);
    expect(await field(create({ lines: [{ ...line, quantity: "1.2345" }] }))).toEqual(["BAD_USER_INPUT", "lines.0.quantity"]);
    expect(await field(create({ lines: [line, { ...line, quantity: "0" }] }))).toEqual(["BAD_USER_INPUT", "lines.1.quantity"]);
    expect(await field(create({ lines: [{ ...line, netPrice: "1.005" }] }))).toEqual(["BAD_USER_INPUT", "lines.0.netPrice"]);
    expect(await field(create({ lines: [{ ...line, netPrice: "-1.00" }] }))).toEqual(["BAD_USER_INPUT", "lines.0.netPrice"]);
    expect(await field(create({ lines: [{ ...line, productId: "999999" }] }))).toEqual(["BAD_USER_INPUT", "lines.0.productId"]);
    expect(await field(create({ lines: [{ ...line, productId: "x" }] }))).toEqual(["BAD_USER_INPUT", "lines.0.productId"]);
    expect(await field(create({ opportunityId: "abc" }))).toEqual(["BAD_USER_INPUT", "opportunityId"]);
    const quote = await s.quote(REP, "860.00", "1", opportunityId);
    expect(await field(t.gql(UPDATE, { id: quote.id, v: 1, i: { validUntil: "tomorrow" } }, token))).toEqual(["BAD_USER_INPUT", "validUntil"]);
    expect(await field(t.gql(UPDATE, { id: quote.id, v: 1, i: { lines: [{ ...line, quantity: "abc" }] } }, token))).toEqual(["BAD_USER_INPUT", "lines.0.quantity"]);
    expect(await field(t.gql(UPDATE, { id: quote.id, v: 1, i: { validUntil: null } }, token))).toEqual(["BAD_USER_INPUT", "validUntil"]);
    expect(await field(t.gql(SUBMIT, { id: "0" }, token))).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(t.gql(SEND, { id: "-1" }, token))).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(t.gql(ACCEPT, { id: "1.5" }, token))).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(t.gql(DECLINE, { id: quote.id, r: "" }, token))).toEqual(["BAD_USER_INPUT", "reason"]);
    expect(await field(t.gql(REVISE, { id: "x" }, token))).toEqual(["BAD_USER_INPUT", "id"]);
    const manager = await t.token("manager.coal@demo.test");
    expect(await field(t.gql(APPROVE, { id: quote.id, c: "x".repeat(501) }, manager))).toEqual(["BAD_USER_INPUT", "comment"]);
    const exec = await t.token("exec@demo.test");
    expect(await field(t.gql(`mutation { runQuoteExpiry(asOf: "2099-01-01T00:00:00Z") { expired } }`, {}, exec))).toEqual(["BAD_USER_INPUT", "asOf"]);
    expect(await field(t.gql(`mutation { setListPrice(productId: "${product}", territoryId: "1", listPrice: "0") { listPrice } }`, {}, exec))).toEqual(["BAD_USER_INPUT", "listPrice"]);
    expect(await field(t.gql(`mutation { createProduct(input: { code: "has space", name: "x", unit: "t" }) { id } }`, {}, exec))).toEqual(["BAD_USER_INPUT", "code"]);
    expect(await field(t.gql(`mutation { createProduct(input: { code: "COAL-5500", name: "again", unit: "t" }) { id } }`, {}, exec))).toEqual(["CONFLICT", "code"]);
    expect(await field(t.gql(`mutation { updateProduct(id: "${product}", version: 1, input: { name: "" }) { id } }`, {}, exec))).toEqual(["BAD_USER_INPUT", "name"]);
  });
});

describe("a quote's life", () => {
  it("refuses a stale version with CONFLICT, and edits only DRAFT and REJECTED quotes", async () => {
    const quote = await s.quote(REP);
    const first = await s.ok(UPDATE, { id: quote.id, v: 1, i: { validUntil: inDays(40) } }, REP);
    expect(first.updateQuote).toMatchObject({ version: 2, validUntil: inDays(40) });
    const stale = await t.gql(UPDATE, { id: quote.id, v: 1, i: { validUntil: inDays(41) } }, await t.token(REP));
    expect(stale.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "STALE_VERSION", field: "version", currentVersion: 2 });
    const submitted = await s.ok(SUBMIT, { id: quote.id }, REP);
    expect(submitted.submitQuote.status).toBe("APPROVED");
    const locked = await t.gql(UPDATE, { id: quote.id, v: submitted.submitQuote.version, i: { validUntil: inDays(41) } }, await t.token(REP));
    expect(locked.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "WRONG_STATUS" });
  });

  it("sends, accepts (moving the opportunity to COMMITMENT) and declines; each step only from its status", async () => {
    const { opportunityId } = await s.opportunity(REP);
    const quote = await s.quote(REP, "860.00", "10", opportunityId);
    const token = await t.token(REP);
    expect((await t.gql(SEND, { id: quote.id }, token)).errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "WRONG_STATUS" });
    await s.ok(SUBMIT, { id: quote.id }, REP);
    expect((await s.ok(SEND, { id: quote.id }, REP)).sendQuote.status).toBe("SENT");
    const accepted = await s.ok(ACCEPT, { id: quote.id }, REP);
    expect(accepted.acceptQuote).toMatchObject({ status: "ACCEPTED", opportunity: { id: opportunityId, stage: "COMMITMENT" } });
    const history = await s.ok(`query($id: ID!) { opportunity(id: $id) { stage quotes { id status } stageHistory { toStage } } }`, { id: opportunityId }, REP);
    expect(history.opportunity.quotes).toEqual([{ id: quote.id, status: "ACCEPTED" }]);
    expect(history.opportunity.stageHistory.map((h: any) => h.toStage)).toEqual(["PROSPECTING", "COMMITMENT"]);

    const other = await s.quote(REP);
    await s.ok(SUBMIT, { id: other.id }, REP);
    await s.ok(SEND, { id: other.id }, REP);
    expect((await s.ok(DECLINE, { id: other.id, r: "价格偏高" }, REP)).declineQuote.status).toBe("DECLINED");
    expect((await t.gql(ACCEPT, { id: other.id }, token)).errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "WRONG_STATUS" });
    const trail = await s.ok(`query($id: ID!) { auditTrail(entityType: "Quote", entityId: $id) { action } }`, { id: other.id }, "manager.coal@demo.test");
    expect(trail.auditTrail.map((a: any) => a.action).sort()).toEqual(["CREATE", "DECLINE", "SEND", "SUBMIT"]);
  });

  it("revises into the next version as a DRAFT copy; the old one is SUPERSEDED and stays readable", async () => {
    const quote = await s.quote(REP, "600.00");
    await s.ok(SUBMIT, { id: quote.id }, REP);
    const next = (await s.ok(REVISE, { id: quote.id }, REP)).reviseQuote;
    expect(next).toMatchObject({ number: quote.number, quoteVersion: 2, status: "DRAFT", netTotal: quote.netTotal, lines: [{ quantity: "100.000", netPrice: "600.00" }] });
    expect(next.id).not.toBe(quote.id);
    const old = await s.ok(`query($id: ID!) { quote(id: $id) { status quoteVersion netTotal supersededBy { id quoteVersion } approvals { decision } lines { netPrice } } }`, { id: quote.id }, REP);
    expect(old.quote).toEqual({ status: "SUPERSEDED", quoteVersion: 1, netTotal: quote.netTotal, supersededBy: { id: next.id, quoteVersion: 2 }, approvals: [{ decision: "WITHDRAWN" }], lines: [{ netPrice: "600.00" }] });
    const again = await t.gql(REVISE, { id: quote.id }, await t.token(REP));
    expect(again.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "WRONG_STATUS" });
    const pending = await s.ok(`{ pendingApprovals(first: 100) { edges { node { quote { id } } } } }`, {}, "manager.coal@demo.test");
    expect(pending.pendingApprovals.edges.map((e: any) => e.node.quote.id)).not.toContain(quote.id);
  });

  it("expires SENT quotes the day after validUntil, as of fixed dates, and refuses a moment in the future", async () => {
    const quote = await s.quote(REP);
    await s.ok(SUBMIT, { id: quote.id }, REP);
    await s.ok(SEND, { id: quote.id }, REP);
    // Valid until 2025-03-31: as if sent then (the API takes no validity in the past).
    await t.gateway.services.db.query("UPDATE quotes SET validUntil = '2025-03-31' WHERE id = ?", [Number(quote.id)]);
    const run = async (asOf: string) => (await s.ok(`mutation($a: DateTimeISO!) { runQuoteExpiry(asOf: $a) { asOf expired } }`, { a: asOf }, "exec@demo.test")).runQuoteExpiry;
    const status = async () => (await s.ok(`query($id: ID!) { quote(id: $id) { status } }`, { id: quote.id }, REP)).quote.status;
    await run("2025-03-31T23:59:59.999Z");
    expect(await status()).toBe("SENT");
    const expired = await run("2025-04-01T00:00:00.000Z");
    expect(expired.expired).toBeGreaterThanOrEqual(1);
    expect(await status()).toBe("EXPIRED");
    expect(codes(await t.gql(`mutation { runQuoteExpiry(asOf: "2025-04-01T00:00:00Z") { expired } }`, {}, await t.token(REP)))).toEqual(["FORBIDDEN"]);
    expect((await t.gql(`mutation { runQuoteExpiry(asOf: "2025-04-01T00:00:00Z") { expired } }`, {}, await t.token("sysadmin@demo.test"))).errors).toBeUndefined();
    const trail = await s.ok(`query($id: ID!) { auditTrail(entityType: "Quote", entityId: $id) { action actor } }`, { id: quote.id }, "manager.coal@demo.test");
    expect(trail.auditTrail.map((a: any) => a.action)).toContain("EXPIRE");
  });

  it("numbers 20 quotes created at once without a duplicate or a gap", async () => {
    const opportunities: string[] = [];
    for (let i = 0; i < 4; i++) opportunities.push((await s.opportunity(REP)).opportunityId);
    const token = await t.token(REP);
    const product = await s.product("COAL-5500");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.gql(`mutation($i: CreateQuoteInput!) { createQuote(input: $i) { number } }`, { i: { opportunityId: opportunities[i % 4], validUntil: inDays(9), lines: [{ productId: product, quantity: "1", netPrice: "860.00" }] } }, token),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const sequences = results.map((r) => sequenceOf(r.data.createQuote.number)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => sequences[0] + i));
    const last = await s.quote(REP);
    expect(sequenceOf(last.number)).toBe(sequences[19] + 1);
  });
});

describe("the catalogue", () => {
  it("lets heads and business managers price their own territory only, executives any; everyone with quote access reads prices of their territory", async () => {
    const territories = await t.territoryIds();
    const code = `TEST-CAT-${Date.now()}`;
    const created = await s.ok(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id code active version } }`, { i: { code: code.toLowerCase(), name: "精煤 Clean coal", unit: "吨" } }, "ops.coal@demo.test");
    expect(created.createProduct).toMatchObject({ code, active: true, version: 1 });
    const id = created.createProduct.id;
    const price = (territory: string, email: string) => t.gql(`mutation($p: ID!, $t: ID!) { setListPrice(productId: $p, territoryId: $t, listPrice: "999.50") { listPrice currency territory { code } } }`, { p: id, t: territory }, email);
    expect((await price(territories.COAL, await t.token("ops.coal@demo.test"))).data.setListPrice).toEqual({ listPrice: "999.50", currency: "CNY", territory: { code: "COAL" } });
    expect((await price(territories.FOOD, await t.token("head.coal@demo.test"))).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "OUTSIDE_TERRITORY" });
    expect(codes(await price(territories.COAL, await t.token(REP)))).toEqual(["FORBIDDEN"]);
    expect((await price(territories.FOOD, await t.token("exec@demo.test"))).errors).toBeUndefined();
    const read = async (email: string) => (await s.ok(`query($s: String) { products(first: 5, filter: { search: $s, active: true }) { edges { node { code prices { listPrice territory { code } } } } } }`, { s: code }, email)).products.edges;
    expect(await read(REP)).toEqual([{ node: { code, prices: [{ listPrice: "999.50", territory: { code: "COAL" } }] } }]);
    expect((await read("exec@demo.test"))[0].node.prices).toHaveLength(2);
    expect(codes(await t.gql(`{ products { edges { node { id } } } }`, {}, await t.token("marketing.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    const off = await s.ok(`mutation($id: ID!) { updateProduct(id: $id, version: 1, input: { active: false }) { active version } }`, { id }, "exec@demo.test");
    expect(off.updateProduct).toEqual({ active: false, version: 2 });
    const stale = await t.gql(`mutation($id: ID!) { updateProduct(id: $id, version: 1, input: { active: true }) { active } }`, { id }, await t.token("exec@demo.test"));
    expect(stale.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "STALE_VERSION" });
    const { opportunityId } = await s.opportunity(REP);
    const inactive = await t.gql(CREATE, { i: { opportunityId, validUntil: inDays(5), lines: [{ productId: id, quantity: "1", netPrice: "1.00" }] } }, await t.token(REP));
    expect(inactive.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "lines.0.productId" });
  });
});

