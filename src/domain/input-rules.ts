import { ValidateBy, type ValidationOptions } from "class-validator";
import { isCalendarDate } from "./calendar-date";
import { isEmailAddress, isPhoneNumber } from "./contact-point";
import { isIntegerBetween } from "./integer";
import { isHttpUrl } from "./link";
import { problem } from "./problems";
import { charCount } from "./text";

/**
 * The vocabulary's rules as class-validator decorators, for declarative checks on input classes:
 * the same rules and the same words as the functions services call. A failure reads
 * "<field>: <problem>" and formatError puts the field (its path, for nested inputs) in
 * `extensions.field`. Null and undefined are left to @IsOptional, as with class-validator's own.
 */
function rule(name: string, check: (value: unknown) => boolean, words: string | ((value: unknown) => string), options?: ValidationOptions): PropertyDecorator {
  const say = (value: unknown) => (typeof words === "string" ? words : words(value));
  return ValidateBy(
    { name, validator: { validate: (value) => check(value), defaultMessage: (args) => `$property: ${options?.each ? `each ${say(undefined)}` : say(args?.value)}` } },
    options,
  );
}

/** A text of `min` to `max` characters, counted as the database counts them (code points). */
export const TextLength = (min: number, max: number, options?: ValidationOptions) =>
  rule(
    "textLength",
    (value) => typeof value === "string" && charCount(value) >= min && charCount(value) <= max,
    min <= 0 ? problem.atMostChars(max) : problem.chars(min, max),
    options,
  );

/** An integer from `min` to `max`, both included. */
export const IntegerBetween = (min: number, max: number, options?: ValidationOptions) =>
  rule("integerBetween", (value) => isIntegerBetween(value, min, max), problem.between(min, max), options);

/** At most `max` items in a list. */
export const MaxItems = (max: number, options?: ValidationOptions) =>
  rule("maxItems", (value) => Array.isArray(value) && value.length <= max, problem.atMostItems(max), options);

export const IsEmailAddress = (options?: ValidationOptions) => rule("isEmailAddress", isEmailAddress, problem.email, options);

export const IsPhoneNumber = (options?: ValidationOptions) => rule("isPhoneNumber", isPhoneNumber, problem.phone, options);

export const IsHttpUrl = (options?: ValidationOptions) => rule("isHttpUrl", isHttpUrl, problem.httpUrl, options);

/** A day that exists, as YYYY-MM-DD; bounds (not in the future...) are the service's, with calendarDate. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  rule("isCalendarDate", isCalendarDate, problem.calendarDate, options);
