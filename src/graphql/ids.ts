import { badInput } from "../errors";

/** Our ids are positive integers sent as GraphQL IDs; anything else is bad input naming the field. */
export function parseId(value: string, field: string): number {
  if (!/^[1-9]\d{0,14}$/.test(value)) throw badInput(field, `"${value}" is not a valid id`);
  return Number(value);
}

export const parseIds = (values: string[], field: string) => values.map((v) => parseId(v, field));
