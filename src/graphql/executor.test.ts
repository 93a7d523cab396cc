import { startTestGateway, type GqlResult, type TestGateway } from "../../test/harness";

/**
 * The same requests to a gateway running operations compiled (GRAPHQL_JIT=1, the default) and to one
 * running them on graphql-js alone (GRAPHQL_JIT=0), on copies of the same demo data: the answers,
 * refusals included, must be the same, code, path and locations. Errors are compared in path
 * order: graphql-js lists them as they happen, graphql-jit those that null a parent last, and the
 * spec leaves the order open.
 */

let jit: TestGateway;
let js: TestGateway;
beforeAll(async () => {
  [jit, js] = await Promise.all([startTestGateway(), startTestGateway({ GRAPHQL_JIT: "0" })]);
});
afterAll(() => Promise.all([jit?.stop(), js?.stop()]));

const inPathOrder = (r: GqlResult) => ({
  status: r.status,
  data: r.data,
  errors: r.errors?.slice().sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path))),
});

const compiledRuns = () => jit.gateway.executor!.runs.compiled;

/**
 * One request to both gateways, each with its own token for `email` (null: no credential), and how
 * the compiled gateway ran it: `{ compiled: 1, interpreted: 0 }` when its executor compiled it.
 */
async function both(email: string | null, query: string, variables?: Record<string, unknown>) {
  const [jitToken, jsToken] = email ? [await jit.token(email), await js.token(email)] : [null, null];
  const before = { ...jit.gateway.executor!.runs };
  const compiled = inPathOrder(await jit.gql(query, variables, jitToken));
  const after = jit.gateway.executor!.runs;
  const reference = inPathOrder(await js.gql(query, variables, jsToken));
  return { compiled, reference, ran: { compiled: after.compiled - before.compiled, interpreted: after.interpreted - before.interpreted } };
}

