import { badInput } from "../errors";
import { problem } from "./problems";

/** The one rule of exact decimals (money): an optional minus, 1 to 16 digits, at most 2 decimals. */
const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

/**
 * The decimal text of a value sent for a Decimal, trimmed, or undefined when it is not one. A finite
 * JSON number is read as its shortest text (12.5 is "12.5"; 0.1 + 0.2 has 17 decimals and is not).
 */
export function decimalText(value: unknown): string | undefined {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string") return undefined;
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? trimmed : undefined;
}

/** An exact decimal as a string (see decimalText), negative only when allowed, or BAD_USER_INPUT naming `field`. */
export function decimal(value: unknown, field: string, options: { nonNegative?: boolean } = {}): string {
  const text = decimalText(value);
  if (text === undefined) throw badInput(field, problem.decimal(value));
  if (options.nonNegative && text.startsWith("-")) throw badInput(field, problem.negative);
  return text;
}

/**
 * Money as the database keeps it, exactly two decimals, so what a write returns is what a read
 * returns: a non-negative decimal (the `Decimal` scalar's rule), or BAD_USER_INPUT naming `field`.
 */
export function money(value: string, field: string): string {
  const [whole, cents = ""] = decimal(value, field, { nonNegative: true }).split(".");
  return `${whole.replace(/^0+(?=\d)/, "")}.${cents.padEnd(2, "0")}`;
}
