import { badInput } from "../errors";

/**
 * Money as the database keeps it, exactly two decimals, so what a write returns is what a read
 * returns. `value` has passed the `Decimal` scalar (digits, at most two decimals); a negative
 * amount is refused as BAD_USER_INPUT naming `field`.
 */
export function money(value: string, field: string): string {
  if (value.startsWith("-")) throw badInput(field, "must not be negative");
  const [whole, cents = ""] = value.split(".");
  return `${whole.replace(/^0+(?=\d)/, "")}.${cents.padEnd(2, "0")}`;
}