describe("the compiled executor", () => {
  it("serves HTTP and WebSocket operations, and is off with GRAPHQL_JIT=0", async () => {
    expect(js.gateway.executor).toBeNull();
    const query = "{ accounts(first: 2) { totalCount edges { node { name } } } }";
    const token = await jit.token("rep1.coal@demo.test");
    const before = compiledRuns();
    const http = await jit.gql(query, {}, token);
    const ws = await jit.ws(token).iterate({ query }).next();
    expect(ws.value).toEqual({ data: http.data });
    expect(compiledRuns()).toBe(before + 2);
  });

  it.each([
    ["a list page with enums, decimals, dates and nested objects", "manager.coal@demo.test",
      "{ accounts(first: 5, orderBy: { field: NAME, direction: ASC }) { __typename totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status tier approvalStatus followUpState createdAt creditLimit riskGrade owner { email role } territory { code } contacts { name isKeyPerson } } } } }",
      []],
    ["fields the role may not read, refused one by one", "rep1.coal@demo.test",
      "{ accounts(first: 1) { edges { node { name creditLimit riskGrade contacts { name } } } } }",
      ["FORBIDDEN accounts.edges.0.node.creditLimit", "FORBIDDEN accounts.edges.0.node.riskGrade"]],
    ["refusals across list items", "marketing.coal@demo.test",
      "{ accounts(first: 2) { edges { node { name contacts { name email } opportunities { amount } } } } }",
      null],
    ["a refused non-null root field nulling the whole answer", "rep1.coal@demo.test", "{ viewer { email } apiKeys { id } }", ["FORBIDDEN apiKeys"]],
    ["NOT_FOUND in a non-null root field", "exec@demo.test", '{ viewer { email } auditTrail(entityType: "Account", entityId: "999999") { at } }', ["NOT_FOUND auditTrail"]],
    ["a refused mutation (shield, before any write)", "rep1.coal@demo.test", 'mutation { runFollowUpSweep(asOf: "2030-01-01T00:00:00Z") { cleared } }', ["FORBIDDEN runFollowUpSweep"]],
    ["no credential", null, "{ viewer { email } accounts(first: 1) { totalCount } }", null],
  ])("answers as graphql-js does: %s", async (_what, email, query, refusals) => {
    const { compiled, reference, ran } = await both(email, query);
    expect(compiled).toEqual(reference);
    if (refusals) expect((compiled.errors ?? []).map((e) => `${e.extensions?.code} ${e.path?.join(".")}`)).toEqual(refusals);
    else expect(compiled.errors?.length).toBeGreaterThan(0);
    expect(ran).toEqual({ compiled: 1, interpreted: 0 });
  });

  it("leaves to graphql-js a filter field whose variable is not sent, and compiles it when it is", async () => {
    const query = "query($o: ID) { accounts(first: 3, filter: { ownerId: $o }) { totalCount edges { node { name } } } }";
    const unsent = await both("manager.coal@demo.test", query, {});
    expect(unsent.compiled).toEqual(unsent.reference);
    expect(unsent.compiled.data.accounts.totalCount).toBeGreaterThan(3);
    expect(unsent.ran).toEqual({ compiled: 0, interpreted: 1 });
    const sent = await both("manager.coal@demo.test", query, { o: await jit.userId("rep1.coal@demo.test") });
    expect(sent.compiled).toEqual(sent.reference);
    expect(sent.ran).toEqual({ compiled: 1, interpreted: 0 });
  });

  it("refuses fields over WebSocket as graphql-js does there", async () => {
    const query = "{ accounts(first: 1) { edges { node { name creditLimit } } } }";
    const [jitToken, jsToken] = [await jit.token("rep1.coal@demo.test"), await js.token("rep1.coal@demo.test")];
    const before = compiledRuns();
    const compiled = (await jit.ws(jitToken).iterate({ query }).next()).value;
    expect(compiledRuns()).toBe(before + 1);
    expect(compiled).toEqual((await js.ws(jsToken).iterate({ query }).next()).value);
    expect(compiled?.errors).toEqual([expect.objectContaining({ path: ["accounts", "edges", 0, "node", "creditLimit"], locations: [{ line: 1, column: 44 }], extensions: { code: "FORBIDDEN" } })]);
  });

  it("lists every refusal in an answer a non-null field nulled, where graphql-js drops those made after it answered", async () => {
    // graphql-js answers as soon as the root is null and drops what its resolvers, still running,
    // refuse after that (a race); the compiled query waits for all of them. The data is the same.
    const query = '{ accounts(first: 1) { edges { node { contacts { email } } } } auditTrail(entityType: "Account", entityId: "1") { at } }';
    const { compiled, reference } = await both("marketing.coal@demo.test", query);
    expect(compiled.data).toBeNull();
    expect(reference.data).toBeNull();
    expect(compiled.errors).toEqual(expect.arrayContaining(reference.errors!));
    expect(compiled.errors!.map((e) => `${e.extensions?.code} ${e.path?.join(".")}`)).toEqual([
      "FORBIDDEN accounts.edges.0.node.contacts.0.email",
      "FORBIDDEN accounts.edges.0.node.contacts.1.email",
      "FORBIDDEN accounts.edges.0.node.contacts.2.email",
      "FORBIDDEN auditTrail",
    ]);
  });

  it.each([
    ["a page size that is no Int", "query($first: Int) { accounts(first: $first) { totalCount } }", { first: "many" }, "first"],
    ["an enum value inside an input object", "query($f: AccountFilter) { accounts(first: 1, filter: $f) { totalCount } }", { f: { status: "SLEEPING" } }, "status"],
    ["a required variable not sent", "query($d: Int!) { careReminders(days: $d) { kind } }", {}, "days"],
  ])("refuses bad variables with BAD_USER_INPUT naming the field, as graphql-js does: %s", async (_what, query, variables, field) => {
    const { compiled, reference, ran } = await both("rep1.coal@demo.test", query, variables);
    expect(compiled).toEqual(reference);
    // graphql-js refuses them for the executor too, before anything runs.
    expect(ran).toEqual({ compiled: 0, interpreted: 1 });
    expect(compiled.status).toBe(400);
    expect(compiled.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("leaves introspection to graphql-js, with the same answer", async () => {
    const { compiled, reference, ran } = await both("rep1.coal@demo.test", '{ __type(name: "AccountStatus") { enumValues { name } } __schema { queryType { name } } }');
    expect(compiled).toEqual(reference);
    expect(compiled.data.__schema.queryType.name).toBe("Query");
    expect(ran).toEqual({ compiled: 0, interpreted: 1 });
  });
});
