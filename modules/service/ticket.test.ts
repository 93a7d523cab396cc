import type { Client } from "graphql-ws";
import { startTestGateway, type TestGateway } from "../../test/harness";
import { followTransferredAccount } from "./account-transferred.handler";
import { TICKET_BREACHED } from "./service.events";

let t: TestGateway;
let territories: Record<"COAL" | "FOOD", string>;
beforeAll(async () => {
  t = await startTestGateway();
  territories = await t.territoryIds();
});
afterAll(() => t.stop());

const FIELDS = `id number status priority channel tier createdAt firstResponseDueAt resolutionDueAt firstRespondedAt resolvedAt closedAt firstResponseBreached resolutionBreached satisfaction version
  slaPolicy { firstResponseMinutes resolutionMinutes source } territory { code }`;
const CREATE = `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${FIELDS} } }`;
const STATUS = `mutation($id: ID!, $s: TicketStatus!) { setTicketStatus(id: $id, status: $s) { ${FIELDS} } }`;
const COMMENT = `mutation($id: ID!, $b: String!, $p: Boolean!) { addTicketComment(id: $id, input: { body: $b, public: $p }) { ${FIELDS} comments { body public author { email } } } }`;
const REOPEN = `mutation($id: ID!, $r: String!) { reopenTicket(id: $id, reason: $r) { ${FIELDS} } }`;
const RATE = `mutation($id: ID!, $s: Int!, $c: String) { rateTicket(id: $id, score: $s, comment: $c) { id satisfaction } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateTicketInput!) { updateTicket(id: $id, version: $v, input: $i) { ${FIELDS} } }`;
const ASSIGN = `mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { id status assignee { email } } }`;
const SWEEP = `mutation($at: DateTimeISO!) { runSlaSweep(asOf: $at) { firstResponseBreaches resolutionBreaches } }`;
const ONE = `query($id: ID!) { ticket(id: $id) { id } }`;

const AGENT = "service.coal@demo.test";
const MIN = 60_000;

