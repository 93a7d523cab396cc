import { badInput } from "../errors";
import { problem } from "./problems";

/** Whether `value` is an integer from `min` to `max`, both included. */
export const isIntegerBetween = (value: unknown, min: number, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

/** An integer from `min` to `max` (both included), or BAD_USER_INPUT naming `field`. */
export function integerBetween(value: number, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw badInput(field, problem.wholeNumber(value));
  if (value < min || value > max) throw badInput(field, problem.between(min, max));
  return value;
}
