import { isURL } from "class-validator";
import { badInput } from "../errors";
import { problem } from "./problems";

/** Whether `value` is an http or https URL with its protocol (no javascript:, no data:, no bare host). */
export const isHttpUrl = (value: unknown): value is string =>
  typeof value === "string" && isURL(value, { protocols: ["http", "https"], require_protocol: true });

/** An http(s) link, trimmed, or BAD_USER_INPUT naming `field`. */
export function httpUrl(value: string, field: string): string {
  if (!isHttpUrl(value)) throw badInput(field, problem.httpUrl);
  return value.trim();
}
