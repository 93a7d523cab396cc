import { Column, type ColumnOptions, type ValueTransformer } from "typeorm";

/**
 * Column helpers that behave the same on MySQL and SQLite: UTC timestamps with milliseconds,
 * money as exact strings (mysql2 returns DECIMAL as strings; SQLite returns numbers, so we
 * format them back to two decimals).
 */
const moneyTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : typeof value === "number" ? value.toFixed(2) : value),
};

export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ type: "datetime", precision: 3, ...options });

export const MoneyColumn = (options: ColumnOptions = {}) =>
  Column({ type: "decimal", precision: 18, scale: 2, transformer: moneyTransformer, ...options });

/** Table-API column definitions for migrations, portable across both databases. */
export const col = {
  id: (name = "id") => ({ name, type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const }),
  int: (name: string, nullable = false) => ({ name, type: "integer", isNullable: nullable }),
  str: (name: string, length: number, nullable = false) => ({ name, type: "varchar", length: String(length), isNullable: nullable }),
  text: (name: string, nullable = true) => ({ name, type: "text", isNullable: nullable }),
  bool: (name: string, fallback: boolean) => ({ name, type: "boolean", default: fallback ? 1 : 0, isNullable: false }),
  date: (name: string, nullable = true) => ({ name, type: "varchar", length: "10", isNullable: nullable }),
  datetime: (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable }),
  money: (name: string, nullable = true) => ({ name, type: "decimal", precision: 18, scale: 2, isNullable: nullable }),
};
