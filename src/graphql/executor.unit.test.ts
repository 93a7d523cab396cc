import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  execute,
  parse,
  type ExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import { formatError } from "../errors";
import { createExecutor } from "./executor";

/**
 * The executor against graphql-js `execute` on a small schema with what the gateway's schema does not
 * have today (unions, interfaces, enums whose values differ from their names, a scalar that parses
 * into a Date) and the error cases of execution. The gateway's own schema is compared in executor.test.ts.
 */

const Money = new GraphQLScalarType({
  name: "Money",
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== "string" || !/^\d+\.\d{2}$/.test(value)) throw new GraphQLError(`not money: ${String(value)}`, { extensions: { code: "BAD_USER_INPUT" } });
    return value;
  },
});

const When = new GraphQLScalarType({
  name: "When",
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => new Date(value as string),
  parseLiteral: (ast) => ("value" in ast ? new Date(ast.value as string) : undefined),
});

const Status = new GraphQLEnumType({ name: "Status", values: { OPEN: { value: "open" }, CLOSED: { value: "closed" } } });

const Named = new GraphQLInterfaceType({
  name: "Named",
  fields: { name: { type: new GraphQLNonNull(GraphQLString) } },
  resolveType: (value: { kind: string }) => value.kind,
});

const Person: GraphQLObjectType = new GraphQLObjectType({
  name: "Person",
  interfaces: [Named],
  fields: () => ({
    name: { type: new GraphQLNonNull(GraphQLString) },
    age: { type: GraphQLInt },
    status: { type: Status },
    secret: {
      type: GraphQLString,
      resolve: () => {
        throw new GraphQLError("Not allowed", { extensions: { code: "FORBIDDEN", reason: "NOT_OWNER" } });
      },
    },
  }),
});

const Company = new GraphQLObjectType({
  name: "Company",
  interfaces: [Named],
  fields: { name: { type: new GraphQLNonNull(GraphQLString) }, staff: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Person))) } },
});

const Result = new GraphQLUnionType({ name: "Result", types: [Person, Company], resolveType: (value: { kind: string }) => value.kind });

const ann = { kind: "Person", name: "Ann", age: 41, status: "open" };
const nameless = { kind: "Person", name: null, age: 3, status: "closed" };
const acme = { kind: "Company", name: "Acme", staff: [ann] };

const Filter = new GraphQLInputObjectType({ name: "Filter", fields: { status: { type: Status }, size: { type: GraphQLInt, defaultValue: 10 }, tags: { type: new GraphQLList(GraphQLString) } } });

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      named: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Named))), resolve: () => [ann, acme] },
      results: { type: new GraphQLList(Result), resolve: async () => [acme, ann] },
      people: { type: new GraphQLList(new GraphQLNonNull(Person)), resolve: () => [ann, nameless] },
      broken: { type: Company, resolve: () => ({ kind: "Company", name: "Broken", staff: [ann, nameless] }) },
      echo: {
        type: new GraphQLNonNull(Status),
        args: { status: { type: Status, defaultValue: "closed" } },
        resolve: (_, args: { status: string }) => args.status,
      },
      price: { type: Money, args: { of: { type: Money } }, resolve: (_, args: { of?: string }) => args.of ?? "0.00" },
      when: { type: GraphQLString, args: { at: { type: When } }, resolve: (_, args: { at?: unknown }) => (args.at instanceof Date ? `Date ${args.at.toISOString()}` : `${typeof args.at} ${String(args.at)}`) },
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error("database exploded");
        },
      },
      badEnum: { type: Status, resolve: () => "pending" },
      search: { type: GraphQLString, args: { filter: { type: Filter }, first: { type: GraphQLInt, defaultValue: 5 } }, resolve: (_, args) => JSON.stringify(args) },
    },
  }),
});

/** Its errors as Apollo and src/errors.ts shape them for clients. */
const shape = formatError(false);
const shaped = (e: GraphQLError) => shape({ ...e.toJSON(), extensions: { ...e.extensions, code: e.extensions.code ?? "INTERNAL_SERVER_ERROR" } }, e);

/**
 * A result as a client sees it. Its errors in path order: graphql-js lists them as they happen,
 * graphql-jit those that null a parent after the others, and the spec leaves the order open.
 */
function seen(result: ExecutionResult) {
  const key = (e: GraphQLFormattedError) => JSON.stringify([e.path, e.message]);
  return { data: result.data, errors: result.errors?.map(shaped).sort((a, b) => key(a).localeCompare(key(b))) };
}

