import { badInput } from "../errors";

/** A name or short text as stored: trimmed, inner runs of white space made one space; blank is BAD_USER_INPUT naming `field`. */
export function cleanText(value: string, field: string): string {
  const cleaned = value.trim().replace(/\s+/g, " ");
  if (cleaned === "") throw badInput(field, "must not be blank");
  return cleaned;
}
