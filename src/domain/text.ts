import { badInput } from "../errors";
import { problem } from "./problems";

/**
 * The length of a text as the database counts it (VARCHAR(n) holds n characters): code points, so
 * an emoji is one, and a variation selector (U+FE0F) is one more.
 */
export const charCount = (value: string) => [...value].length;

export interface TextRules {
  /** at most this many characters, as stored (after trimming) */
  max?: number;
}

function withinMax(value: string, field: string, { max }: TextRules): string {
  if (max !== undefined && charCount(value) > max) throw badInput(field, problem.atMostChars(max));
  return value;
}

/**
 * A name or short one-line text as stored: trimmed, inner runs of white space made one space, not
 * blank, at most `max` characters; else BAD_USER_INPUT naming `field`.
 */
export function cleanText(value: string, field: string, rules: TextRules = {}): string {
  const cleaned = value.trim().replace(/\s+/g, " ");
  if (cleaned === "") throw badInput(field, problem.blank);
  return withinMax(cleaned, field, rules);
}

/** A required text as written (its inner spacing and lines kept), trimmed, not blank, at most `max` characters. */
export function requiredText(value: string, field: string, rules: TextRules = {}): string {
  const trimmed = value.trim();
  if (trimmed === "") throw badInput(field, problem.blank);
  return withinMax(trimmed, field, rules);
}

/** An optional text as written, trimmed; absent or blank is null. At most `max` characters. */
export function optionalText(value: string | null | undefined, field: string, rules: TextRules = {}): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : withinMax(trimmed, field, rules);
}
