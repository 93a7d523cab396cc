import { startTestGateway, type TestGateway } from "../../test/harness";
import { postingsQuery } from "./article-search";
import { termsOf } from "./article-terms";

let t: TestGateway;
let territories: Record<"COAL" | "FOOD", string>;
beforeAll(async () => {
  t = await startTestGateway();
  territories = await t.territoryIds();
});
afterAll(() => t.stop());

const CREATE = `mutation($i: CreateArticleInput!) { createArticle(input: $i) { id status version } }`;
const PUBLISH = `mutation($id: ID!) { publishArticle(id: $id) { id status } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateArticleInput!) { updateArticle(id: $id, version: $v, input: $i) { id version title } }`;
const SEARCH = `query($q: String!) { searchArticles(query: $q, first: 50) { matchedTerms score article { id title territory { code } } } }`;

async function ok(query: string, variables: Record<string, unknown>, who: string) {
  const r = await t.gql(query, variables, await t.token(who));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

/** A published article written by `who` (a territory's agent: for their territory; the executive with group: true, for the group). */
async function article(who: string, title: string, body: string, extra: Record<string, unknown> = {}, publish = true): Promise<string> {
  const id = (await ok(CREATE, { i: { title, body, tags: [], ...extra } }, who)).createArticle.id;
  if (publish) await ok(PUBLISH, { id }, who);
  return id;
}

const hits = async (who: string, q: string) => (await ok(SEARCH, { q }, who)).searchArticles as { matchedTerms: number; score: number; article: { id: string; title: string } }[];
const ids = async (who: string, q: string) => (await hits(who, q)).map((h) => h.article.id);

describe("searchArticles", () => {
  it("finds Chinese and English text by its terms, the articles matching more of them first", async () => {
    const agent = "service.coal@demo.test";
    const both = await article(agent, "鄂尔多斯煤炭发票说明", "开具鄂尔多斯煤炭发票需要三个工作日。");
    const coalOnly = await article(agent, "鄂尔多斯煤炭运输", "鄂尔多斯煤炭经铁路运到港口。");
    const found = await hits("rep1.coal@demo.test", "鄂尔多斯 煤炭 发票");
    const order = found.map((h) => h.article.id);
    expect(order.indexOf(both)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(both)).toBeLessThan(order.indexOf(coalOnly));
    expect(found[0].article.id).toBe(both);
    expect(found.map((h) => h.matchedTerms)).toEqual([...found.map((h) => h.matchedTerms)].sort((a, b) => b - a));
    // 煤炭 发票 finds an article about 煤炭发票 (here among the demo ones).
    const demo = await hits("rep1.coal@demo.test", "煤炭 发票");
    expect(demo[0].article.title).toMatch(/煤炭发票/);
    const english = await article(agent, "Zyqx coal invoices explained", "How zyqx coal invoices are issued after payment.");
    const freight = await article(agent, "Zyqx coal freight", "Rail freight of zyqx coal.");
    expect((await ids("rep1.coal@demo.test", "invoice coal zyqx")).slice(0, 2)).toEqual([english, freight]);
    expect((await hits("rep1.coal@demo.test", "invoice coal"))[0].article.title.toLowerCase()).toMatch(/coal invoices/);
    // A single character finds the articles holding it.
    expect(await ids("rep1.coal@demo.test", "鄂")).toEqual(expect.arrayContaining([both, coalOnly]));
  });

  it("finds published articles in the caller's reach only, and sees a change at once", async () => {
    const coal = await article("service.coal@demo.test", "Qwvz boiler guide", "qwvz boiler for coal customers");
    const food = await article("service.food@demo.test", "Qwvz fryer guide", "qwvz fryer for food customers");
    const group = await article("exec@demo.test", "Qwvz group policy", "qwvz for everyone", { group: true });
    const draft = await article("service.coal@demo.test", "Qwvz draft", "qwvz not yet out", {}, false);
    expect(new Set(await ids("rep1.coal@demo.test", "qwvz"))).toEqual(new Set([coal, group]));
    expect(new Set(await ids("service.food@demo.test", "qwvz"))).toEqual(new Set([food, group]));
    expect(new Set(await ids("exec@demo.test", "qwvz"))).toEqual(new Set([coal, food, group]));
    expect(await ids("service.coal@demo.test", "qwvz")).not.toContain(draft);
    for (const who of ["sysadmin@demo.test", "admin.coal@demo.test"]) expect((await t.gql(SEARCH, { q: "qwvz" }, await t.token(who))).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // A rep does not read a draft; its writer does.
    expect((await ok(`query($id: ID!) { article(id: $id) { id } }`, { id: draft }, "rep1.coal@demo.test")).article).toBeNull();
    expect((await ok(`query($id: ID!) { article(id: $id) { id status } }`, { id: draft }, "service.coal@demo.test")).article.status).toBe("DRAFT");
    // Changed: the old words are gone from the index, the new ones found.
    await ok(UPDATE, { id: coal, v: 2, i: { title: "Kkjv boiler guide", body: "kkjv boiler" } }, "service.coal@demo.test");
    expect(await ids("rep1.coal@demo.test", "qwvz")).toEqual([group]);
    expect(await ids("rep1.coal@demo.test", "kkjv")).toEqual([coal]);
    const stale = await t.gql(UPDATE, { id: coal, v: 2, i: { title: "again" } }, await t.token("service.coal@demo.test"));
    expect(stale.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "STALE_VERSION", field: "version", currentVersion: 3 });
    // Linked to a ticket, read back through it in the reader's reach.
    const ticket = (await ok(`mutation($a: ID!) { createTicket(input: { accountId: $a, type: CONSULTATION, channel: PHONE, subject: "boiler", description: "how?" }) { id } }`, { a: await t.accountOf("rep1.coal@demo.test") }, "service.coal@demo.test")).createTicket.id;
    const linked = await ok(`mutation($t: ID!, $a: ID!) { linkArticle(ticketId: $t, articleId: $a) { articles { id } } }`, { t: ticket, a: coal }, "service.coal@demo.test");
    expect(linked.linkArticle.articles).toEqual([{ id: coal }]);
    const outside = await t.gql(`mutation($t: ID!, $a: ID!) { linkArticle(ticketId: $t, articleId: $a) { id } }`, { t: ticket, a: food }, await t.token("service.coal@demo.test"));
    expect(outside.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "ARTICLE_OUT_OF_REACH" });
  });

  it("refuses bad input on every article mutation and on the search, naming the field", async () => {
    const agent = await t.token("service.coal@demo.test");
    const field = async (query: string, variables: Record<string, unknown>, token = agent) => {
      const r = await t.gql(query, variables, token);
      return [r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.field];
    };
    const create = (i: object) => field(CREATE, { i: { title: "t", body: "b", ...i } });
    expect(await create({ title: " " })).toEqual(["BAD_USER_INPUT", "title"]);
    expect(await create({ body: "" })).toEqual(["BAD_USER_INPUT", "body"]);
    expect(await create({ tags: Array(11).fill("x") })).toEqual(["BAD_USER_INPUT", "tags"]);
    expect(await create({ tags: ["ok", "a,b"] })).toEqual(["BAD_USER_INPUT", "tags.1"]);
    expect(await create({ territoryId: territories.FOOD })).toEqual(["FORBIDDEN", "territoryId"]);
    expect(await create({ group: true })).toEqual(["FORBIDDEN", "group"]);
    const id = (await ok(CREATE, { i: { title: "t", body: "b" } }, "service.coal@demo.test")).createArticle.id;
    expect(await field(UPDATE, { id, v: 1, i: { body: null } })).toEqual(["BAD_USER_INPUT", "body"]);
    expect(await field(UPDATE, { id: "x", v: 1, i: {} })).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(PUBLISH, { id: "0" })).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(SEARCH, { q: " " })).toEqual(["BAD_USER_INPUT", "query"]);
    expect(await field(`{ searchArticles(query: "coal", first: 51) { score } }`, {})).toEqual(["BAD_USER_INPUT", "first"]);
  });

  it("ranks as reading every posting would, while each term's postings in reach fit in its depth", async () => {
    const db = t.gateway.services.db;
    /** The exhaustive ranking: every posting of the query's terms in reach, grouped by article. */
    const everyPosting = async (q: string, reach: number[] | null) => {
      const terms = [...termsOf(q, true).keys()];
      const counts: { term: string; articles: number }[] = await db.query(`SELECT term, articles FROM article_term_counts WHERE term IN (${terms.map(() => "?").join(", ")}, '')`, terms);
      const n = Number(counts.find((c) => c.term === "")!.articles);
      const idf = counts.filter((c) => c.term !== "").map((c) => [c.term, Math.round(1000 * Math.log(1 + n / Number(c.articles)))] as const);
      const rows: { articleId: number; matched: number; score: number }[] = await db.query(
        `SELECT articleId, COUNT(*) AS matched, SUM(weight * CASE term ${idf.map(() => "WHEN ? THEN ?").join(" ")} END) AS score FROM article_terms ` +
          `WHERE term IN (${idf.map(() => "?").join(", ")})${reach ? ` AND reach IN (0, ${reach.join(", ")})` : ""} GROUP BY articleId ORDER BY matched DESC, score DESC, articleId LIMIT 50`,
        [...idf.flat(), ...idf.map(([term]) => term)],
      );
      return rows.map((r) => [String(r.articleId), Number(r.matched), Number(r.score)]);
    };
    for (const [who, q, reach] of [["rep1.coal@demo.test", "煤炭 发票", [Number(territories.COAL)]], ["exec@demo.test", "invoice coal", null], ["service.food@demo.test", "冷链 温度记录 food", [Number(territories.FOOD)]]] as const) {
      const found = (await hits(who, q)).map((h) => [h.article.id, h.matchedTerms, h.score]);
      expect(found.length).toBeGreaterThan(1);
      expect(found).toEqual(await everyPosting(q, reach as number[] | null));
    }
  });

  it("reads each term's best postings in weight order from its index, then the candidates' postings by article: no table scan", async () => {
    const db = t.gateway.services.db;
    const { sql, params } = postingsQuery(db, [["煤炭", 700], ["发票", 900]], [Number(territories.COAL)], 10);
    // The rarest term (the highest idf, 发票) is read deepest.
    expect(sql.match(/ORDER BY b\.weight DESC, b\.articleId ASC LIMIT \d+\) c\d/g)?.map((s) => s.split("LIMIT ")[1])).toEqual(["600) c0", "100) c1"]);
    expect(params.filter((p) => p === "发票" || p === "煤炭").slice(2, 4)).toEqual(["发票", "煤炭"]);
    if (db.options.type === "better-sqlite3") {
      const plan: { id: number; parent: number; detail: string }[] = await db.query(`EXPLAIN QUERY PLAN ${sql}`, params);
      // Each term's candidates: one walk of the weight index in its order (nothing sorted under it).
      const candidates = plan.filter((p) => /^CO-ROUTINE c\d$/.test(p.detail));
      expect(candidates).toHaveLength(2);
      for (const c of candidates) expect(plan.filter((p) => p.parent === c.id).map((p) => p.detail)).toEqual(["SEARCH b USING COVERING INDEX IDX_article_terms_by_weight (term=?)"]);
      const details = plan.map((p) => p.detail);
      expect(details.indexOf("SCAN c")).toBeLessThan(details.findIndex((d) => /^SEARCH p USING .*INDEX .*articleId=\?/.test(d)));
      expect(details.some((d) => /^SCAN (b|p)\b/.test(d))).toBe(false);
    } else {
      const plan: { id: number | null; table: string; type: string; key: string | null; Extra: string }[] = await db.query(`EXPLAIN ${sql}`, params);
      expect(plan[0].table).toBe("<derived2>");
      const walks = plan.filter((row) => row.table === "b");
      expect(walks).toHaveLength(2);
      for (const walk of walks) expect(walk).toMatchObject({ type: "ref", key: "IDX_article_terms_by_weight", Extra: expect.not.stringMatching(/filesort/) });
      expect(plan.find((row) => row.table === "p")).toMatchObject({ type: "ref", key: db.namingStrategy.indexName("article_terms", ["articleId"]) });
      expect(plan.filter((row) => !row.table.startsWith("<")).map((row) => row.type)).not.toContain("ALL");
    }
  });
});