async function ok(query: string, variables: Record<string, unknown>, who: string | { key: string }) {
  const r = await t.gql(query, variables, typeof who === "string" ? await t.token(who) : who.key);
  if (r.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(r.errors)}`);
  return r.data;
}
const refusal = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => [r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.reason ?? r.errors?.[0].extensions?.field];
const sql = (statement: string, params: unknown[] = []) => t.gateway.services.db.query(statement, params);
const isoSql = (d: Date) => d.toISOString().slice(0, 23).replace("T", " ");
const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / MIN;

async function ticketFor(accountId: string, who = AGENT, extra: Record<string, unknown> = {}) {
  const data = await ok(CREATE, { i: { accountId, type: "COMPLAINT", channel: "PHONE", priority: "NORMAL", subject: "Coal arrived wet", description: "水分超标", ...extra } }, who);
  return data.createTicket;
}

describe("due times and the SLA policy", () => {
  it("gives each priority × tier its targets, follows a changed policy, and recomputes from creation on a priority change", async () => {
    const accounts: { id: number }[] = await sql("SELECT id FROM accounts WHERE territoryId = ? AND inPublicPool = ? ORDER BY id LIMIT 4", [Number(territories.COAL), false]);
    const tiers = ["STRATEGIC", "KEY", "GENERAL", "RETAIL"];
    for (const [i, a] of accounts.entries()) await sql("UPDATE accounts SET tier = ? WHERE id = ?", [tiers[i], a.id]);
    const expected: Record<string, [number, number]> = { URGENT: [60, 480], HIGH: [240, 1440], NORMAL: [480, 4320], LOW: [1440, 7200] };
    for (const priority of Object.keys(expected)) {
      for (const [i, a] of accounts.entries()) {
        const ticket = await ticketFor(String(a.id), AGENT, { priority });
        expect([ticket.tier, minutes(ticket.createdAt, ticket.firstResponseDueAt), minutes(ticket.createdAt, ticket.resolutionDueAt)]).toEqual([tiers[i], ...expected[priority]]);
        expect(ticket.number).toMatch(new RegExp(`^T-COAL-${new Date().getUTCFullYear()}-\\d{6}$`));
      }
    }
    const head = "head.coal@demo.test";
    await ok(`mutation($t: ID!) { setSlaPolicy(territoryId: $t, input: { priority: HIGH, tier: KEY, firstResponseMinutes: 30, resolutionMinutes: 120 }) { priority } }`, { t: territories.COAL }, head);
    const policies = await ok(`mutation($t: ID!) { setSlaPolicy(territoryId: $t, input: { priority: HIGH, firstResponseMinutes: 60, resolutionMinutes: 600 }) { priority tier firstResponseMinutes resolutionMinutes source } }`, { t: territories.COAL }, head);
    const high = policies.setSlaPolicy.filter((p: any) => p.priority === "HIGH").map((p: any) => [p.tier, p.firstResponseMinutes, p.resolutionMinutes, p.source]);
    expect(high).toEqual([["STRATEGIC", 60, 600, "ALL_TIERS"], ["KEY", 30, 120, "TIER"], ["GENERAL", 60, 600, "ALL_TIERS"], ["RETAIL", 60, 600, "ALL_TIERS"]]);
    const key = await ticketFor(String(accounts[1].id), AGENT, { priority: "HIGH" });
    expect([minutes(key.createdAt, key.firstResponseDueAt), minutes(key.createdAt, key.resolutionDueAt), key.slaPolicy.source]).toEqual([30, 120, "TIER"]);
    const food = await ok(`query($t: ID!) { slaPolicies(territoryId: $t) { priority tier source } }`, { t: territories.FOOD }, "exec@demo.test");
    expect(food.slaPolicies.every((p: any) => p.source === "DEFAULT")).toBe(true);
    // A new priority: due from creation under the policy now (RETAIL: HIGH for every tier, 60/600; then URGENT, the default).
    const retail = await ticketFor(String(accounts[3].id), AGENT, { priority: "LOW" });
    const raised = (await ok(UPDATE, { id: retail.id, v: 1, i: { priority: "HIGH" } }, AGENT)).updateTicket;
    expect([raised.priority, minutes(raised.createdAt, raised.firstResponseDueAt), minutes(raised.createdAt, raised.resolutionDueAt), raised.version]).toEqual(["HIGH", 60, 600, 2]);
    const stale = await t.gql(UPDATE, { id: retail.id, v: 1, i: { priority: "URGENT" } }, await t.token(AGENT));
    expect(stale.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "STALE_VERSION", field: "version", currentVersion: 2 });
    const urgent = (await ok(UPDATE, { id: retail.id, v: 2, i: { priority: "URGENT" } }, AGENT)).updateTicket;
    expect([minutes(urgent.createdAt, urgent.firstResponseDueAt), minutes(urgent.createdAt, urgent.resolutionDueAt)]).toEqual([60, 480]);
  });

  it("excludes PENDING time from both clocks, stops the first-response clock at an agent's first public comment, and the resolution clock at RESOLVED", async () => {
    const ticket = await ticketFor(await t.accountOf("rep1.coal@demo.test"));
    await ok(COMMENT, { id: ticket.id, b: "internal note", p: false }, AGENT);
    const byRep = (await ok(COMMENT, { id: ticket.id, b: "the rep tells the customer", p: true }, "rep1.coal@demo.test")).addTicketComment;
    expect([byRep.firstRespondedAt, byRep.status]).toEqual([null, "NEW"]);
    await ok(STATUS, { id: ticket.id, s: "PENDING" }, AGENT);
    // 90 minutes waiting on the customer, as if the ticket had gone PENDING then.
    await sql("UPDATE tickets SET pausedSince = ? WHERE id = ?", [isoSql(new Date(Date.now() - 90 * MIN)), Number(ticket.id)]);
    const resumed = (await ok(STATUS, { id: ticket.id, s: "OPEN" }, AGENT)).setTicketStatus;
    expect([minutes(resumed.createdAt, resumed.firstResponseDueAt), minutes(resumed.createdAt, resumed.resolutionDueAt)]).toEqual([480 + 90, 4320 + 90]);
    const answered = (await ok(COMMENT, { id: ticket.id, b: "我们已安排复检。", p: true }, AGENT)).addTicketComment;
    expect(answered.firstRespondedAt).not.toBeNull();
    expect(answered.comments.map((c: any) => [c.public, c.author.email])).toEqual([[false, AGENT], [true, "rep1.coal@demo.test"], [true, AGENT]]);
    const resolved = (await ok(STATUS, { id: ticket.id, s: "RESOLVED" }, AGENT)).setTicketStatus;
    expect(resolved.resolvedAt).not.toBeNull();
    expect(refusal(await t.gql(STATUS, { id: ticket.id, s: "OPEN" }, await t.token(AGENT)))).toEqual(["FAILED_PRECONDITION", "WRONG_STATUS"]);
  });

  it("reopens within 30 days of resolution, going on from where the resolution clock stood, and refuses after", async () => {
    const inside = await ticketFor(await t.accountOf("rep1.coal@demo.test"));
    await ok(STATUS, { id: inside.id, s: "RESOLVED" }, AGENT);
    await sql("UPDATE tickets SET resolvedAt = ? WHERE id = ?", [isoSql(new Date(Date.now() - 30 * 24 * 60 * MIN + MIN)), Number(inside.id)]);
    const reopened = (await ok(REOPEN, { id: inside.id, r: "客户说问题还在" }, "rep1.coal@demo.test")).reopenTicket;
    expect([reopened.status, reopened.resolvedAt]).toEqual(["OPEN", null]);
    // The clock stood still from resolution to the reopen: 30 days less a minute.
    expect(minutes(inside.resolutionDueAt, reopened.resolutionDueAt)).toBeGreaterThanOrEqual(30 * 24 * 60 - 1);
    const late = await ticketFor(await t.accountOf("rep1.coal@demo.test"));
    await ok(STATUS, { id: late.id, s: "CLOSED" }, AGENT);
    await sql("UPDATE tickets SET resolvedAt = ?, closedAt = ? WHERE id = ?", [isoSql(new Date(Date.now() - 30 * 24 * 60 * MIN - MIN)), isoSql(new Date(Date.now() - 30 * 24 * 60 * MIN - MIN)), Number(late.id)]);
    expect(refusal(await t.gql(REOPEN, { id: late.id, r: "again" }, await t.token(AGENT)))).toEqual(["FAILED_PRECONDITION", "REOPEN_WINDOW_PASSED"]);
    expect(refusal(await t.gql(REOPEN, { id: reopened.id, r: "again" }, await t.token(AGENT)))).toEqual(["FAILED_PRECONDITION", "WRONG_STATUS"]);
  });
});

describe("satisfaction", () => {
  it("is rated once, after resolution, 1 to 5, by the creator's side only", async () => {
    const rep = "rep1.coal@demo.test";
    const ticket = await ticketFor(await t.accountOf(rep), rep);
    const rate = async (who: string, score: number) => refusal(await t.gql(RATE, { id: ticket.id, s: score, c: "很满意" }, await t.token(who)));
    expect(await rate(rep, 5)).toEqual(["FAILED_PRECONDITION", "NOT_RESOLVED"]);
    await ok(STATUS, { id: ticket.id, s: "RESOLVED" }, AGENT);
    expect(await rate(AGENT, 5)).toEqual(["FORBIDDEN", "NOT_CREATOR_SIDE"]);
    expect(await rate(rep, 0)).toEqual(["BAD_USER_INPUT", "score"]);
    expect(await rate(rep, 6)).toEqual(["BAD_USER_INPUT", "score"]);
    expect((await ok(RATE, { id: ticket.id, s: 4, c: "处理及时" }, rep)).rateTicket.satisfaction).toBe(4);
    expect(await rate(rep, 5)).toEqual(["FAILED_PRECONDITION", "ALREADY_RATED"]);
    expect(await rate("manager.coal@demo.test", 5)).toEqual(["FORBIDDEN", "NOT_CREATOR_SIDE"]);
  });
});

describe("reach", () => {
  it("shows each role the tickets it should reach, and nothing else", async () => {
    const mine = await ticketFor(await t.accountOf("rep1.coal@demo.test"));
    const theirs = await ticketFor(await t.accountOf("rep2.coal@demo.test"));
    const food = await ticketFor(await t.accountOf("rep1.food@demo.test"), "service.food@demo.test");
    const sees = async (who: string | { key: string }) => {
      const token = typeof who === "string" ? await t.token(who) : who.key;
      const out: (boolean | string)[] = [];
      for (const ticket of [mine, theirs, food]) {
        const r = await t.gql(ONE, { id: ticket.id }, token);
        out.push(r.errors ? String(r.errors[0].extensions?.code) : r.data.ticket !== null);
      }
      return out;
    };
    const key = async (territory: string) => ({ key: (await ok(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: { name: `desk ${territory}`, territoryIds: [territory], expiresAt: null } }, "sysadmin@demo.test")).createApiKey.key as string });
    expect(await sees(AGENT)).toEqual([true, true, false]);
    expect(await sees("head.coal@demo.test")).toEqual([true, true, false]);
    expect(await sees("ops.coal@demo.test")).toEqual([true, true, false]);
    expect(await sees("manager.coal@demo.test")).toEqual([true, true, false]);
    expect(await sees("rep1.coal@demo.test")).toEqual([true, false, false]);
    expect(await sees("rep2.coal@demo.test")).toEqual([false, true, false]);
    expect(await sees("service.food@demo.test")).toEqual([false, false, true]);
    expect(await sees("exec@demo.test")).toEqual([true, true, true]);
    for (const who of ["finance.coal@demo.test", "marketing.coal@demo.test", "admin.coal@demo.test", "sysadmin@demo.test"]) expect(await sees(who)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect(await sees(await key(territories.COAL))).toEqual([true, true, false]);
    expect(await sees(await key(territories.FOOD))).toEqual([false, false, true]);
    // The list: a rep's page holds the tickets of the accounts in their reach only.
    const page = await ok(`{ tickets(first: 100) { edges { node { id account { id owner { email } } } } } }`, {}, "rep1.coal@demo.test");
    const ids = page.tickets.edges.map((e: any) => e.node.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(food.id);
  });

  it("lets a partner key enter tickets for its territories only, as PARTNER, showing it public comments only", async () => {
    const { key } = (await ok(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: { name: "coal partner", territoryIds: [territories.COAL], expiresAt: null } }, "sysadmin@demo.test")).createApiKey;
    const ticket = await ticketFor(await t.accountOf("rep2.coal@demo.test"), { key } as never);
    expect([ticket.channel, ticket.status, ticket.territory.code]).toEqual(["PARTNER", "NEW", "COAL"]);
    const outside = await t.gql(CREATE, { i: { accountId: await t.accountOf("rep1.food@demo.test"), type: "REQUEST", channel: "PARTNER", subject: "x", description: "y" } }, key);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: "FAILED_PRECONDITION", reason: "ACCOUNT_OUT_OF_REACH", field: "accountId" });
    await ok(COMMENT, { id: ticket.id, b: "internal", p: false }, AGENT);
    await ok(COMMENT, { id: ticket.id, b: "public answer", p: true }, AGENT);
    const seen = await t.gql(`query($id: ID!) { ticket(id: $id) { comments { body } } }`, { id: ticket.id }, key);
    expect(seen.data.ticket.comments).toEqual([{ body: "public answer" }]);
    await ok(STATUS, { id: ticket.id, s: "RESOLVED" }, AGENT);
    expect((await t.gql(RATE, { id: ticket.id, s: 3 }, key)).data.rateTicket.satisfaction).toBe(3);
  });
});

describe("bad input", () => {
  it("is refused on every ticket mutation, naming the field", async () => {
    const token = await t.token(AGENT);
    const account = await t.accountOf("rep1.coal@demo.test");
    const ticket = await ticketFor(account);
    const field = async (query: string, variables: Record<string, unknown>, who = token) => {
      const r = await t.gql(query, variables, who);
      return [r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.field];
    };
    const create = (i: object) => field(CREATE, { i: { accountId: account, type: "REPAIR", channel: "PHONE", subject: "s", description: "d", ...i } });
    expect(await create({ accountId: "x" })).toEqual(["BAD_USER_INPUT", "accountId"]);
    expect(await create({ subject: "  " })).toEqual(["BAD_USER_INPUT", "subject"]);
    expect(await create({ subject: "x".repeat(201) })).toEqual(["BAD_USER_INPUT", "subject"]);
    expect(await create({ description: "" })).toEqual(["BAD_USER_INPUT", "description"]);
    expect(await create({ contactId: "999999" })).toEqual(["BAD_USER_INPUT", "contactId"]);
    expect(await create({ assigneeId: await t.userId("rep1.coal@demo.test") })).toEqual(["BAD_USER_INPUT", "assigneeId"]);
    expect(await create({ priority: "SOON" })).toEqual(["BAD_USER_INPUT", "priority"]);
    expect(await field(UPDATE, { id: ticket.id, v: 1, i: { subject: null } })).toEqual(["BAD_USER_INPUT", "subject"]);
    expect(await field(UPDATE, { id: "0", v: 1, i: {} })).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(ASSIGN, { id: ticket.id, a: await t.userId("service.food@demo.test") })).toEqual(["BAD_USER_INPUT", "assigneeId"]);
    expect(await field(ASSIGN, { id: ticket.id, a: "x" })).toEqual(["BAD_USER_INPUT", "assigneeId"]);
    expect(await field(COMMENT, { id: ticket.id, b: " ", p: true })).toEqual(["BAD_USER_INPUT", "body"]);
    expect(await field(STATUS, { id: "x", s: "OPEN" })).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(REOPEN, { id: ticket.id, r: "" })).toEqual(["BAD_USER_INPUT", "reason"]);
    expect(await field(RATE, { id: "-1", s: 3 })).toEqual(["BAD_USER_INPUT", "id"]);
    expect(await field(`mutation { linkArticle(ticketId: "${ticket.id}", articleId: "x") { id } }`, {})).toEqual(["BAD_USER_INPUT", "articleId"]);
    const head = await t.token("head.coal@demo.test");
    const policy = (i: string) => field(`mutation($t: ID!) { setSlaPolicy(territoryId: $t, input: { priority: LOW, ${i} }) { priority } }`, { t: territories.COAL }, head);
    expect(await policy("firstResponseMinutes: 0, resolutionMinutes: 10")).toEqual(["BAD_USER_INPUT", "firstResponseMinutes"]);
    expect(await policy("firstResponseMinutes: 60, resolutionMinutes: 30")).toEqual(["BAD_USER_INPUT", "resolutionMinutes"]);
    expect(await field(`mutation($t: ID!) { setSlaPolicy(territoryId: $t, input: { priority: LOW, firstResponseMinutes: 1, resolutionMinutes: 1 }) { priority } }`, { t: territories.FOOD }, head)).toEqual(["FORBIDDEN", "territoryId"]);
    expect(await field(SWEEP, { at: new Date(Date.now() + 3600_000).toISOString() }, await t.token("exec@demo.test"))).toEqual(["BAD_USER_INPUT", "asOf"]);
  });
});

/** Every event a subscription receives, and a promise for "the n-th has arrived". */
function watch(client: Client) {
  const events: any[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    try {
      for await (const e of client.iterate({ query: `subscription { slaBreached { clock dueAt ticket { id number territory { code } } } }` })) {
        events.push(e);
        waiters.forEach((w) => w());
      }
    } catch (error) {
      errors.push(error);
      waiters.forEach((w) => w());
    }
  })();
  const arrived = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${events.length} of ${count} breaches arrived`)), 10_000);
      const check = () => {
        if (events.length >= count || errors.length > 0) {
          clearTimeout(timer);
          waiters.delete(check);
          errors.length > 0 && events.length < count ? reject(new Error(JSON.stringify(errors))) : resolve();
        }
      };
      waiters.add(check);
      check();
    });
  return { events, errors, arrived, tickets: () => events.map((e) => [e.data.slaBreached.ticket.id, e.data.slaBreached.clock]) };
}

