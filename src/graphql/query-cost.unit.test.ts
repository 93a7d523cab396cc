import { buildSchema, parse, specifiedRules, validate, type GraphQLError } from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./connection";
import { queryCostRule } from "./query-cost";

/**
 * The cost rule (src/graphql/query-cost.ts) on a small schema of its own: every field costs 1, and
 * what is selected under a paged field (one with a `first` argument) counts once per row of its page.
 */

const schema = buildSchema(`
  interface Node { id: ID! }
  type User implements Node { id: ID! name: String manager: User }
  type Contact implements Node { id: ID! name: String }
  type ContactEdge { node: Contact }
  type ContactConnection { totalCount: Int edges: [ContactEdge] }
  type Account implements Node { id: ID! name: String owner: User contacts(first: Int): ContactConnection }
  type AccountEdge { node: Account }
  type AccountConnection { totalCount: Int edges: [AccountEdge] }
  type Query {
    viewer: User
    node(id: ID!): Node
    accounts(first: Int, after: String): AccountConnection
  }
  type Mutation { touch: User }
`);

/** The cost the rule reports for a document, found with the limit at 0: every operation is refused with its cost. */
function costs(document: string): number[] {
  return refusals(document, 0).map((e) => e.extensions.cost as number);
}

function refusals(document: string, maxCost: number): GraphQLError[] {
  return [...validate(schema, parse(document), [queryCostRule(maxCost)])];
}

describe("queryCostRule", () => {
  it("counts every field once outside pages", () => {
    expect(costs(`{ viewer { id name } }`)).toEqual([3]);
    expect(costs(`{ viewer { manager { manager { name } } } }`)).toEqual([4]);
    expect(costs(`{ a: viewer { id } b: viewer { id } }`)).toEqual([4]);
  });

  it("counts what is under a paged field once per row of the page written out in first", () => {
    // accounts 1 + 10 x (totalCount 1 + edges 1 + node 1 + name 1)
    expect(costs(`{ accounts(first: 10) { totalCount edges { node { name } } } }`)).toEqual([1 + 10 * 4]);
    expect(costs(`{ accounts(first: 0) { totalCount } }`)).toEqual([1 + 1]);
  });

  it("counts the default page when first is absent, and the largest page when it is a variable", () => {
    expect(costs(`{ accounts { totalCount } }`)).toEqual([1 + DEFAULT_PAGE_SIZE]);
    expect(costs(`query($n: Int) { accounts(first: $n) { totalCount } }`)).toEqual([1 + MAX_PAGE_SIZE]);
  });

  it("multiplies pages inside pages", () => {
    // accounts 1 + 10 x (edges 1 + node 1 + contacts 1 + 5 x (edges 1 + node 1 + name 1))
    expect(costs(`{ accounts(first: 10) { edges { node { contacts(first: 5) { edges { node { name } } } } } } }`)).toEqual([1 + 10 * (3 + 5 * 3)]);
    expect(costs(`{ accounts(first: 100) { edges { node { contacts { totalCount } } } } }`)).toEqual([1 + 100 * (3 + DEFAULT_PAGE_SIZE)]);
  });

  it("counts fragments, named and inline, as if written out, and their pages too", () => {
    const inline = costs(`{ accounts(first: 10) { edges { node { name contacts(first: 2) { totalCount } } } } }`);
    expect(costs(`{ accounts(first: 10) { edges { node { ...A } } } } fragment A on Account { name contacts(first: 2) { totalCount } }`)).toEqual(inline);
    expect(costs(`{ accounts(first: 10) { edges { node { ... on Account { name contacts(first: 2) { totalCount } } } } } }`)).toEqual(inline);
    // On an interface field, the inline fragment's own type says which fields page.
    expect(costs(`{ node(id: 1) { id ... on Account { contacts(first: 3) { totalCount } } } }`)).toEqual([1 + (1 + 1 + 3 * 1)]);
  });

  it("stops at a fragment cycle instead of recursing forever (graphql's own rule refuses the document)", () => {
    const cyclic = parse(`{ viewer { ...A } } fragment A on User { manager { ...B } } fragment B on User { manager { ...A } }`);
    const errors = validate(schema, cyclic, [...specifiedRules, queryCostRule(1000)]);
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/Cannot spread fragment "A" within itself/));
  });

  it("refuses an operation over the limit with QUERY_TOO_COMPLEX, its cost and the limit, and accepts one at the limit", () => {
    const query = `{ accounts(first: 10) { totalCount edges { node { name } } } }`;
    expect(refusals(query, 41)).toEqual([]);
    const [refusal, ...more] = refusals(query, 40);
    expect(more).toEqual([]);
    expect(refusal.message).toBe("Query cost 41 exceeds the limit of 40: ask for smaller pages (first) or fewer fields");
    expect(refusal.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", cost: 41, maxCost: 40 });
  });

  it("counts each operation of a document on its own, mutations too", () => {
    const document = `query Small { viewer { id } } query Big { accounts(first: 50) { totalCount } } mutation Touch { touch { id name } }`;
    expect(costs(document)).toEqual([2, 51, 3]);
    expect(refusals(document, 10).map((e) => e.extensions.cost)).toEqual([51]);
  });
});
