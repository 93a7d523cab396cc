import { badInput } from "../errors";
import { problem } from "./problems";

/**
 * One of the allowed values (a list, or a TypeScript string enum), or BAD_USER_INPUT naming
 * `field` and the values allowed. GraphQL refuses a value outside a schema enum by itself (and
 * formatError names the field); this is for a subset of an enum, or a choice sent as a String.
 */
export function oneOf<T extends string>(value: string, allowed: readonly T[] | Record<string, T>, field: string): T {
  const values: readonly T[] = Array.isArray(allowed) ? allowed : Object.values(allowed);
  if (!values.includes(value as T)) throw badInput(field, problem.oneOf(values));
  return value as T;
}
