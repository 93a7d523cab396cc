import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codes, startTestGateway, type TestGateway } from "../../test/harness";
import { QuoteScenarios, SEND, SUBMIT } from "../../test/quote-scenarios";

let t: TestGateway;
let s: QuoteScenarios;
let partnerKey: string;

beforeAll(async () => {
  t = await startTestGateway();
  s = new QuoteScenarios(t);
  const territories = await t.territoryIds();
  const created = await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { name: "Quote partner", territoryIds: Object.values(territories) } }, await t.token("sysadmin@demo.test"));
  partnerKey = created.data.createApiKey.key;
});
afterAll(() => t.stop());

const LIST = `query($n: Int) { quotes(first: $n) { totalCount edges { node { id number status owner { email } territory { code } lines { listPrice netPrice } } } } }`;

/** [id, territory code, owner e-mail] of every quote, from the database. */
async function allQuotes(): Promise<{ id: string; code: string; email: string }[]> {
  const rows: { id: number; code: string; email: string }[] = await t.gateway.services.db.query("SELECT q.id AS id, t.code AS code, u.email AS email FROM quotes q JOIN territories t ON t.id = q.territoryId JOIN users u ON u.id = q.ownerId");
  return rows.map((r) => ({ id: String(r.id), code: r.code, email: r.email }));
}

describe("quote reach, role by role", () => {
  it("gives a rep their own quotes, a manager the team's, head, business manager and finance the territory's, executives all; list and net prices to all of them", async () => {
    const all = await allQuotes();
    const team = ["manager.coal@demo.test", "rep1.coal@demo.test", "rep2.coal@demo.test"];
    const expected: Record<string, (q: { code: string; email: string }) => boolean> = {
      "rep1.coal@demo.test": (q) => q.email === "rep1.coal@demo.test",
      "rep2.food@demo.test": (q) => q.email === "rep2.food@demo.test",
      "manager.coal@demo.test": (q) => q.code === "COAL" && team.includes(q.email),
      "head.coal@demo.test": (q) => q.code === "COAL",
      "ops.coal@demo.test": (q) => q.code === "COAL",
      "finance.food@demo.test": (q) => q.code === "FOOD",
      "exec@demo.test": () => true,
    };
    for (const [email, reaches] of Object.entries(expected)) {
      const r = await t.gql(LIST, { n: 100 }, await t.token(email));
      expect({ email, errors: r.errors }).toEqual({ email, errors: undefined });
      const ids = r.data.quotes.edges.map((e: any) => e.node.id).sort();
      const want = all.filter(reaches).map((q) => q.id).sort();
      expect({ email, ids }).toEqual({ email, ids: want });
      expect({ email, total: r.data.quotes.totalCount }).toEqual({ email, total: want.length });
      if (email !== "rep2.food@demo.test") expect(want.length).toBeGreaterThan(0);
      for (const e of r.data.quotes.edges) for (const line of e.node.lines) expect(line.listPrice).toMatch(/^\d+\.\d\d$/);
    }
  });

  it("gives marketers, service agents, admins and partners no quote, no catalogue and no approval", async () => {
    const credentials: Record<string, string> = { partner: partnerKey };
    for (const email of ["marketing.coal@demo.test", "service.coal@demo.test", "admin.coal@demo.test", "sysadmin@demo.test"]) credentials[email] = await t.token(email);
    const anyQuote = (await allQuotes())[0].id;
    for (const [who, credential] of Object.entries(credentials)) {
      for (const query of [LIST, `query($id: ID!) { quote(id: $id) { id } }`, `{ products { edges { node { id } } } }`, `{ pendingApprovals { edges { node { id } } } }`]) {
        const r = await t.gql(query, { n: 5, id: anyQuote }, credential);
        expect({ who, query, codes: codes(r) }).toEqual({ who, query, codes: ["FORBIDDEN"] });
      }
    }
  });

  it("answers null for a quote outside the caller's reach, as for a missing one", async () => {
    const quote = await s.quote("rep2.coal@demo.test");
    for (const email of ["rep1.coal@demo.test", "head.food@demo.test", "manager.food@demo.test", "finance.food@demo.test"]) {
      const r = await t.gql(`query($id: ID!) { quote(id: $id) { id } }`, { id: quote.id }, await t.token(email));
      expect({ email, r: r.data.quote, errors: r.errors }).toEqual({ email, r: null, errors: undefined });
    }
    for (const email of ["rep2.coal@demo.test", "manager.coal@demo.test", "head.coal@demo.test", "ops.coal@demo.test", "finance.coal@demo.test", "exec@demo.test"]) {
      const r = await t.gql(`query($id: ID!) { quote(id: $id) { id lines { listPrice netPrice } } }`, { id: quote.id }, await t.token(email));
      expect({ email, id: r.data.quote?.id }).toEqual({ email, id: quote.id });
    }
  });
});

