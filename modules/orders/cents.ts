import { badInput } from "../../src/errors";
import { shown } from "../../src/domain/problems";

/**
 * Money as integer cents (BigInt) for arithmetic, and back to exact decimal text: never a JS float.
 * Sums in SQL are of ROUND(amount * 100) (sumCents): on SQLite a DECIMAL(18,2) column has NUMERIC
 * affinity and keeps 0.01 as a binary float, so SUM(amount) of 10,000 payments of 0.01 drifts off
 * 100.00; each value times 100 rounded is an exact integer on both databases, and so is their sum.
 */
export const cents = (money: string): bigint => {
  const negative = money.startsWith("-");
  const [whole, fraction = ""] = (negative ? money.slice(1) : money).split(".");
  const value = BigInt(whole + fraction.padEnd(2, "0").slice(0, 2));
  return negative ? -value : value;
};

export function moneyOf(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The SQL of a sum of money in cents, exact on both databases (see above). */
export const sumCents = (expression: string) => `COALESCE(SUM(ROUND(${expression} * 100)), 0)`;

/** A cents figure as a driver answers it: a number (SQLite), a decimal string (MySQL: "10000" or "10000.0000"), or null. */
export function centsFromSql(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(Math.round(value));
  const text = String(value);
  const [whole, fraction = ""] = text.split(".");
  if (/[1-9]/.test(fraction)) throw new Error(`a cents sum is not whole: ${text}`);
  return BigInt(whole);
}

/** A net ratio in ten-thousandths ("0.4500" is 4500n). */
export const ratioUnits = (ratio: string): bigint => {
  const [whole, fraction = ""] = ratio.split(".");
  return BigInt(whole + fraction.padEnd(4, "0").slice(0, 4));
};

const RATIO = /^\d(\.\d{1,4})?$/;

/** A ratio of a policy, from 0 to 1 with up to 4 decimals, written with 4; or BAD_USER_INPUT naming `field`. */
export function ratioInput(value: string, field: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (!RATIO.test(text)) throw badInput(field, `must be a ratio from 0 to 1 with at most 4 decimals, got ${shown(value)}`);
  const units = ratioUnits(text);
  if (units > 10_000n) throw badInput(field, "must be at most 1");
  const digits = units.toString().padStart(5, "0");
  return `${digits.slice(0, 1)}.${digits.slice(1)}`;
}
