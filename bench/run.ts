import { execFileSync, fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { createConnection, type RowDataPacket } from "mysql2/promise";
import { Child } from "./ipc";
import type { LoadJob, LoadSummary } from "./load";
import type { SubscribersReply, SubscribersRequest } from "./subscribers";

/**
 * `npm run bench [-- --quick] [-- --accounts N]`: the scenarios of issue 4 against the real gateway
 * (a child process started from dist/), with load from other processes (autocannon, graphql-ws
 * clients), and the same list and 360 reads against THE FLOOR (bench/floor.ts). MySQL only:
 * DATABASE_URL, default mysql://root@127.0.0.1:3306/crm_bench. `--quick` runs every scenario on a
 * fresh tiny database (crm_bench_quick on the same server) in under a minute; no thresholds.
 */

const argv = process.argv.slice(2);
const QUICK = argv.includes("--quick");
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const DIST = resolve(__dirname);
/**
 * `--baseline <dir>`: a checkout of an earlier commit, built (`npm ci && npm run build` in it). Its
 * gateway runs beside this one on the same database, and every gateway load is measured on it too,
 * interleaved, so a change's before and after come from one run (the machine drifts between runs).
 */
const BASELINE = option("--baseline");
/** `--only 1,3`: run only those scenarios (for profiling one of them); all by default. */
const ONLY = option("--only")?.split(",").map(Number);
const wanted = (scenario: number) => !ONLY || ONLY.includes(scenario);
const ROOT = resolve(__dirname, "..", "..");

const settings = QUICK
  ? { accounts: 3000, seconds: 1, connections: 8, subscriberCounts: [100, 500], events: 3, eventGapMs: 300, deepPage: 1000 }
  : { accounts: Number(option("--accounts") ?? 1_000_000), seconds: Number(option("--seconds") ?? 10), connections: 10, subscriberCounts: [1000, 10000], events: 20, eventGapMs: 1500, deepPage: 1000 };

/** Scenario 6: a page of quotes as a quotes screen shows it (issue 11). */
const QUOTES_QUERY = `query Quotes($first: Int!) {
  quotes(first: $first) { edges { node { id number quoteVersion status netTotal netRatio validUntil owner { id name } territory { id code } account { id name } opportunity { id name } lines { quantity netPrice lineNetTotal product { id name unit } } } } }
}`;
/** Scenario 7: the receivables ageing report of one territory as its finance sees it (issue 12): the total by bucket and the first 50 accounts. */
const AGEING_QUERY = `query Ageing($asOf: String!, $territoryId: ID) {
  receivablesAgeing(asOf: $asOf, territoryId: $territoryId) { asOf total { total buckets { bucket amount } } accounts(first: 50) { edges { node { accountId total buckets { bucket amount } account { id name } } } } }
}`;
/** Scenario 8: a knowledge-base search as the service desk runs it (issue 13). */
const SEARCH_QUERY = `query Search($q: String!) { searchArticles(query: $q, first: 10) { matchedTerms score article { id title tags territory { code } } } }`;
const LIST_QUERY = `query List($first: Int!, $after: String) {
  accounts(first: $first, after: $after) {
    edges { node { id name owner { id name } territory { id name } contacts { id name title } opportunities { id name stage amount status } } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const ACCOUNT_360 = `query Account360($id: ID!) {
  account(id: $id) {
    id name status tier owner { id name } territory { id name }
    contacts { id name title }
    activities(last: 20) { id type subject doneAt createdAt }
    opportunities { id name stage amount status expectedCloseDate }
  }
}`;
const CURSOR_ONLY = `query Walk($after: String) { accounts(first: 50, after: $after) { pageInfo { endCursor hasNextPage } } }`;
const CREATE_LEAD = `mutation { createLead(input: { company: "Bench Prospect Co.", contactName: "Bench Buyer", email: "buyer@bench.example", region: "Shanxi", industry: "Cement", channel: PHONE }) { id } }`;

interface Scenario {
  scenario: string;
  target: string;
  requestsPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  statementsPerRequest?: number;
  peakRssMb: number;
  errors?: number;
  [extra: string]: unknown;
}

const results: Scenario[] = [];
const notes: string[] = [];

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url.replace(/^mariadb:/, "mysql:"));
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function sql<T = RowDataPacket>(url: string, query: string, params: unknown[] = []): Promise<T[]> {
  const conn = await createConnection({ uri: url, timezone: "Z" });
  try {
    return (await conn.query<RowDataPacket[]>(query, params))[0] as T[];
  } finally {
    await conn.end();
  }
}

async function countAccounts(url: string): Promise<number> {
  try {
    return Number((await sql<{ n: number }>(url, "SELECT COUNT(*) AS n FROM accounts"))[0].n);
  } catch {
    return 0;
  }
}

function seed(url: string, accounts: number): void {
  // Quick mode checks that every scenario runs, in CI: 5,000 articles do that as well as the budget's 100,000 (~30 s to load).
  const articles = QUICK ? ["--articles", "5000"] : [];
  execFileSync(process.execPath, [join(DIST, "..", "seeds", "scale.js"), "--accounts", String(accounts), ...articles], { env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
}

async function gql(endpoint: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}...: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data;
}

/** Whether a gateway serves an operation at all (a baseline from before a module answers "Cannot query field"). */
async function serves(server: Child, query: string, variables: Record<string, unknown>, token: string): Promise<boolean> {
  try {
    await gql(server.url, query, variables, token);
    return true;
  } catch (error) {
    if (/GRAPHQL_VALIDATION_FAILED/.test(String(error))) return false;
    throw error;
  }
}

async function login(endpoint: string, email: string): Promise<string> {
  const data = await gql(endpoint, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", { e: email, p: "demo-password" });
  return data.login.token;
}

function load(job: LoadJob): Promise<LoadSummary> {
  const child = fork(join(DIST, "load.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (summary: LoadSummary) => resolve(summary));
    child.once("exit", (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    child.send(job);
  });
}

/** Runs one load against a child server and reads what it cost the server: statements and peak memory. */
async function measure(scenario: string, target: string, server: Child, job: Omit<LoadJob, "origin" | "connections" | "durationSeconds">, extra: Record<string, unknown> = {}): Promise<Scenario> {
  await server.ask("reset", "reset");
  const before = await server.ask("stats", "stats");
  const summary = await load({ origin: new URL(server.url).origin, connections: settings.connections, durationSeconds: settings.seconds, ...job });
  const after = await server.ask("stats", "stats");
  const result: Scenario = {
    scenario,
    target,
    requestsPerSecond: summary.requestsPerSecond,
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    statementsPerRequest: Math.round(((after.statements - before.statements) / Math.max(1, summary.requests)) * 100) / 100,
    peakRssMb: after.peakRssMb,
    errors: summary.non2xx + summary.errors + summary.graphqlErrors,
    ...extra,
  };
  if (result.errors) notes.push(`${scenario} / ${target}: ${result.errors} failed requests (non-2xx ${summary.non2xx}, socket ${summary.errors}, GraphQL errors ${summary.graphqlErrors})`);
  results.push(result);
  console.log(`  ${scenario.padEnd(28)} ${target.padEnd(34)} ${String(result.requestsPerSecond).padStart(8)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  ${result.statementsPerRequest} SQL/req  peak ${result.peakRssMb} MB`);
  return result;
}

/**
 * An unmeasured load on a target before its first measured one: V8 optimises the request path
 * over the first thousand or so requests, and graphql-jit compiles an operation on its first
 * use, so a cold target's first load measured its warm-up (the first target of a scenario paid it).
 */
async function warm(server: Child, job: Omit<LoadJob, "origin" | "connections" | "durationSeconds">): Promise<void> {
  await load({ origin: new URL(server.url).origin, connections: settings.connections, durationSeconds: QUICK ? 0.5 : 3, ...job });
}

/** SQL statements of one request, measured alone on a quiet server. */
async function statementsOf(server: Child, work: () => Promise<unknown>): Promise<number> {
  const before = (await server.ask("stats", "stats")).statements;
  await work();
  return (await server.ask("stats", "stats")).statements - before;
}

const gqlJob = (token: string, bodies: string[]) => ({ kind: "rotate" as const, path: "/graphql", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, bodies });
const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

interface BenchUser {
  id: number;
  email: string;
  role: string;
  territoryId: number | null;
  managerId: number | null;
}

async function liveScenario(gateway: Child, target: string, users: BenchUser[], tokens: Map<string, string>, opsToken: string, subscribers: number): Promise<void> {
  const url = gateway.url;
  const watchers = users.filter((u) => ["EXECUTIVE", "TERRITORY_HEAD", "SALES_MANAGER", "SALES_REP", "BUSINESS_MANAGER"].includes(u.role));
  const assigned = Array.from({ length: subscribers }, (_, i) => watchers[i % watchers.length]);
  const child = fork(join(DIST, "subscribers.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ask = <T extends SubscribersReply["type"]>(request: SubscribersRequest, type: T) =>
    new Promise<Extract<SubscribersReply, { type: T }>>((resolve) => {
      const listener = (m: SubscribersReply) => {
        if (m.type !== type) return;
        child.off("message", listener);
        resolve(m as Extract<SubscribersReply, { type: T }>);
      };
      child.on("message", listener);
      child.send(request);
    });
  await gateway.ask("reset", "reset");
  const started = Date.now();
  const connected = await ask({ cmd: "connect", url: url.replace(/^http/, "ws"), tokens: assigned.map((u) => tokens.get(u.email)!) }, "connected");
  const connectSeconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, Math.max(1000, subscribers / 5)));

  const assign = async () => {
    const lead = (await gql(url, CREATE_LEAD, {}, opsToken)).createLead.id as string;
    const dispatched = await gql(url, "mutation($id: ID!) { dispatchLead(id: $id) { id owner { id } territory { id } } }", { id: lead }, opsToken);
    return { leadId: lead, ownerId: Number(dispatched.dispatchLead.owner.id), territoryId: Number(dispatched.dispatchLead.territory.id) };
  };
  // One assignment to warm up (JIT, pools), not counted.
  await assign();
  await new Promise((r) => setTimeout(r, settings.eventGapMs));
  await ask({ cmd: "report" }, "report");
  await gateway.ask("reset", "reset");
  const before = (await gateway.ask("stats", "stats")).statements;
  const events: { leadId: string; ownerId: number; territoryId: number }[] = [];
  for (let e = 0; e < settings.events; e++) {
    events.push(await assign());
    await new Promise((r) => setTimeout(r, settings.eventGapMs));
  }
  const stats = await gateway.ask("stats", "stats");
  const report = await ask({ cmd: "report" }, "report");
  const byId = new Map(users.map((u) => [u.id, u]));
  const latencies: number[] = [];
  const completions: number[] = [];
  let missing = 0;
  let unexpected = 0;
  let expectedTotal = 0;
  for (const event of events) {
    const owner = byId.get(event.ownerId)!;
    const hears = (u: BenchUser) =>
      u.role === "EXECUTIVE" ||
      (u.territoryId === event.territoryId && (u.role === "TERRITORY_HEAD" || u.role === "BUSINESS_MANAGER" || u.id === owner.id || (u.role === "SALES_MANAGER" && u.id === owner.managerId)));
    const expected = new Set(assigned.flatMap((u, i) => (hears(u) ? [i] : [])));
    expectedTotal += expected.size;
    const committedAt = stats.published?.[event.leadId];
    const got = report.deliveries[event.leadId] ?? [];
    const seen = new Set<number>();
    let last = 0;
    for (const [index, at] of got) {
      if (!expected.has(index)) unexpected++;
      seen.add(index);
      if (committedAt !== undefined) {
        latencies.push(at - committedAt);
        last = Math.max(last, at - committedAt);
      }
    }
    missing += [...expected].filter((i) => !seen.has(i)).length;
    completions.push(last);
  }
  const q = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10 : null;
  };
  const result: Scenario = {
    scenario: `5 live, ${subscribers} subscribers`,
    target,
    connected: connected.connected,
    connectFailed: connected.failed,
    connectSeconds,
    events: events.length,
    recipientsPerEvent: Math.round(expectedTotal / events.length),
    deliveryP50Ms: q(latencies, 50),
    deliveryP99Ms: q(latencies, 99),
    allDeliveredP50Ms: q(completions, 50),
    allDeliveredMaxMs: q(completions, 100),
    missing,
    unexpected,
    statementsPerEvent: Math.round((stats.statements - before) / events.length),
    peakRssMb: stats.peakRssMb,
    heapUsedMbAfter: stats.heapUsedMb,
    subscriberProcessPeakRssMb: report.peakRssMb,
  };
  if (missing || unexpected || connected.failed) notes.push(`live ${subscribers}: ${connected.failed} connections failed, ${missing} deliveries missing, ${unexpected} unexpected`);
  results.push(result);
  console.log(
    `  ${result.scenario.padEnd(28)} ${connected.connected} connected in ${connectSeconds.toFixed(1)} s, ${result.recipientsPerEvent} recipients/event, delivery p50 ${result.deliveryP50Ms} ms p99 ${result.deliveryP99Ms} ms, all delivered (max) ${result.allDeliveredMaxMs} ms, ${result.statementsPerEvent} SQL/event, missing ${missing}, unexpected ${unexpected}, peak ${result.peakRssMb} MB (heap ${stats.heapUsedMb} MB)`,
  );
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.send({ cmd: "stop" });
    setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
  });
}

async function main(): Promise<void> {
  const started = new Date();
  const base = process.env.DATABASE_URL || "mysql://root@127.0.0.1:3306/crm_bench";
  if (!/^(mysql|mariadb):/.test(base)) throw new Error("npm run bench needs MySQL/MariaDB: DATABASE_URL=mysql://user@host:port/db");
  const url = QUICK ? withDatabase(base, "crm_bench_quick") : base.replace(/^mariadb:/, "mysql:");
  if (QUICK) {
    await sql(withDatabase(url, ""), "DROP DATABASE IF EXISTS crm_bench_quick");
    seed(url, settings.accounts);
  } else if ((await countAccounts(url)) < Math.min(settings.accounts, 1000)) {
    seed(url, settings.accounts);
  }
  const tables = ["accounts", "contacts", "activities", "opportunities", "leads"];
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = Number((await sql<{ n: number }>(url, `SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const [server] = await sql<{ version: string; pool: number }>(url, "SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool");
  console.log(`bench${QUICK ? " --quick" : ""}: ${Object.entries(rows).map(([t, n]) => `${n} ${t}`).join(", ")}; ${settings.seconds} s a load, ${settings.connections} connections`);

  const users = await sql<BenchUser>(url, "SELECT id, email, role, territoryId, managerId FROM users WHERE email LIKE '%@demo.test' ORDER BY id");
  const userId = (email: string) => users.find((u) => u.email === email)!.id;
  const gatewayEnv = {
    DATABASE_URL: url,
    PORT: "0",
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    JWT_SECRET: "bench-only-secret-bench-only-secret-0123456789",
    SEED_DEMO: "0",
    // The periodic jobs are off, as the follow-up sweep always was here: the first SLA sweep over the
    // seeded tickets flags thousands of breaches at once (audit rows, events), which is no request's cost.
    FOLLOW_UP_SWEEP_INTERVAL_MS: "0",
    SLA_SWEEP_INTERVAL_MS: "0",
    QUOTE_EXPIRY_INTERVAL_MS: "0",
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "100000",
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "1000",
    LOG_SQL: "0",
  };
  const profile = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const floor = await Child.start(join(DIST, "floor.js"), { DATABASE_URL: url });
  const gateway = await Child.start(join(DIST, "gateway.js"), gatewayEnv, profile);
  // The same gateway without graphql-shield runs alongside, and its loads interleave with the
  // shielded one's, so drift on this shared machine does not pass for the permission layer's cost.
  const unshielded = await Child.start(join(DIST, "gateway.js"), { ...gatewayEnv, BENCH_PERMISSIONS: "0" });
  const baseline = BASELINE ? await Child.start(join(resolve(BASELINE), "dist", "bench", "gateway.js"), gatewayEnv) : null;
  const before = baseline ? `before (${baselineCommit(BASELINE!)})` : "";
  try {
    const manager = await login(gateway.url, "manager.coal@demo.test");
    const exec = await login(gateway.url, "exec@demo.test");
    const ops = await login(gateway.url, "ops.coal@demo.test");
    const viewers = [
      { label: "sales manager", token: manager, id: userId("manager.coal@demo.test") },
      { label: "executive", token: exec, id: userId("exec@demo.test") },
    ];

    if (wanted(1)) {
      console.log("1 list page: 50 accounts with owner, territory, contacts, opportunities; with and without graphql-shield, and the floor");
      // A process reads the territories, and a viewer their row, on their first request only: the
      // counts are of a running gateway's requests, after one that warms both.
      await gql(gateway.url, LIST_QUERY, { first: 1 }, manager);
      const perPage: Record<string, number> = {};
      for (const size of [5, 20, 50]) perPage[size] = await statementsOf(gateway, () => gql(gateway.url, LIST_QUERY, { first: size }, manager));
      notes.push(`statements for one list page as the sales manager by page size: ${Object.entries(perPage).map(([k, v]) => `${k} rows: ${v}`).join(", ")}`);
      for (const target of [gateway, unshielded, ...(baseline ? [baseline] : [])]) await warm(target, gqlJob(manager, [body(LIST_QUERY, { first: 50 })]));
      await warm(floor, { kind: "rotate", path: "/list", paths: [`/list?viewer=${viewers[0].id}&first=50`], headers: {} });
      for (const v of viewers) {
        const page = (await gql(gateway.url, LIST_QUERY, { first: 50 }, v.token)).accounts.edges.length;
        if (page !== 50) notes.push(`list page as ${v.label} has ${page} rows`);
        await measure("1 list page", `gateway, ${v.label}`, gateway, gqlJob(v.token, [body(LIST_QUERY, { first: 50 })]));
        await measure("1 list page", `gateway without shield, ${v.label}`, unshielded, gqlJob(v.token, [body(LIST_QUERY, { first: 50 })]));
        if (baseline) {
          const then = await measure("1 list page", `${before}, ${v.label}`, baseline, gqlJob(v.token, [body(LIST_QUERY, { first: 50 })]));
          // Memory grows with the work done per second (V8 sizes the heap by allocation speed), and a
          // process's resident memory hardly shrinks after a faster load: so a fresh gateway process is
          // also held at the baseline's rate, warmed and measured there: the same work, compared.
          if (then.requestsPerSecond) {
            const job = { ...gqlJob(v.token, [body(LIST_QUERY, { first: 50 })]), overallRate: Math.round(then.requestsPerSecond) };
            const fresh = await Child.start(join(DIST, "gateway.js"), gatewayEnv);
            try {
              await load({ origin: new URL(fresh.url).origin, connections: settings.connections, durationSeconds: QUICK ? 0.5 : 3, ...job });
              await measure("1 list page", `gateway at the rate of ${before}, ${v.label}`, fresh, job);
            } finally {
              await fresh.stop();
            }
          }
        }
        await measure("1 list page", `floor, ${v.label}`, floor, { kind: "rotate", path: "/list", paths: [`/list?viewer=${v.id}&first=50`], headers: {} });
      }

    }
    if (wanted(2)) {
      console.log("2 account 360: contacts, last 20 activities, opportunities");
      const team = users.filter((u) => u.managerId === userId("manager.coal@demo.test")).map((u) => u.id);
      const ids = (await sql<{ id: number }>(url, "SELECT id FROM accounts WHERE ownerId IN (?) AND archivedAt IS NULL AND id % 7 = 0 ORDER BY id LIMIT 100", [team])).map((r) => r.id);
      const one = await gql(gateway.url, ACCOUNT_360, { id: String(ids[0]) }, manager);
      if (!one.account) throw new Error(`account ${ids[0]} is not visible to the sales manager`);
      for (const target of [gateway, ...(baseline ? [baseline] : [])]) await warm(target, gqlJob(manager, ids.map((id) => body(ACCOUNT_360, { id: String(id) }))));
      await warm(floor, { kind: "rotate", path: "/account", paths: ids.map((id) => `/account?viewer=${viewers[0].id}&id=${id}`), headers: {} });
      await measure("2 account 360", "gateway, sales manager", gateway, gqlJob(manager, ids.map((id) => body(ACCOUNT_360, { id: String(id) }))));
      if (baseline) await measure("2 account 360", `${before}, sales manager`, baseline, gqlJob(manager, ids.map((id) => body(ACCOUNT_360, { id: String(id) }))));
      await measure("2 account 360", "floor, sales manager", floor, { kind: "rotate", path: "/account", paths: ids.map((id) => `/account?viewer=${viewers[0].id}&id=${id}`), headers: {} });

    }
    if (wanted(3)) {
      console.log(`3 deep paging: page 1 against page ${settings.deepPage}, by cursor (sales manager)`);
      let cursor: string | null = null;
      let page = 1;
      while (page < settings.deepPage) {
        const info: { endCursor: string | null; hasNextPage: boolean } = (await gql(gateway.url, CURSOR_ONLY, { after: cursor }, manager)).accounts.pageInfo;
        if (!info.hasNextPage) break;
        cursor = info.endCursor;
        page++;
      }
      if (page < settings.deepPage) notes.push(`deep paging: the sales manager's list has ${page} pages of 50 here, so "page 1,000" is page ${page}`);
      await measure("3 deep paging", "gateway, page 1", gateway, gqlJob(manager, [body(LIST_QUERY, { first: 50 })]), { page: 1 });
      await measure("3 deep paging", `gateway, page ${page}`, gateway, gqlJob(manager, [body(LIST_QUERY, { first: 50, after: cursor })]), { page });
      if (baseline) {
        await measure("3 deep paging", `${before}, page 1`, baseline, gqlJob(manager, [body(LIST_QUERY, { first: 50 })]), { page: 1 });
        await measure("3 deep paging", `${before}, page ${page}`, baseline, gqlJob(manager, [body(LIST_QUERY, { first: 50, after: cursor })]), { page });
      }
      await measure("3 deep paging", "floor, page 1", floor, { kind: "rotate", path: "/list", paths: [`/list?viewer=${viewers[0].id}&first=50`], headers: {} }, { page: 1 });
      await measure("3 deep paging", `floor, page ${page}`, floor, { kind: "rotate", path: "/list", paths: [`/list?viewer=${viewers[0].id}&first=50&after=${cursor}`], headers: {} }, { page });

    }
    if (wanted(4)) {
      console.log("4 writes: createLead, then dispatchLead (business manager)");
      await measure("4 writes", "gateway, createLead + dispatchLead", gateway, {
        kind: "createThenDispatch",
        path: "/graphql",
        headers: { "content-type": "application/json", authorization: `Bearer ${ops}` },
        createBody: JSON.stringify({ query: CREATE_LEAD }),
      });

    }
    if (wanted(5)) {
      console.log("5 live: leadAssigned subscribers");
      const tokens = new Map<string, string>();
      for (const u of users.filter((u) => ["EXECUTIVE", "TERRITORY_HEAD", "SALES_MANAGER", "SALES_REP", "BUSINESS_MANAGER"].includes(u.role))) tokens.set(u.email, await login(gateway.url, u.email));
      for (const count of settings.subscriberCounts) await liveScenario(gateway, "gateway (graphql-ws)", users, tokens, ops, count);
      // The baseline at the largest count only: the one with a budget.
      if (baseline) await liveScenario(baseline, `${before} (graphql-ws)`, users, tokens, ops, settings.subscriberCounts[settings.subscriberCounts.length - 1]);
    }
    if (wanted(6)) {
      console.log("6 quotes list: 50 quotes with owner, territory, account, opportunity, lines and their products (sales manager)");
      // Once first: a token's first request reads its user (later ones find it cached), which is no page's cost.
      await gql(gateway.url, QUOTES_QUERY, { first: 1 }, manager);
      const perPage: Record<string, number> = {};
      for (const size of [5, 20, 50]) perPage[size] = await statementsOf(gateway, () => gql(gateway.url, QUOTES_QUERY, { first: size }, manager));
      notes.push(`statements for one quotes page as the sales manager by page size: ${Object.entries(perPage).map(([k, v]) => `${k} rows: ${v}`).join(", ")}`);
      const page = (await gql(gateway.url, QUOTES_QUERY, { first: 50 }, manager)).quotes.edges.length;
      if (page !== 50) notes.push(`quotes page as the sales manager has ${page} rows`);
      await warm(gateway, gqlJob(manager, [body(QUOTES_QUERY, { first: 50 })]));
      await measure("6 quotes list", "gateway, sales manager", gateway, gqlJob(manager, [body(QUOTES_QUERY, { first: 50 })]));
    }

    if (wanted(7)) {
      console.log("7 receivables ageing: one territory's report as its finance (total by bucket, first 50 accounts); budget under 1 s");
      const finance = await login(gateway.url, "finance.coal@demo.test");
      const [coal] = await sql<{ id: number }>(url, "SELECT id FROM territories WHERE code = 'COAL'");
      const variables = { asOf: new Date().toISOString().slice(0, 10), territoryId: String(coal.id) };
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const at = Date.now();
        await gql(gateway.url, AGEING_QUERY, variables, finance);
        times.push(Date.now() - at);
      }
      notes.push(`ageing report, one territory as its finance, single requests: ${times.join(", ")} ms`);
      await measure("7 receivables ageing", "gateway, finance", gateway, gqlJob(finance, [body(AGEING_QUERY, variables)]));
    }

    if (wanted(8)) {
      // Issue 13: 100,000 articles (seed:scale), queries in Chinese and English, common and rare terms.
      console.log("8 knowledge-base search: searchArticles as a service agent, Chinese and English; budget p95 under 50 ms");
      const agent = await login(gateway.url, "service.coal@demo.test");
      const [{ n }] = await sql<{ n: number }>(url, "SELECT COUNT(*) AS n FROM articles");
      const queries = ["煤炭 发票", "invoice coal", "冷链 温度记录", "calorific value dispute", "增值税发票", "rail freight compensation", "退货", "refund"].map((q) => body(SEARCH_QUERY, { q }));
      // A baseline from before the service module has no search: then the scenario runs on the gateway alone.
      const searchBaseline = baseline && (await serves(baseline, SEARCH_QUERY, { q: "invoice" }, agent)) ? baseline : null;
      const targets = [gateway, ...(searchBaseline ? [searchBaseline] : [])];
      for (const target of targets) await warm(target, gqlJob(agent, queries));
      // With --baseline, each request goes to both gateways in turn, so drift on this shared machine lands on both.
      const times: number[][] = targets.map(() => []);
      for (let i = 0; i < 200; i++) {
        for (const [k, target] of targets.entries()) {
          const at = process.hrtime.bigint();
          await gql(target.url, SEARCH_QUERY, JSON.parse(queries[i % queries.length]).variables, agent);
          times[k].push(Number(process.hrtime.bigint() - at) / 1e6);
        }
      }
      const [p50, p95, p50Before, p95Before] = times.flatMap((t) => {
        t.sort((a, b) => a - b);
        return [Math.round(t[100] * 10) / 10, Math.round(t[Math.floor(t.length * 0.95)] * 10) / 10];
      });
      notes.push(`knowledge-base search over ${n} articles, single requests: p50 ${p50} ms, p95 ${p95} ms (budget 50 ms)${searchBaseline ? `; ${before}: p50 ${p50Before} ms, p95 ${p95Before} ms` : ""}`);
      if (searchBaseline) await measure("8 knowledge-base search", `${before}, service agent`, searchBaseline, gqlJob(agent, queries), { p95SingleMs: p95Before, articles: n });
      await measure("8 knowledge-base search", "gateway, service agent", gateway, gqlJob(agent, queries), { p95SingleMs: p95, articles: n });
    }

  } finally {
    await Promise.all([gateway.stop(), unshielded.stop(), floor.stop(), baseline?.stop()]);
  }

  const find = (scenario: string, target: string) => results.find((r) => r.scenario === scenario && r.target === target);
  const ratio = (a?: number, b?: number) => (a && b ? Math.round((a / b) * 100) / 100 : null);
  const live = results.filter((r) => r.scenario.startsWith("5 live") && r.target.startsWith("gateway"));
  const largestLive = live[live.length - 1];
  const liveBefore = results.find((r) => r.scenario.startsWith("5 live") && r.target.startsWith("before"));
  const deep = results.filter((r) => r.scenario === "3 deep paging" && r.target.startsWith("gateway"));
  const deepBefore = results.filter((r) => r.scenario === "3 deep paging" && r.target.startsWith("before"));
  const floorOf = (scenario: string, viewer: string) => find(scenario, `floor, ${viewer}`)?.requestsPerSecond;
  const versusFloor = (scenario: string, viewer: string) => ({
    gateway: ratio(find(scenario, `gateway, ${viewer}`)?.requestsPerSecond, floorOf(scenario, viewer)),
    ...(baseline ? { before: ratio(find(scenario, `${before}, ${viewer}`)?.requestsPerSecond, floorOf(scenario, viewer)) } : {}),
  });
  const peakOf = (prefix: string) => Math.max(0, ...results.filter((r) => r.target.startsWith(prefix) && !r.target.includes("without shield") && !r.target.includes(" at the rate of ")).map((r) => r.peakRssMb));
  const atRate = (viewer: string) => ({
    gateway: find("1 list page", `gateway at the rate of ${before}, ${viewer}`)?.peakRssMb,
    before: find("1 list page", `${before}, ${viewer}`)?.peakRssMb,
  });
  const budgets = {
    statementsDoNotGrowWithPageSize: new Set(Object.values(perPageOf(notes))).size <= 1,
    listThroughputVsFloor: { salesManager: versusFloor("1 list page", "sales manager"), executive: versusFloor("1 list page", "executive"), budget: ">= 0.45" },
    account360ThroughputVsFloor: { ...versusFloor("2 account 360", "sales manager"), budget: ">= 0.5" },
    shieldCost: {
      salesManager: ratio(find("1 list page", "gateway, sales manager")?.requestsPerSecond, find("1 list page", "gateway without shield, sales manager")?.requestsPerSecond),
      executive: ratio(find("1 list page", "gateway, executive")?.requestsPerSecond, find("1 list page", "gateway without shield, executive")?.requestsPerSecond),
      meaning: "throughput with shield / without",
    },
    deepPageP50VsPage1: {
      ratio: ratio(deep[1]?.p50Ms, deep[0]?.p50Ms),
      throughputRatio: ratio(deep[0]?.requestsPerSecond, deep[1]?.requestsPerSecond),
      ...(baseline ? { before: ratio(deepBefore[1]?.p50Ms, deepBefore[0]?.p50Ms) } : {}),
      budget: "<= 1.2",
    },
    live: largestLive
      ? {
          subscribers: largestLive.scenario,
          deliveryP99Ms: largestLive.deliveryP99Ms,
          peakRssMb: largestLive.peakRssMb,
          ...(liveBefore ? { before: { deliveryP99Ms: liveBefore.deliveryP99Ms, peakRssMb: liveBefore.peakRssMb } } : {}),
          budget: "p99 < 250 ms, peak < 512 MB",
        }
      : null,
    peakRssMb: {
      gateway: peakOf("gateway"),
      ...(baseline ? { before: peakOf("before"), listAtTheSameRate: { salesManager: atRate("sales manager"), executive: atRate("executive") } } : {}),
      budget: "no higher than before",
    },
  };
  const report = {
    startedAt: started.toISOString(),
    seconds: (Date.now() - started.getTime()) / 1000,
    command: `DATABASE_URL=${base.replace(/\/\/[^@]*@/, "//root@")} npm run bench${QUICK ? " -- --quick" : ""}`,
    machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1073741824), node: process.version, database: server.version, innodbBufferPoolMb: Number(server.pool) / 1048576 },
    settings,
    rows,
    results,
    budgets,
    notes,
  };
  const dir = QUICK ? tmpdir() : join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${QUICK ? "quick-" : ""}${started.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nbudgets: ${JSON.stringify(budgets)}`);
  for (const note of notes) console.log(`note: ${note}`);
  console.log(`results: ${file} (${report.seconds.toFixed(0)} s)`);
}

/** The short commit of a baseline checkout, for the labels. */
function baselineCommit(dir: string): string {
  try {
    return execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "baseline";
  }
}

function perPageOf(list: string[]): Record<string, number> {
  const line = list.find((n) => n.startsWith("statements for one list page")) ?? "";
  return Object.fromEntries([...line.matchAll(/(\d+) rows: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error("bench failed:", error);
    process.exit(1);
  },
);
