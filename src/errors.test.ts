import { buildSchema, graphql, GraphQLError, type GraphQLFormattedError } from "graphql";
import { formatError } from "./errors";
import { Decimal } from "./graphql/scalars";

/**
 * formatError names the field of a variable graphql could not coerce, as badInput names fields:
 * the path inside the argument, without the variable's or the argument's name. Without a gateway:
 * graphql's own execution, its errors given a code as Apollo's UserInputError gives them (keeping
 * the original error, or the error itself).
 */

const schema = buildSchema(`
  scalar Decimal
  enum Kind { CALL VISIT }
  input Attachment { name: String! size: Int }
  input Change { amount: Decimal kind: Kind attachments: [Attachment!] note: String }
  type Query {
    change(input: Change!): Boolean
    reminders(days: Int, kinds: [Kind!]): Boolean
    nested(filter: Change, other: Change): Boolean
  }
`);
Object.assign(schema.getType("Decimal")!, { parseValue: Decimal.parseValue, parseLiteral: Decimal.parseLiteral, serialize: Decimal.serialize });

async function refusalOf(source: string, variableValues: Record<string, unknown>): Promise<GraphQLFormattedError[]> {
  const result = await graphql({ schema, source, variableValues, rootValue: { change: () => true, reminders: () => true, nested: () => true } });
  const format = formatError(false);
  return (result.errors ?? []).map((e: GraphQLError) => {
    const coded = e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, originalError: e.originalError ?? e, extensions: { code: "BAD_USER_INPUT" } });
    const { message, extensions } = format(coded.toJSON(), coded);
    return { message, extensions };
  });
}

const named = (field: string, message: string | RegExp) => ({
  message: typeof message === "string" ? `${field}: ${message}` : expect.stringMatching(message),
  extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field }),
});

describe("formatError names the field of a variable graphql refused", () => {
  const CHANGE = "query($input: Change!) { change(input: $input) }";

  it("a bad Decimal inside an input: the field without the variable, in the scalar's words", async () => {
    expect(await refusalOf(CHANGE, { input: { amount: "12.345" } })).toEqual([
      named("amount", 'must be a decimal number with at most 16 digits and 2 decimals, sent as a string, got "12.345"'),
    ]);
  });

  it("a bad enum value, a missing field and an unknown field inside an input, and a field of a list item", async () => {
    expect(await refusalOf(CHANGE, { input: { kind: "SMOKE_SIGNAL" } })).toEqual([named("kind", /^kind: Value "SMOKE_SIGNAL" does not exist in "Kind" enum/)]);
    expect(await refusalOf(CHANGE, { input: { attachments: [{ name: "a" }, { size: 3 }] } })).toEqual([named("attachments.1.name", /^attachments\.1\.name: Field "name" of required type "String!" was not provided\.$/)]);
    expect(await refusalOf(CHANGE, { input: { colour: "red" } })).toEqual([named("colour", /^colour: Field "colour" is not defined by type "Change"\./)]);
    expect(await refusalOf(CHANGE, { input: { attachments: [{ name: null }] } })).toEqual([named("attachments.0.name", /not to be null/)]);
  });

  it("a variable that is the whole argument is named by the argument, not by the variable", async () => {
    expect(await refusalOf("query($d: Int) { reminders(days: $d) }", { d: "many" })).toEqual([named("days", /^days: Int cannot represent non-integer value: "many"$/)]);
    // A list argument keeps its name before the index: "1" alone would name nothing.
    expect(await refusalOf("query($k: [Kind!]) { reminders(kinds: $k) }", { k: ["CALL", "FAX"] })).toEqual([named("kinds.1", /^kinds\.1: Value "FAX" does not exist in "Kind" enum/)]);
    expect(await refusalOf("query($input: Change!) { change(input: $input) }", {})).toEqual([named("input", "must be given")]);
    expect(await refusalOf("query($input: Change!) { change(input: $input) }", { input: null })).toEqual([named("input", "cannot be null")]);
  });

  it("a variable inside an argument's literal is named by its place in it", async () => {
    expect(await refusalOf("query($a: Decimal) { change(input: { amount: $a }) }", { a: "1.001" })).toEqual([named("amount", /^amount: must be a decimal/)]);
  });

  it("a variable used in two places that disagree is named by the variable", async () => {
    expect(await refusalOf("query($k: Kind!) { nested(filter: { kind: $k }, other: { note: \"x\", kind: $k }) a: reminders(kinds: [$k]) }", { k: "FAX" })).toEqual([
      named("k", /^k: Value "FAX" does not exist/),
    ]);
  });

  it("an error that lost its original error (withCode's copy, over graphql-ws) is left as graphql worded it", async () => {
    const result = await graphql({ schema, source: CHANGE, variableValues: { input: { amount: "1.001" } }, rootValue: {} });
    const e = result.errors![0];
    const copy = new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { code: "BAD_USER_INPUT" } });
    const formatted = formatError(false)(copy.toJSON(), copy);
    expect({ message: formatted.message, extensions: formatted.extensions }).toEqual({ message: e.message, extensions: { code: "BAD_USER_INPUT" } });
    expect(formatted.message).toMatch(/^Variable "\$input" got invalid value "1.001" at "input.amount"; must be a decimal/);
  });

  it("a value that looks like a path cannot pass for one", async () => {
    const [error] = await refusalOf(CHANGE, { input: { kind: 'x at "input.amount"; y' } });
    expect(error.extensions).toMatchObject({ field: "kind" });
  });
});
