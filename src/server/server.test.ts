import { spawn } from "node:child_process";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rmSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { createSecretKey } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import jwt from "jsonwebtoken";
import WebSocket from "ws";
import { freshDatabaseUrl, startTestGateway, codes, type TestGateway } from "../../test/harness";

const ROOT = join(__dirname, "../..");

/** Runs src/main.ts as a real process (ts-node keeps the decorator metadata type-graphql needs). */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-r", "reflect-metadata", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", FOLLOW_UP_SWEEP_INTERVAL_MS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = once(child, "exit").then(([code, signal]) => (code ?? `signal ${signal}`) as number);
  /**
   * Resolves when the process has printed `marker` (after the first `from` characters of its output),
   * as its output arrives; fails if it exits first. `withinMs` only bounds a failing test.
   */
  const printed = (marker: string | RegExp, from = 0, withinMs = 45_000) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => (typeof marker === "string" ? stdout.slice(from).includes(marker) : marker.test(stdout.slice(from)));
      const check = () => {
        if (seen()) finish(null);
      };
      const timer = setTimeout(() => finish(new Error(`no ${marker} on stdout within ${withinMs} ms; stdout: ${stdout.slice(-2000)}; stderr: ${stderr}`)), withinMs);
      const finish = (error: Error | null) => {
        clearTimeout(timer);
        child.stdout.off("data", check);
        child.off("exit", gone);
        if (error) reject(error);
        else resolve();
      };
      const gone = () => finish(seen() ? null : new Error(`exited without printing ${marker}; stdout: ${stdout.slice(-2000)}; stderr: ${stderr}`));
      // Registered after runMain's own listener, so `stdout` already holds the chunk when this runs.
      child.stdout.on("data", check);
      child.on("exit", gone);
      check();
    });
  return { child, exited, printed, out: () => stdout, err: () => stderr };
}

describe("configuration", () => {
  it.each([
    [{ PORT: "abc" }, /^Invalid setting PORT: must be an integer, got "abc"$/],
    [{ DATABASE_URL: "postgres://x/y" }, /^Invalid setting DATABASE_URL: unsupported scheme "postgres:"/],
    [{ NODE_ENV: "production" }, /^Invalid setting JWT_SECRET: is required when NODE_ENV=production$/],
    [{ CRM_MODULES: "billing" }, /^Invalid setting CRM_MODULES: unknown module "billing"/],
  ])("stops with one line naming the variable for %j", async (env, message) => {
    const run = runMain({ DATABASE_URL: `sqlite:${join(tmpdir(), `crm_cfg_${process.pid}.sqlite`)}`, ...env });
    expect(await run.exited).toBe(1);
    const lines = run.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  }, 60_000);
});

describe("shutdown", () => {
  it("on SIGTERM finishes in-flight requests, closes subscriptions and the database, and exits 0", async () => {
    const file = join(tmpdir(), `crm_sigterm_${process.pid}.sqlite`);
    const port = String(20000 + (process.pid % 20000));
    const run = runMain({ DATABASE_URL: `sqlite:${file}`, PORT: port, HOST: "127.0.0.1" });
    try {
      await run.printed("CRM gateway on");
      expect(run.out()).toContain("CRM gateway on");
      const url = `http://127.0.0.1:${port}/graphql`;
      const login = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `mutation { login(email: "exec@demo.test", password: "demo-password") { token } }` }),
      }).then((r) => r.json() as Promise<{ data: { login: { token: string } } }>);
      // Without JWT_SECRET the process signs with a random secret of its own, and says so.
      expect(run.out()).toContain("JWT_SECRET is not set");
      const forged = jwt.sign({}, "crm-gateway-development-secret-do-not-use-in-production", { subject: "1", expiresIn: 600 });
      const refused = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${forged}` }, body: JSON.stringify({ query: "{ viewer { id } }" }) });
      expect(refused.status).toBe(401);
      const socket = new WebSocket(url.replace("http", "ws"), "graphql-transport-ws");
      await once(socket, "open");
      socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${login.data.login.token}` } }));
      await once(socket, "message");
      const closed = once(socket, "close");
      // A request the server is reading when SIGTERM arrives: headers sent, body still coming.
      // "Expect: 100-continue" makes the server say when it has the request: node's server answers
      // "100 Continue" as it hands the request to the gateway's handler, which then reads the body.
      const body = JSON.stringify({ query: `{ accounts(first: 100) { totalCount edges { node { name contacts { name } } } } }` });
      const request = httpRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${login.data.login.token}`, expect: "100-continue" },
      });
      const response = once(request, "response");
      const reading = once(request, "continue");
      request.write(body.slice(0, 10));
      await reading;
      const mark = run.out().length;
      run.child.kill("SIGTERM");
      // The rest of the body only once the process has begun shutting down.
      await run.printed("SIGTERM: draining requests", mark);
      request.end(body.slice(10));
      const [res] = (await response) as [IncomingMessage];
      let text = "";
      for await (const chunk of res) text += chunk;
      expect(JSON.parse(text).data.accounts.totalCount).toBe(72);
      const [code] = await closed;
      expect(code).toBe(1001);
      expect({ exit: await run.exited, stderr: run.err() }).toEqual({ exit: 0, stderr: "" });
    } finally {
      run.child.kill("SIGKILL");
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
  }, 90_000);
});

describe("shutdown under load", () => {
  it("on SIGTERM lets requests whose clients hung up finish before the database closes, and exits 0 promptly", async () => {
    // On the test database (MariaDB in CI): with SQLite's synchronous driver nothing is ever in flight.
    const db = freshDatabaseUrl();
    const port = String(20000 + ((process.pid + 7) % 20000));
    // LOG_SQL prints each statement as it is sent: the burst below is in flight once one reads accounts.
    const run = runMain({ DATABASE_URL: db.url, PORT: port, HOST: "127.0.0.1", SEED_DEMO: "1", LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "1000", LOG_SQL: "1" });
    try {
      await run.printed("CRM gateway on");
      const url = `http://127.0.0.1:${port}/graphql`;
      const post = (query: string, token?: string, signal?: AbortSignal) =>
        fetch(url, { method: "POST", signal, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
      const login = (await (await post(`mutation { login(email: "exec@demo.test", password: "demo-password") { token } }`)).json()) as { data: { login: { token: string } } };
      // A burst of list pages whose clients give up at once, as a load generator does when it stops.
      const abort = new AbortController();
      const mark = run.out().length;
      const burst = Array.from({ length: 30 }, () => post(`{ accounts(first: 100) { totalCount edges { node { name owner { name } contacts { name } } } } }`, login.data.login.token, abort.signal).catch(() => null));
      await run.printed(/sql: SELECT .*FROM [`"]accounts[`"]/, mark);
      abort.abort();
      await Promise.all(burst);
      const started = Date.now();
      run.child.kill("SIGTERM");
      expect({ exit: await run.exited, stderr: run.err() }).toEqual({ exit: 0, stderr: "" });
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      run.child.kill("SIGKILL");
      await db.drop();
    }
  }, 60_000);
});

