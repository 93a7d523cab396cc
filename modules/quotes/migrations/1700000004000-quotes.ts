import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

const ref = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"] });

/**
 * The catalogue (products, per-territory list prices), quotes with their lines and number counters,
 * approval requests and per-territory approval policies; an index for every foreign key, filter and
 * keyset order (led by the columns the Scope fixes, ending in the order column and id).
 */
export class Quotes1700000004000 implements MigrationInterface {
  name = "Quotes1700000004000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "products",
        columns: [col.id(), col.str("code", 40), col.str("name", 200), col.str("unit", 20), col.bool("active", true), col.datetime("createdAt"), col.datetime("updatedAt"), { name: "version", type: "integer", default: 1 }],
        // Unique as an index: TypeORM's MySQL createTable drops `uniques` beside unnamed indexes (see AccountIndexes1700000001100).
        indices: [{ columnNames: ["code"], isUnique: true }, { columnNames: ["code", "id"] }, { columnNames: ["active", "code", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "price_list_entries",
        columns: [col.id(), col.int("productId"), col.int("territoryId"), col.money("listPrice", false), { ...col.str("currency", 3), default: "'CNY'" }, col.datetime("updatedAt")],
        foreignKeys: [ref("productId", "products"), ref("territoryId", "territories")],
        indices: [{ columnNames: ["productId", "territoryId"], isUnique: true }, { columnNames: ["territoryId"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "quotes",
        columns: [
          col.id(),
          col.str("number", 40),
          col.int("quoteVersion"),
          col.int("opportunityId"),
          col.int("accountId"),
          col.int("territoryId"),
          col.int("ownerId"),
          col.str("status", 20),
          col.str("validUntil", 10),
          col.str("currency", 3),
          col.money("listTotal", false),
          col.money("netTotal", false),
          col.str("netRatio", 12),
          col.str("requiredApproverRole", 20, true),
          col.int("requiredStep", true),
          col.int("supersededById", true),
          col.str("declineReason", 500, true),
          col.int("createdById", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [ref("opportunityId", "opportunities"), ref("accountId", "accounts"), ref("territoryId", "territories"), ref("ownerId", "users")],
        indices: [
          { columnNames: ["number", "quoteVersion"], isUnique: true },
          { columnNames: ["territoryId", "createdAt", "id"] },
          { columnNames: ["ownerId", "createdAt", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["territoryId", "status", "createdAt", "id"] },
          { columnNames: ["status", "validUntil"] },
          { columnNames: ["opportunityId"] },
          { columnNames: ["accountId"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "quote_lines",
        columns: [
          col.id(),
          col.int("quoteId"),
          col.int("position"),
          col.int("productId"),
          { name: "quantity", type: "decimal", precision: 15, scale: 3, isNullable: false },
          col.money("listPrice", false),
          col.money("netPrice", false),
          col.money("lineListTotal", false),
          col.money("lineNetTotal", false),
        ],
        foreignKeys: [ref("quoteId", "quotes"), ref("productId", "products")],
        indices: [{ columnNames: ["quoteId", "position", "id"] }, { columnNames: ["productId"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "quote_number_counters",
        columns: [
          { name: "territoryId", type: "integer", isPrimary: true },
          { name: "year", type: "integer", isPrimary: true },
          col.int("lastNumber"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "approval_requests",
        columns: [
          col.id(),
          col.str("kind", 16),
          col.int("subjectId"),
          col.int("territoryId"),
          col.int("ownerId"),
          col.int("step"),
          col.str("role", 20),
          col.str("decision", 16),
          col.int("approverId", true),
          col.str("comment", 500, true),
          col.datetime("requestedAt"),
          col.datetime("decidedAt", true),
        ],
        foreignKeys: [ref("territoryId", "territories"), ref("ownerId", "users"), ref("approverId", "users")],
        indices: [
          { columnNames: ["kind", "subjectId", "id"] },
          { columnNames: ["decision", "role", "requestedAt", "id"] },
          { columnNames: ["territoryId", "decision", "role", "requestedAt", "id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "quote_approval_policies",
        columns: [{ name: "territoryId", type: "integer", isPrimary: true }, col.str("freeRatio", 12), col.text("steps", false), col.datetime("updatedAt")],
        foreignKeys: [ref("territoryId", "territories")],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["quote_approval_policies", "approval_requests", "quote_number_counters", "quote_lines", "quotes", "price_list_entries", "products"]) await q.dropTable(table);
  }
}
