import { badInput } from "../errors";

/** A calendar date as YYYY-MM-DD (a day that exists), or BAD_USER_INPUT naming `field`. */
export function calendarDate(value: string, field: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badInput(field, `must be a calendar date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}
