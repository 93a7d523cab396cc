import { spawn } from "node:child_process";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rmSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
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
  return { child, exited, out: () => stdout, err: () => stderr };
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
      for (let i = 0; i < 200 && !run.out().includes("CRM gateway on"); i++) await new Promise((r) => setTimeout(r, 100));
      expect(run.out()).toContain("CRM gateway on");
      const url = `http://127.0.0.1:${port}/graphql`;
      const login = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `mutation { login(email: "exec@demo.test", password: "demo-password") { token } }` }),
      }).then((r) => r.json() as Promise<{ data: { login: { token: string } } }>);
      const socket = new WebSocket(url.replace("http", "ws"), "graphql-transport-ws");
      await once(socket, "open");
      socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${login.data.login.token}` } }));
      await once(socket, "message");
      const closed = once(socket, "close");
      // A request the server is reading when SIGTERM arrives: headers sent, body still coming.
      const body = JSON.stringify({ query: `{ accounts(first: 100) { totalCount edges { node { name contacts { name } } } } }` });
      const request = httpRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${login.data.login.token}` },
      });
      const response = once(request, "response");
      request.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 300));
      run.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
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
    const run = runMain({ DATABASE_URL: db.url, PORT: port, HOST: "127.0.0.1", SEED_DEMO: "1", LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "1000" });
    try {
      for (let i = 0; i < 200 && !run.out().includes("CRM gateway on"); i++) await new Promise((r) => setTimeout(r, 100));
      const url = `http://127.0.0.1:${port}/graphql`;
      const post = (query: string, token?: string, signal?: AbortSignal) =>
        fetch(url, { method: "POST", signal, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
      const login = (await (await post(`mutation { login(email: "exec@demo.test", password: "demo-password") { token } }`)).json()) as { data: { login: { token: string } } };
      // A burst of list pages whose clients give up at once, as a load generator does when it stops.
      const abort = new AbortController();
      const burst = Array.from({ length: 30 }, () => post(`{ accounts(first: 100) { totalCount edges { node { name owner { name } contacts { name } } } } }`, login.data.login.token, abort.signal).catch(() => null));
      await new Promise((r) => setTimeout(r, 50));
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
  });
});