/** `GET /quotes/{id}.pdf` as the holder of `credential`. */
const pdf = (id: string, credential?: string) => fetch(t.url.replace(/\/graphql$/, `/quotes/${id}.pdf`), { headers: credential ? { authorization: `Bearer ${credential}` } : {} });

function pdfToText(bytes: Buffer): Promise<string> {
  return (async () => {
    const dir = await mkdtemp(join(tmpdir(), "quote-pdf-"));
    try {
      await writeFile(join(dir, "q.pdf"), bytes);
      return await new Promise<string>((resolve, reject) =>
        execFile("pdftotext", ["-layout", join(dir, "q.pdf"), "-"], (error, stdout) => (error ? reject(error) : resolve(stdout))),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
}

describe("GET /quotes/{id}.pdf", () => {
  it("gives the customer's document, which reads back with its Chinese text, totals in figures and in capital numerals", async () => {
    const { opportunityId, accountId } = await s.opportunity("rep1.coal@demo.test");
    const product = await s.product("COAL-5500");
    const created = await s.ok(
      `mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id number validUntil } }`,
      { i: { opportunityId, validUntil: "2099-12-31", lines: [{ productId: product, quantity: "1.5", netPrice: "823.04" }] } },
      "rep1.coal@demo.test",
    );
    const quote = created.createQuote;
    await s.ok(SUBMIT, { id: quote.id }, "rep1.coal@demo.test");
    await s.ok(SEND, { id: quote.id }, "rep1.coal@demo.test");
    const customer = (await s.ok(`query($id: ID!) { account(id: $id) { name } }`, { id: accountId }, "rep1.coal@demo.test")).account.name;
    const response = await pdf(quote.id, await t.token("rep1.coal@demo.test"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = (await pdfToText(bytes)).replace(/[ \t]+/g, " ");
    // 1.5 × 823.04 = 1234.56; 1.5 × 860.00 = 1290.00.
    for (const expected of [quote.number, "Version: 1", "Coal Trading", customer, "动力煤 5500大卡", "1.500", "1290.00", "1234.56", "壹仟贰佰叁拾肆元伍角陆分", "2099-12-31", "报价单"]) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
  });

  it("answers 404 outside reach exactly as for a missing id, and 401 without a valid token", async () => {
    const quote = await s.quote("rep1.coal@demo.test");
    expect((await pdf(quote.id, await t.token("manager.coal@demo.test"))).status).toBe(200);
    expect((await pdf(quote.id, await t.token("finance.coal@demo.test"))).status).toBe(200);
    const missing = await pdf("999999", await t.token("exec@demo.test"));
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();
    for (const credential of [await t.token("rep2.coal@demo.test"), await t.token("head.food@demo.test"), await t.token("marketing.coal@demo.test"), await t.token("service.coal@demo.test"), partnerKey]) {
      const r = await pdf(quote.id, credential);
      expect([r.status, await r.text()]).toEqual([404, missingBody]);
    }
    expect((await pdf("abc", await t.token("exec@demo.test"))).status).toBe(404);
    expect((await pdf(quote.id)).status).toBe(401);
    expect((await pdf(quote.id, "not-a-token")).status).toBe(401);
  });
});

describe("statements per request", () => {
  it("the quotes list with owners, territories, opportunities, accounts, lines with products and approvals costs the same for 5, 20 and 50 rows", async () => {
    const { opportunityId } = await s.opportunity("rep1.coal@demo.test");
    for (let i = 0; i < 25; i++) await s.quote("rep1.coal@demo.test", "700.00", "1", opportunityId);
    const other = await s.opportunity("rep2.coal@demo.test");
    for (let i = 0; i < 25; i++) await s.quote("rep2.coal@demo.test", "700.00", "1", other.opportunityId);
    const PAGE = `query($n: Int) { quotes(first: $n) { edges { node { number netRatio status owner { email } territory { code } opportunity { name } account { name } lines { quantity lineNetTotal product { name } } approvals { role decision } } } } }`;
    const token = await t.token("manager.coal@demo.test");
    const cost = (n: number) =>
      t.countStatements(async () => {
        const r = await t.gql(PAGE, { n }, token);
        expect(r.errors).toBeUndefined();
        expect(r.data.quotes.edges).toHaveLength(n);
      });
    await cost(1);
    const counts = [await cost(5), await cost(20), await cost(50)];
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    // page, owners, opportunities, accounts, lines, products, approvals (territories and the viewer come from caches)
    expect(counts[0]).toBeLessThanOrEqual(7);
  });
});
