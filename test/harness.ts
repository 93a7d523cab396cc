import { createConnection } from "mysql2/promise";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startGateway, type Gateway, type GatewayOptions } from "../src/app";
import { loadConfig } from "../src/config";
import { CountingLogger } from "../src/db/query-counter";

export interface GqlResult<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/** The database tests run on: MySQL/MariaDB when DATABASE_URL says mysql://, else a throwaway SQLite file. */
export function freshDatabaseUrl(): { url: string; drop: () => Promise<void> } {
  const base = process.env.DATABASE_URL;
  const suffix = `${process.pid}_${randomBytes(4).toString("hex")}`;
  if (base && /^(mysql|mariadb):/.test(base)) {
    const url = new URL(base.replace(/^mariadb:/, "mysql:"));
    const name = `crm_test_${suffix}`;
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
                url.pathname = "/";
        const conn = await createConnection(url.toString());
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const file = join(tmpdir(), `crm_test_${suffix}.sqlite`);
  return {
    url: `sqlite:${file}`,
    drop: async () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    },
  };
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
  ws(token: string | null): Client;
  /** SQL statements sent while `work` ran */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A real gateway on a fresh database with the demo data, listening on an ephemeral port: tests
 * talk to it over HTTP and WebSocket exactly as clients do.
 */
export async function startTestGateway(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<TestGateway> {
  const db = freshDatabaseUrl();
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: db.url,
    PORT: "0",
    HOST: "127.0.0.1",
    SEED_DEMO: "1",
    FOLLOW_UP_SWEEP_INTERVAL_MS: "0",
    ...env,
  });
  const gateway = await startGateway(config, options);
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
  return {
    gateway,
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, "ws"),
    gql,
    token,
    userId: async (email) => {
      const r = await gql(`{ viewer { id } }`, {}, await token(email));
      return r.data.viewer.id;
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
    stop: async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await gateway.stop();
      await db.drop();
    },
  };
}

/** The codes of a result's errors, for compact assertions. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