describe("WebSocket", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  const connect = async (authorization?: string) => {
    const socket = new WebSocket(t.wsUrl, "graphql-transport-ws");
    await once(socket, "open");
    socket.send(JSON.stringify({ type: "connection_init", payload: authorization ? { authorization } : {} }));
    return socket;
  };

  it("closes a connection without a valid token", async () => {
    for (const auth of [undefined, "Bearer nonsense"]) {
      const socket = await connect(auth);
      const [code] = await once(socket, "close");
      expect(code).toBe(4403);
    }
  });

  it("answers operations for an authenticated connection, with the same limits as HTTP", async () => {
    const client = t.ws(await t.token("head.coal@demo.test"));
    const ok = await client.iterate({ query: "{ accounts(first: 1) { totalCount } }" }).next();
    expect(ok.value?.data).toEqual({ accounts: { totalCount: 36 } });
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: viewer { id }`).join(" ");
    await expect(client.iterate({ query: `{ ${aliases} }` }).next()).rejects.toEqual([expect.objectContaining({ message: expect.stringMatching(/alias/i) })]);
  });

  it("answers parse and validation errors with their codes and messages, as over HTTP", async () => {
    const client = t.ws(await t.token("head.coal@demo.test"));
    const refused = (query: string, code: string, message: RegExp) =>
      expect(client.iterate({ query }).next()).rejects.toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: { code } })]);
    await refused("{ viewr { id } }", "GRAPHQL_VALIDATION_FAILED", /^Cannot query field "viewr" on type "Query"\. Did you mean "viewer"\?$/);
    await refused("{", "GRAPHQL_PARSE_FAILED", /^Syntax Error: Expected Name, found <EOF>\.$/);
    await refused(`{ viewer { ${Array.from({ length: 2100 }, () => "id").join(" ")} } }`, "GRAPHQL_PARSE_FAILED", /contains more tha. 2000 tokens/);
  });

  it("refuses field reads the role may not make, over WebSocket too", async () => {
    const client = t.ws(await t.token("rep1.coal@demo.test"));
    const result = await client.iterate({ query: "{ accounts(first: 1) { edges { node { name creditLimit } } } }" }).next();
    expect(result.value?.data.accounts.edges[0].node.creditLimit).toBeNull();
    expect(result.value?.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("WebSocket limits", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ WS_MAX_MESSAGE_BYTES: String(1024 * 1024) });
  });
  afterAll(() => t.stop());

  const connect = async (token: string) => {
    const socket = new WebSocket(t.wsUrl, "graphql-transport-ws");
    await once(socket, "open");
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    const [ack] = await once(socket, "message");
    expect(JSON.parse(String(ack)).type).toBe("connection_ack");
    return socket;
  };

  it("closes a socket that sends a message over WS_MAX_MESSAGE_BYTES (1009), as HTTP refuses a large body", async () => {
    const socket = await connect(await t.token("rep1.coal@demo.test"));
    const closed = once(socket, "close");
    socket.send(JSON.stringify({ id: "big", type: "subscribe", payload: { query: `query ${"A".repeat(2 * 1024 * 1024)} { viewer { id } }` } }));
    const [code] = await closed;
    expect(code).toBe(1009);
  });

  it("keeps the server's memory flat when one socket sends many huge operation names", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const socket = await connect(await t.token("rep1.coal@demo.test"));
    const before = heap();
    const count = 40;
    let completed = 0;
    const done = new Promise<void>((resolve) =>
      socket.on("message", (raw) => {
        if (JSON.parse(String(raw)).type === "complete" && ++completed === count) resolve();
      }),
    );
    // Just under the message limit each: valid operations, so before the fix each was kept in the document cache.
    for (let i = 0; i < count; i++) {
      socket.send(JSON.stringify({ id: `op${i}`, type: "subscribe", payload: { query: `query N${i}${"A".repeat(900 * 1024)} { viewer { id } }` } }));
    }
    await done;
    const closed = once(socket, "close");
    socket.close();
    await closed;
    // 40 operations of 900 KB are 36 MB of text alone; what stays must be far less than one of them per operation.
    expect(heap() - before).toBeLessThan(10 * 1024 * 1024);
  });

  it("answers bad variables with BAD_USER_INPUT naming the variable, as over HTTP", async () => {
    const client = t.ws(await t.token("head.coal@demo.test"));
    const query = "query($first: Int) { accounts(first: $first) { totalCount } }";
    await expect(client.iterate({ query, variables: { first: "many" } }).next()).rejects.toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^first: /), extensions: { code: "BAD_USER_INPUT", field: "first" } }),
    ]);
    const http = await t.gql(query, { first: "many" }, await t.token("head.coal@demo.test"));
    expect(codes(http)).toEqual(["BAD_USER_INPUT"]);
    expect(http.errors![0].extensions!.field).toBe("first");
  });

  it("closes a socket with 4401 when its token expires, ending its subscriptions", async () => {
    const id = await t.userId("rep1.coal@demo.test");
    const shortLived = jwt.sign({}, createSecretKey(Buffer.from(t.gateway.services.config.jwtSecret)), { subject: id, expiresIn: 2, algorithm: "HS256" });
    const socket = await connect(shortLived);
    socket.send(JSON.stringify({ id: "live", type: "subscribe", payload: { query: "subscription { leadAssigned { assignedAt } }" } }));
    const [code] = await once(socket, "close");
    expect(code).toBe(4401);
  });
});

describe("production mode", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ NODE_ENV: "production", JWT_SECRET: "a-production-secret-of-at-least-32-characters" });
  });
  afterAll(() => t.stop());

  it("loads demo data only because SEED_DEMO=1 asked for it", async () => {
    expect(await t.token("exec@demo.test")).toBeTruthy();
  });

  it("turns introspection and field suggestions off", async () => {
    const introspection = await t.gql(`{ __schema { types { name } } }`);
    expect(codes(introspection)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const typo = await t.gql(`{ viewr { id } }`, {}, await t.token("exec@demo.test"));
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it("turns introspection and field suggestions off over WebSocket too", async () => {
    const client = t.ws(await t.token("exec@demo.test"));
    const refused = (query: string) => client.iterate({ query }).next().then(() => [], (errors: { message: string; extensions?: unknown }[]) => errors);
    const introspection = await refused("{ __schema { queryType { name } } }");
    expect(introspection.length).toBeGreaterThan(0);
    for (const error of introspection) expect(error).toEqual(expect.objectContaining({ message: expect.stringMatching(/introspection has been disabled/), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }));
    const typo = await refused("{ viewr { id } }");
    expect(typo).toEqual([expect.objectContaining({ message: 'Cannot query field "viewr" on type "Query".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })]);
    const enumTypo = await refused("{ accounts(filter: { status: ACTIV }) { totalCount } }");
    expect(enumTypo).toEqual([expect.objectContaining({ message: 'Value "ACTIV" does not exist in "AccountStatus" enum.' })]);
  });

  it("suggests no enum values, in literals or in variables", async () => {
    const token = await t.token("exec@demo.test");
    const literal = await t.gql(`{ accounts(filter: { status: ACTIV }) { totalCount } }`, {}, token);
    expect(literal.errors?.[0].message).toBe('Value "ACTIV" does not exist in "AccountStatus" enum.');
    const variable = await t.gql(`query($s: AccountStatus) { accounts(filter: { status: $s }) { totalCount } }`, { s: "ACTIV" }, token);
    expect(codes(variable)).toEqual(["BAD_USER_INPUT"]);
    expect(variable.errors?.[0].message).toMatch(/does not exist in "AccountStatus" enum\.$/);
    expect(JSON.stringify([literal, variable])).not.toMatch(/Did you mean/);
  });
});
