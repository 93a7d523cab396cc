import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from "graphql";
import { decimalText } from "../domain/money";
import { problem } from "../domain/problems";
import { ErrorCode } from "../errors";

/**
 * The rule of src/domain/money.ts. A scalar is not told which field it parses: formatError names it
 * (`extensions.field`, and "field: problem" in the message) for a bad value in the variables.
 */
function parseDecimal(value: unknown): string {
  const text = decimalText(value);
  if (text === undefined) throw new GraphQLError(problem.decimal(value), { extensions: { code: ErrorCode.BadUserInput } });
  return text;
}

/** Money: exact decimal carried as a string end to end, never a floating-point number. */
export const Decimal = new GraphQLScalarType({
  name: "Decimal",
  description: "An exact decimal number with up to 2 decimals, as a string (e.g. \"1250000.00\").",
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new GraphQLError(problem.decimal(valueFromASTUntyped(ast)));
    return parseDecimal(ast.value);
  },
});
