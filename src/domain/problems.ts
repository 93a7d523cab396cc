/**
 * The words of every refusal of bad input, in one place so that they read alike. Each completes
 * "<field>: ..." (badInput puts the field in front, and in `extensions.field`).
 *
 * The validation vocabulary that uses them, one concept a file, each function returning the value
 * as stored or throwing badInput naming the field it is given:
 * - calendar-date.ts: calendarDate (a day that exists, YYYY-MM-DD; bounds such as notAfter: "today")
 * - money.ts: decimal (16 digits, 2 decimals; the Decimal scalar's rule), money (non-negative, 2 decimals)
 * - text.ts: cleanText (one-line names), requiredText, optionalText (blank is null); max in characters
 * - integer.ts: integerBetween; choice.ts: oneOf; contact-point.ts: emailAddress, phoneNumber; link.ts: httpUrl
 * - ids: parseId (src/graphql/ids.ts)
 * - input-rules.ts: the same rules as class-validator decorators for input classes (TextLength, ...)
 * formatError (src/errors.ts) names the field of a variable GraphQL itself refuses (a Decimal, an enum).
 */

/** A value as a refusal quotes it: JSON, and short, so a huge input is not echoed back whole. */
export function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : value === undefined ? "nothing" : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export const problem = {
  blank: "must not be blank",
  null: "cannot be null",
  missing: "must be given",
  atMostChars: (max: number) => `must be at most ${max} characters`,
  chars: (min: number, max: number) => `must be ${min} to ${max} characters`,
  atMostItems: (max: number) => `must have at most ${max} items`,
  calendarDate: (value: unknown) => `must be a calendar date as YYYY-MM-DD, got ${shown(value)}`,
  inFuture: "must not be in the future",
  inPast: "must not be in the past",
  after: (date: string) => `must not be after ${date}`,
  before: (date: string) => `must not be before ${date}`,
  decimal: (value: unknown) => `must be a decimal number with at most 16 digits and 2 decimals, sent as a string, got ${shown(value)}`,
  negative: "must not be negative",
  wholeNumber: (value: unknown) => `must be a whole number, got ${shown(value)}`,
  between: (min: number, max: number) => `must be between ${min} and ${max}`,
  oneOf: (allowed: readonly string[]) => `must be one of ${allowed.join(", ")}`,
  email: "must be an e-mail address",
  phone: "must be digits, spaces, ( ) - and an optional leading +",
  httpUrl: "must be an http(s) URL",
} as const;
