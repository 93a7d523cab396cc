import { badInput } from "../errors";
import { problem } from "./problems";

/** A bound of a calendar date: a YYYY-MM-DD, or "today" (the UTC date when the check runs). */
export type DateBound = string | "today";

export interface DateBounds {
  /** the latest date allowed; "today" refuses a date in the future */
  notAfter?: DateBound;
  /** the earliest date allowed; "today" refuses a date in the past */
  notBefore?: DateBound;
}

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in UTC, as YYYY-MM-DD. */
export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** Whether `value` is a day that exists, written YYYY-MM-DD (2028-02-29 is, 2027-02-29 and 2027-02-30 are not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string" || !SHAPE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // Date rolls 2027-02-30 over to March 2nd: only a day that reads back the same exists.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A calendar date as YYYY-MM-DD (a day that exists), within the optional bounds, or BAD_USER_INPUT
 * naming `field`. The date is returned as given: dates compare as strings.
 */
export function calendarDate(value: string, field: string, bounds: DateBounds = {}): string {
  if (!isCalendarDate(value)) throw badInput(field, problem.calendarDate(value));
  const { notAfter, notBefore } = bounds;
  if (notAfter !== undefined && value > (notAfter === "today" ? todayUtc() : notAfter)) {
    throw badInput(field, notAfter === "today" ? problem.inFuture : problem.after(notAfter));
  }
  if (notBefore !== undefined && value < (notBefore === "today" ? todayUtc() : notBefore)) {
    throw badInput(field, notBefore === "today" ? problem.inPast : problem.before(notBefore));
  }
  return value;
}
