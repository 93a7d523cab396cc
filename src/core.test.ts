import { createSecretKey } from "node:crypto";
import jwt from "jsonwebtoken";
import { startTestGateway, codes, type TestGateway } from "../test/harness";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

describe("gateway core over HTTP", () => {
  it("answers /healthz with 200 while the database answers", async () => {
    const response = await fetch(t.url.replace("/graphql", "/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves GET queries and the graphql-response+json media type", async () => {
    const response = await fetch(`${t.url}?query=${encodeURIComponent("{ viewer { id } }")}`, { headers: { accept: "application/graphql-response+json" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/graphql-response+json");
    expect(await response.json()).toEqual({ data: { viewer: null } });
  });

  it("logs in, returns the user without a password, and knows the viewer", async () => {
    const login = await t.gql(`mutation { login(email: "manager.coal@demo.test", password: "demo-password") { token user { email role territory { code } } } }`);
    expect(login.errors).toBeUndefined();
    expect(login.data.login.user).toEqual({ email: "manager.coal@demo.test", role: "SALES_MANAGER", territory: { code: "COAL" } });
    const viewer = await t.gql(`{ viewer { email name } }`, {}, login.data.login.token);
    expect(viewer.data.viewer.email).toBe("manager.coal@demo.test");
    const schemaHasPassword = await t.gql(`{ viewer { passwordHash } }`, {}, login.data.login.token);
    expect(codes(schemaHasPassword)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("refuses a wrong password with UNAUTHENTICATED and a forged token outright", async () => {
    const wrong = await t.gql(`mutation { login(email: "exec@demo.test", password: "nope") { token } }`);
    expect(codes(wrong)).toEqual(["UNAUTHENTICATED"]);
    const forged = await t.gql(`{ viewer { id } }`, {}, "not-a-token");
    expect(forged.status).toBe(401);
    expect(codes(forged)).toEqual(["UNAUTHENTICATED"]);
  });

  it("answers a syntax error with 400 and GRAPHQL_PARSE_FAILED, not as an internal error", async () => {
    const r = await t.gql("{");
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(r.errors?.[0].message).toMatch(/^Syntax Error/);
  });

  it("counts a burst of parallel wrong passwords against the limit before checking any of them", async () => {
    const login = (password: string) => t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: "rep2.food@demo.test", p: password });
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`guess-${i}`)));
    const answers = burst.flatMap((r) => r.errors!.map((e) => `${e.extensions!.code}: ${e.message}`));
    // LOGIN_MAX_ATTEMPTS_PER_ACCOUNT defaults to 5.
    expect(answers.filter((a) => a === "UNAUTHENTICATED: Invalid e-mail or password")).toHaveLength(5);
    expect(answers.filter((a) => a.startsWith("TOO_MANY_REQUESTS: "))).toHaveLength(7);
    expect(codes(await login("demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
  });

  it("asks anonymous callers to authenticate before commercial data", async () => {
    const r = await t.gql(`{ accounts { totalCount } }`);
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
  });

  it("lets no stack trace reach a client", async () => {
    const r = await t.gql(`{ account(id: "abc") { id } }`, {}, await t.token("exec@demo.test"));
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.field).toBe("id");
    expect(JSON.stringify(r)).not.toMatch(/stacktrace|at .*\.ts:/);
  });

  it("bounds operations before they run: depth and aliases", async () => {
    const token = await t.token("exec@demo.test");
    const deep = await t.gql(`{ accounts { edges { node { contacts { account { contacts { account { contacts { account { owner { manager { manager { name } } } } } } } } } } } } }`, {}, token);
    expect(deep.errors?.[0].message).toMatch(/depth/i);
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: viewer { id }`).join(" ");
    const many = await t.gql(`{ ${aliases} }`, {}, token);
    expect(many.errors?.[0].message).toMatch(/alias/i);
  });

  it("bounds operations before they run: tokens and cost", async () => {
    const token = await t.token("exec@demo.test");
    const long = await t.gql(`{ viewer { ${Array.from({ length: 2100 }, () => "id").join(" ")} } }`, {}, token);
    expect(long.status).toBe(400);
    expect(codes(long)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(long.errors?.[0].message).toMatch(/token/i);
    const fields = "id name status tier industry region version inPublicPool lastContactAt createdAt";
    const costly = `{ ${Array.from({ length: 12 }, (_, i) => `l${i}: accounts(first: 100) { edges { node { ${fields} owner { name email } territory { name code } contacts { ${"id name title isKeyPerson"} } } } }`).join(" ")} }`;
    const r = await t.gql(costly, {}, token);
    expect(r.data).toBeUndefined();
    expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(r.errors?.[0].message).toMatch(/^Query cost \d+ exceeds the limit of 5000/);
    expect(r.errors?.[0].message).not.toMatch(/Syntax Error/);
  });

  it("serves the largest page the schema promises with ten fields and their owners, and counts pages given as variables at their maximum", async () => {
    const token = await t.token("exec@demo.test");
    const fields = "id name status tier industry region version inPublicPool lastContactAt createdAt owner { name } territory { code }";
    const page = await t.gql(`{ accounts(first: 100) { totalCount edges { cursor node { ${fields} } } pageInfo { endCursor hasNextPage } } }`, {}, token);
    expect(page.errors).toBeUndefined();
    expect(page.data.accounts.edges).toHaveLength(72);
    // A page size from a variable is known only at execution: it counts as the largest page it may ask for.
    const fourPages = (first: string) => `query${first === "$n" ? "($n: Int)" : ""} { ${[1, 2, 3, 4].map((i) => `p${i}: accounts(first: ${first}) { edges { node { ${fields} } } }`).join(" ")} }`;
    const refused = await t.gql(fourPages("$n"), { n: 2 }, token);
    expect(codes(refused)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(refused.errors?.[0].extensions).toEqual(expect.objectContaining({ cost: expect.any(Number), maxCost: 5000 }));
    const small = await t.gql(fourPages("2"), {}, token);
    expect(small.errors).toBeUndefined();
  });

  it("answers a body over 1 MiB with 413 instead of resetting the connection", async () => {
    const response = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ viewer { id } }`, padding: "x".repeat(1024 * 1024 + 1) }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: "request body is larger than 1048576 bytes", extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
    // The body limit itself, just under it, still answers.
    const under = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ viewer { id } }`, padding: "x".repeat(1024 * 1024 - 100) }) });
    expect(under.status).toBe(200);
  });

  it("refuses a correctly signed token whose subject is not a user id with 401, not 500", async () => {
    const { config } = t.gateway.services;
    for (const subject of ["abc", "0", "1e3", "-1"]) {
      const token = jwt.sign({}, createSecretKey(Buffer.from(config.jwtSecret)), { subject, expiresIn: 600, algorithm: "HS256" });
      const r = await t.gql(`{ viewer { id } }`, {}, token);
      expect({ subject, status: r.status, codes: codes(r) }).toEqual({ subject, status: 401, codes: ["UNAUTHENTICATED"] });
    }
  });
});

describe("health when the database is gone", () => {
  it("answers /healthz with 503", async () => {
    const own = await startTestGateway();
    try {
      await own.gateway.services.db.destroy();
      const response = await fetch(own.url.replace("/graphql", "/healthz"));
      expect(response.status).toBe(503);
    } finally {
      await own.stop();
    }
  });
});
