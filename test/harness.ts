import { randomBytes } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startGateway, type Gateway, type GatewayOptions } from "../src/app";
import { loadConfig } from "../src/config";
import { databaseKind } from "../src/db/data-source";
import { CountingLogger } from "../src/db/query-counter";
import { freshName, namedDatabase, template, type TestDatabase } from "./test-database";

export interface GqlResult<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/** The database tests run on: MySQL/MariaDB when DATABASE_URL says mysql://, else a throwaway SQLite file. Empty: nothing migrated or loaded. */
export function freshDatabaseUrl(): TestDatabase {
  return namedDatabase(freshName());
}

const BASE_ENV: Record<string, string> = { NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "1", FOLLOW_UP_SWEEP_INTERVAL_MS: "0", QUOTE_EXPIRY_INTERVAL_MS: "0", SLA_SWEEP_INTERVAL_MS: "0" };

/**
 * The database of one test gateway: a copy of the run's template when the gateway would load the
 * demo data into an empty database (test/test-database.ts), else an empty one that it migrates (and
 * seeds, if it does) itself. What decides whether and what it loads is the database kind, the
 * modules, SEED_DEMO and NODE_ENV (seeds/index.ts); the other settings change nothing on disk.
 */
async function databaseFor(env: Record<string, string>): Promise<TestDatabase> {
  const probe = loadConfig({ ...BASE_ENV, DATABASE_URL: freshDatabaseUrl().url, ...env });
  const seeds = probe.seedDemo || (databaseKind(probe.databaseUrl) === "sqlite" && !probe.production);
  // A faked clock (jest.useFakeTimers) would load the shared template's data at its fake "now".
  const clockFaked = (Date as unknown as { isFake?: boolean }).isFake === true;
  if (!seeds || clockFaked) return freshDatabaseUrl();
  const tpl = await template(probe.modules, async (url) => {
    const gateway = await startGateway(loadConfig({ ...BASE_ENV, CRM_MODULES: probe.modules?.join(",") ?? "", DATABASE_URL: url }));
    await gateway.stop();
  });
  return tpl ? tpl.copy() : freshDatabaseUrl();
}

export interface TestGateway {
  gateway: Gateway;
  url: string;
  wsUrl: string;
  /** one GraphQL request over HTTP POST, as a client would send it */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** logs a demo user in (password demo-password) and returns the token; cached per e-mail */
  token(email: string): Promise<string>;
  /** the user id of a demo user */
  userId(email: string): Promise<string>;
  /** the demo territories' ids by code (COAL, FOOD), as the executive reads them */
  territoryIds(): Promise<Record<"COAL" | "FOOD", string>>;
  /** the id of the first account (by name) a demo user owns, as they read it */
  accountOf(email: string): Promise<string>;
  ws(token: string | null): Client;
  /** SQL statements sent while `work` ran */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  /** the SQL statements sent while `work` ran, as text */
  statementsOf(work: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * A real gateway on a database of its own with the demo data, listening on an ephemeral port: tests
 * talk to it over HTTP and WebSocket exactly as clients do. The database is a copy of the run's
 * template (migrated and seeded once per run); the gateway runs its migrations on it as ever (there
 * are none left to apply) and finds the demo users, so it loads nothing.
 */
export async function startTestGateway(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<TestGateway> {
  // A test that names its own database gets it, as it is.
  const db: TestDatabase = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => undefined } : await databaseFor(env);
  let gateway: Gateway;
  try {
    gateway = await startGateway(loadConfig({ ...BASE_ENV, DATABASE_URL: db.url, ...env }), options);
  } catch (error) {
    await db.drop();
    throw error;
  }
  const tokens = new Map<string, string>();
  const clients: Client[] = [];
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string | null, headers: Record<string, string> = {}) => {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: any; errors?: GqlResult["errors"] };
    return { status: response.status, data: body.data, errors: body.errors };
  };
  const token = async (email: string) => {
    let t = tokens.get(email);
    if (!t) {
      const r = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: "demo-password" });
      if (!r.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(r.errors)}`);
      t = r.data.login.token as string;
      tokens.set(email, t);
    }
    return t;
  };
  const userId = async (email: string) => {
    const r = await gql(`{ viewer { id } }`, {}, await token(email));
    return r.data.viewer.id as string;
  };
  return {
    gateway,
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, "ws"),
    gql,
    token,
    userId,
    territoryIds: async () => {
      const r = await gql(`{ territories { id code } }`, {}, await token("exec@demo.test"));
      return Object.fromEntries(r.data.territories.map((x: { id: string; code: string }) => [x.code, x.id])) as Record<"COAL" | "FOOD", string>;
    },
    accountOf: async (email) => {
      const r = await gql(`query($o: ID!) { accounts(first: 1, filter: { ownerId: $o }) { edges { node { id } } } }`, { o: await userId(email) }, await token(email));
      return r.data.accounts.edges[0].node.id;
    },
    ws: (t) => {
      const client = createClient({
        url: gateway.url.replace(/^http/, "ws"),
        webSocketImpl: WebSocket,
        connectionParams: t ? { authorization: `Bearer ${t}` } : {},
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      return client;
    },
    countStatements: async (work) => {
      const before = CountingLogger.statements;
      await work();
      return CountingLogger.statements - before;
    },
    statementsOf: async (work) => {
      const recorded: string[] = [];
      CountingLogger.recording = recorded;
      try {
        await work();
      } finally {
        CountingLogger.recording = null;
      }
      return recorded;
    },
    stop: async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await gateway.stop();
      await db.drop();
    },
  };
}

/** Names nobody else in this run uses: "<what> <run> <n>", for records a test creates. */
export function uniqueNames(): (what: string) => string {
  const run = randomBytes(3).toString("hex");
  let seq = 0;
  return (what) => `${what} ${run} ${++seq}`;
}

/** The codes of a result's errors, for compact assertions. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
