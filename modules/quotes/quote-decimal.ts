import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { badInput, ErrorCode } from "../../src/errors";
import { shown } from "../../src/domain/problems";

/**
 * Exact decimals of quotes beyond money (src/domain/money.ts): quantities with up to 3 decimals
 * (tons of coal) and net/list ratios with 4. Arithmetic is on BigInt units (thousandths, cents,
 * ten-thousandths), never on floating point.
 */
const QUANTITY = /^\d{1,12}(\.\d{1,3})?$/;
const RATIO = /^\d{1,2}(\.\d{1,4})?$/;

/** A decimal text as an integer number of 10^-scale units ("12.5" at scale 3 is 12500n). */
export function unitsOf(text: string, scale: number): bigint {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole + fraction.padEnd(scale, "0").slice(0, scale));
}

/** Units of 10^-scale back to a decimal text with exactly `scale` decimals. */
export function textOf(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, "0");
  return `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/** a / b rounded half-up, for non-negative integers. */
const divideHalfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);

/** quantity × unit price, rounded half-up to cents (a line's total). */
export const lineTotal = (quantity: string, price: string): string => textOf(divideHalfUp(unitsOf(quantity, 3) * unitsOf(price, 2), 1000n), 2);

/** Sum of money texts. */
export const sumMoney = (amounts: string[]): string => textOf(amounts.reduce((sum, amount) => sum + unitsOf(amount, 2), 0n), 2);

/**
 * net / list with 4 decimals, cut (not rounded) after the fourth: a threshold of at most 4 decimals
 * is then met by this figure exactly when it is met by the exact quotient, so 0.49996 shows 0.4999
 * and goes where 0.4999 goes. A zero list total (nothing priced) is no discount: 1.0000.
 */
export function netRatio(net: string, list: string): string {
  const listUnits = unitsOf(list, 2);
  if (listUnits === 0n) return "1.0000";
  return textOf((unitsOf(net, 2) * 10_000n) / listUnits, 4);
}

/** Whether ratio `a` is at or above ratio `b` (both up to 4 decimals). */
export const ratioAtLeast = (a: string, b: string) => unitsOf(a, 4) >= unitsOf(b, 4);

/** A quantity as stored: more than zero, up to 12 digits and 3 decimals, written with 3 decimals; or BAD_USER_INPUT naming `field`. */
export function quantity(value: unknown, field: string): string {
  const text = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : undefined;
  if (text === undefined || !QUANTITY.test(text)) throw badInput(field, `must be a quantity with at most 12 digits and 3 decimals, sent as a string, got ${shown(value)}`);
  if (unitsOf(text, 3) === 0n) throw badInput(field, "must be more than 0");
  return textOf(unitsOf(text, 3), 3);
}

/** A ratio of a policy: from 0 to 1 with up to 4 decimals, written with 4; or BAD_USER_INPUT naming `field`. */
export function ratio(value: unknown, field: string): string {
  const text = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : undefined;
  if (text === undefined || !RATIO.test(text)) throw badInput(field, `must be a ratio with at most 4 decimals, sent as a string, got ${shown(value)}`);
  const units = unitsOf(text, 4);
  if (units > 10_000n) throw badInput(field, "must be at most 1");
  return textOf(units, 4);
}

function scalar(name: string, description: string, pattern: RegExp, words: string) {
  const parse = (value: unknown): string => {
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : undefined;
    if (text === undefined || !pattern.test(text)) throw new GraphQLError(`${words}, got ${shown(value)}`, { extensions: { code: ErrorCode.BadUserInput } });
    return text;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new GraphQLError(`${words}, got a ${ast.kind}`, { extensions: { code: ErrorCode.BadUserInput } });
      return parse(ast.value);
    },
  });
}

/** A quantity: an exact decimal with up to 3 decimals, as a string ("12.500" tons). */
export const Quantity = scalar("Quantity", "An exact non-negative decimal with up to 3 decimals, as a string (e.g. \"12.500\" tons); read back with 3 decimals.", QUANTITY, "must be a quantity with at most 12 digits and 3 decimals, sent as a string");

/** A net/list ratio, the Chinese "折": 0.4800 is 4.8折. */
export const Ratio = scalar("Ratio", "A net/list price ratio, an exact decimal with up to 4 decimals, as a string: \"0.4800\" is 4.8折 (52% off list); read back with 4 decimals.", RATIO, "must be a ratio with at most 4 decimals, sent as a string");
