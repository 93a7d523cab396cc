import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !DECIMAL.test(text.trim())) {
    throw new GraphQLError(`Decimal must be a number with at most 16 digits and 2 decimals, sent as a string, got ${JSON.stringify(value)}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return text.trim();
}

/** Money: exact decimal carried as a string end to end, never a floating-point number. */
export const Decimal = new GraphQLScalarType({
  name: "Decimal",
  description: "An exact decimal number with up to 2 decimals, as a string (e.g. \"1250000.00\").",
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new GraphQLError("Decimal must be a string");
    return parseDecimal(ast.value);
  },
});