describe("SLA breaches", () => {
  it("are flagged exactly once, audited, and heard live by the assignee and the territory's agents and head only", async () => {
    const before = t.gateway.services.events.listenerCount(TICKET_BREACHED);
    const agent = watch(t.ws(await t.token(AGENT)));
    const head = watch(t.ws(await t.token("head.coal@demo.test")));
    const foodAgent = watch(t.ws(await t.token("service.food@demo.test")));
    const foodHead = watch(t.ws(await t.token("head.food@demo.test")));
    const rep = watch(t.ws(await t.token("rep1.coal@demo.test")));
    const exec = watch(t.ws(await t.token("exec@demo.test")));
    while (t.gateway.services.events.listenerCount(TICKET_BREACHED) < before + 4) await new Promise((r) => setImmediate(r));
    // Refused when they subscribe: their one message is the error.
    await Promise.all([rep.arrived(1), exec.arrived(1)]);
    expect([rep.events, exec.events].map((e) => e.map((x: any) => x.errors?.[0].extensions?.code))).toEqual([["FORBIDDEN"], ["FORBIDDEN"]]);

    const exec_ = "exec@demo.test";
    const breach = async (territory: "COAL" | "FOOD", clock: "firstResponseDueAt" | "resolutionDueAt") => {
      const ticket = await ticketFor(await t.accountOf(territory === "COAL" ? "rep1.coal@demo.test" : "rep1.food@demo.test"), territory === "COAL" ? AGENT : "service.food@demo.test");
      await sql(`UPDATE tickets SET ${clock} = ? WHERE id = ?`, [isoSql(new Date(Date.now() - MIN)), Number(ticket.id)]);
      return ticket;
    };
    const coal = await breach("COAL", "firstResponseDueAt");
    await ok(ASSIGN, { id: coal.id, a: await t.userId("head.coal@demo.test") }, AGENT);
    // Three sweeps at once: one flags it, the others find it flagged.
    const sweeps = await Promise.all([1, 2, 3].map(() => ok(SWEEP, { at: new Date().toISOString() }, exec_)));
    expect(sweeps.reduce((n, s) => n + s.runSlaSweep.firstResponseBreaches, 0)).toBeGreaterThanOrEqual(1);
    const audit = await ok(`query($id: ID!) { auditTrail(entityType: "Ticket", entityId: $id) { action } }`, { id: coal.id }, exec_);
    expect(audit.auditTrail.filter((a: any) => a.action === "SLA_BREACH")).toHaveLength(1);
    expect((await ok(`query($id: ID!) { ticket(id: $id) { firstResponseBreached resolutionBreached } }`, { id: coal.id }, AGENT)).ticket).toEqual({ firstResponseBreached: true, resolutionBreached: false });
    const flagged = await ok(`query($a: ID!) { tickets(first: 100, filter: { breached: true, accountId: $a }) { edges { node { id } } } }`, { a: await t.accountOf("rep1.coal@demo.test") }, AGENT);
    expect(flagged.tickets.edges.map((e: any) => e.node.id)).toContain(coal.id);

    // Barriers: a FOOD breach (the FOOD watchers' only event), then a second COAL one.
    const food = await breach("FOOD", "resolutionDueAt");
    await ok(SWEEP, { at: new Date().toISOString() }, exec_);
    const coal2 = await breach("COAL", "resolutionDueAt");
    await ok(SWEEP, { at: new Date().toISOString() }, exec_);
    await Promise.all([agent.arrived(2), head.arrived(2), foodAgent.arrived(1), foodHead.arrived(1)]);
    expect(agent.tickets()).toEqual([[coal.id, "FIRST_RESPONSE"], [coal2.id, "RESOLUTION"]]);
    expect(head.tickets()).toEqual(agent.tickets());
    expect(foodAgent.tickets()).toEqual([[food.id, "RESOLUTION"]]);
    expect(foodHead.tickets()).toEqual([[food.id, "RESOLUTION"]]);
    expect(agent.events[0].data.slaBreached.ticket.territory.code).toBe("COAL");
  });
});