// formatError logs every internal error it hides, which these tests cause on purpose.
beforeEach(() => jest.spyOn(console, "error").mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

async function both(query: string, variableValues?: Record<string, unknown>) {
  const executor = createExecutor(schema);
  const document = parse(query);
  const compiled = await executor.execute({ schema, document, variableValues, contextValue: {} });
  const reference = await execute({ schema, document, variableValues, contextValue: {} });
  return { compiled: seen(compiled), reference: seen(reference), runs: executor.runs };
}

describe("the compiled executor answers as graphql-js does", () => {
  it.each([
    ["an interface list with __typename and fragments", "{ named { __typename name ... on Person { age status } ... on Company { staff { name } } } }"],
    ["a union resolved asynchronously", "{ results { __typename ... on Company { name staff { name age } } ... on Person { name } } }"],
    ["enum arguments and results whose values differ from their names", "{ a: echo b: echo(status: OPEN) }"],
    ["a field error with its code and reason, path and locations", "{ people { name } named { ... on Person { secret } } }"],
    ["a null in a non-null item nulling the list", "{ people { name age } named { name } }"],
    ["a null nulling its nearest nullable ancestor, deep in a list", "{ broken { name staff { name } } }"],
    ["an error without extensions", "{ boom named { name } }"],
    ["an enum value that does not serialize", "{ badEnum }"],
    ["a custom scalar literal", '{ price(of: "12.50") }'],
    ["a Date-parsing scalar literal", '{ when(at: "2024-02-03T04:05:06.000Z") }'],
    ["@skip and @include on fields, fragments and inline fragments", "{ named { name @skip(if: true) ... on Person { name } ...F @include(if: false) ... @include(if: true) { __typename } } } fragment F on Named { x: name }"],
  ])("%s", async (_what, query) => {
    const { compiled, reference, runs } = await both(query);
    expect(compiled).toEqual(reference);
    expect(runs).toEqual({ compiled: 1, interpreted: 0 });
  });

  it.each([
    ["a variable a scalar refuses, with the scalar's error kept", "query($p: Money) { price(of: $p) }", { p: "lots" }],
    ["a missing required variable", "query($s: Status!) { echo(status: $s) }", {}],
    ["an unknown enum value", "query($s: Status) { echo(status: $s) }", { s: "SHUT" }],
  ])("refuses bad variables with graphql-js's own errors: %s", async (_what, query, variables) => {
    const { compiled, reference, runs } = await both(query, variables);
    expect(compiled).toEqual(reference);
    expect(reference.errors?.length).toBeGreaterThan(0);
    expect(runs).toEqual({ compiled: 0, interpreted: 1 });
  });

  it.each([
    [{ yes: true, no: false }],
    [{ yes: false, no: true }],
  ])("follows @skip and @include given by variables: %j", async (variables) => {
    const query = "query($yes: Boolean!, $no: Boolean!) { named { ... on Person @include(if: $yes) { age } ...F @skip(if: $no) name @include(if: $no) } } fragment F on Named { x: name @include(if: $yes) }";
    const { compiled, reference, runs } = await both(query, variables);
    expect(compiled).toEqual(reference);
    expect(runs).toEqual({ compiled: 1, interpreted: 0 });
  });

  it.each([
    ["a variable in an input object literal, not sent", "query($s: Status) { search(filter: { status: $s }) }", {}],
    ["a variable for an input field with a default, not sent", "query($n: Int) { search(filter: { size: $n }) }", {}],
    ["a variable in a list in an input object literal, not sent", "query($t: String) { search(filter: { tags: [$t, \"x\"] }) }", {}],
    ["a variable for an argument with a default, not sent", "query($n: Int) { search(first: $n) }", {}],
    ["variables in an input object literal, sent", "query($s: Status, $n: Int) { search(filter: { status: $s, size: $n }) }", { s: "CLOSED", n: null }],
  ])("gives resolvers the arguments graphql-js gives: %s", async (_what, query, variables) => {
    const { compiled, reference } = await both(query, variables);
    expect(compiled).toEqual(reference);
  });

  it("leaves to graphql-js an input object literal whose field's variable is not sent (graphql-jit would make the field null)", async () => {
    const query = "query($s: Status, $n: Int) { search(filter: { status: $s, size: $n }) }";
    const sent = await both(query, { s: "OPEN", n: 3 });
    expect(sent.runs).toEqual({ compiled: 1, interpreted: 0 });
    const unsent = await both(query, { s: "OPEN" });
    expect(unsent.compiled).toEqual(unsent.reference);
    expect(unsent.compiled.data).toEqual({ search: '{"filter":{"status":"open","size":10},"first":5}' });
    expect(unsent.runs).toEqual({ compiled: 0, interpreted: 1 });
  });

  it("passes good variables on, coerced as graphql-js coerces them", async () => {
    const { compiled, reference, runs } = await both('query($s: Status, $p: Money, $w: When) { echo(status: $s) price(of: $p) when(at: $w) }', { s: "OPEN", p: "3.10", w: "2024-02-03T04:05:06.000Z" });
    expect(compiled).toEqual(reference);
    expect(compiled.data).toEqual({ echo: "OPEN", price: "3.10", when: "Date 2024-02-03T04:05:06.000Z" });
    expect(runs).toEqual({ compiled: 1, interpreted: 0 });
  });

  it("leaves to graphql-js a variable default a scalar parses into an object (graphql-jit would pass it on as a string)", async () => {
    const { compiled, reference, runs } = await both('query($w: When = "2024-02-03T04:05:06.000Z") { when(at: $w) }');
    expect(compiled).toEqual(reference);
    expect(compiled.data).toEqual({ when: "Date 2024-02-03T04:05:06.000Z" });
    expect(runs).toEqual({ compiled: 0, interpreted: 1 });
  });

  it("leaves introspection to graphql-js", async () => {
    const { compiled, reference, runs } = await both("{ __type(name: \"Status\") { enumValues { name } } }");
    expect(compiled).toEqual(reference);
    expect(runs).toEqual({ compiled: 0, interpreted: 1 });
  });

  it("runs each operation of a document compiled, and leaves a document without an operation name to graphql-js's error", async () => {
    const executor = createExecutor(schema);
    const document = parse("query A { echo } query B { named { name } }");
    for (const operationName of ["A", "B", "A", "B"]) await executor.execute({ schema, document, operationName, contextValue: {} });
    expect(executor.runs).toEqual({ compiled: 4, interpreted: 0 });
    const unnamed = await executor.execute({ schema, document, contextValue: {} });
    expect(unnamed.errors?.map((e) => e.message)).toEqual(["Must provide operation name if query contains multiple operations."]);
    expect(executor.runs).toEqual({ compiled: 4, interpreted: 1 });
  });
});