describe("an account moved to another territory", () => {
  it("takes its tickets still being worked along, unassigned, their SLA kept; resolved and closed ones stay", async () => {
    const exec = "exec@demo.test";
    // An account of rep1.coal's that the tests above leave alone: their first by name is accountOf's, the lowest ids the SLA test's.
    const [{ id }]: { id: number }[] = await sql("SELECT id FROM accounts WHERE ownerId = ? ORDER BY id DESC LIMIT 1", [Number(await t.userId("rep1.coal@demo.test"))]);
    const account = String(id);
    const [fresh, assigned, pending, resolved, closed] = await Promise.all([1, 2, 3, 4, 5].map(() => ticketFor(account)));
    await ok(ASSIGN, { id: assigned.id, a: await t.userId(AGENT) }, AGENT);
    await ok(STATUS, { id: pending.id, s: "PENDING" }, AGENT);
    await ok(STATUS, { id: resolved.id, s: "RESOLVED" }, AGENT);
    await ok(STATUS, { id: closed.id, s: "CLOSED" }, AGENT);
    const READ = `query($id: ID!) { ticket(id: $id) { territory { code } assignee { email } status firstResponseDueAt resolutionDueAt version } }`;
    const read = async (ticket: { id: string }, who = exec) => (await ok(READ, { id: ticket.id }, who)).ticket;
    const before = await Promise.all([fresh, assigned, pending, resolved, closed].map((ticket) => read(ticket)));
    const handled = new Promise<void>((resolve) => {
      const off = t.gateway.services.events.onHandled((consumer) => consumer === "service/account.transferred" && (off(), resolve()));
    });
    await ok(`mutation($id: ID!, $o: ID!) { transferAccount(id: $id, ownerId: $o) { id } }`, { id: account, o: await t.userId("rep1.food@demo.test") }, exec);
    await handled;

    const moved = (b: any) => ({ ...b, territory: { code: "FOOD" }, assignee: null, version: b.version + 1 });
    expect(await Promise.all([fresh, assigned, pending].map((ticket) => read(ticket)))).toEqual(before.slice(0, 3).map(moved));
    expect(await Promise.all([resolved, closed].map((ticket) => read(ticket)))).toEqual(before.slice(3));
    // The new territory's desk and the account's new owner reach them; the old desk does not.
    for (const who of ["service.food@demo.test", "rep1.food@demo.test"]) expect(await read(assigned, who)).not.toBeNull();
    expect(await read(assigned, AGENT)).toBeNull();
    const trail = await ok(`query($id: ID!) { auditTrail(entityType: "Ticket", entityId: $id) { action actor changes } }`, { id: assigned.id }, exec);
    expect(trail.auditTrail.at(-1)).toMatchObject({ action: "FOLLOW_ACCOUNT", actor: "system" });
    expect(Object.keys(trail.auditTrail.at(-1).changes).sort()).toEqual(["assigneeId", "territoryId"]);
    // Handled again (the outbox delivers at least once): nothing left to move.
    await followTransferredAccount(t.gateway.services, { accountId: id, from: null, to: Number(await t.userId("rep1.food@demo.test")), fromTerritoryId: Number(territories.COAL), toTerritoryId: Number(territories.FOOD) });
    expect((await read(pending)).version).toBe(before[2].version + 1);
  });
});
