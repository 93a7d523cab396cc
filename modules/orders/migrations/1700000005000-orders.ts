import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

const ref = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"] });
const zero = (name: string) => ({ ...col.money(name, false), default: 0 });

/**
 * Orders with their lines, number counters and approval policies; execution tasks; invoices,
 * payments and recordPayment's idempotency keys. An index for every foreign key, filter and keyset
 * order; invoices (settledOn, dueOn, id) and payments (invoiceId, receivedOn, id) serve the
 * receivables reports (the ageing report reads only invoices not settled as of its date).
 */
export class Orders1700000005000 implements MigrationInterface {
  name = "Orders1700000005000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "orders",
        columns: [
          col.id(),
          col.str("number", 40),
          col.int("quoteId"),
          col.int("opportunityId"),
          col.int("accountId"),
          col.int("territoryId"),
          col.int("ownerId"),
          col.str("status", 20),
          col.str("template", 10),
          col.str("currency", 3),
          col.money("amount", false),
          col.str("netRatio", 12),
          col.date("signedOn"),
          col.str("deliveryTerms", 1000, true),
          { ...col.str("approvalChain", 200), default: "'[]'" },
          col.bool("prepaymentRequired", false),
          col.bool("overCreditLimit", false),
          zero("invoicedAmount"),
          zero("paidAmount"),
          col.date("deliveryDate"),
          col.str("executionNotes", 2000, true),
          col.datetime("executionIssuedAt", true),
          col.int("executionIssuedById", true),
          col.str("cancelReason", 500, true),
          col.int("createdById", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [ref("quoteId", "quotes"), ref("opportunityId", "opportunities"), ref("accountId", "accounts"), ref("territoryId", "territories"), ref("ownerId", "users")],
        indices: [
          { columnNames: ["number"], isUnique: true },
          { columnNames: ["territoryId", "createdAt", "id"] },
          { columnNames: ["ownerId", "createdAt", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["territoryId", "status", "createdAt", "id"] },
          { columnNames: ["quoteId"] },
          { columnNames: ["opportunityId"] },
          { columnNames: ["accountId", "status"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "order_lines",
        columns: [
          col.id(),
          col.int("orderId"),
          col.int("position"),
          col.int("productId"),
          { name: "quantity", type: "decimal", precision: 15, scale: 3, isNullable: false },
          col.money("listPrice", false),
          col.money("netPrice", false),
          col.money("lineNetTotal", false),
        ],
        foreignKeys: [ref("orderId", "orders"), ref("productId", "products")],
        indices: [{ columnNames: ["orderId", "position", "id"] }, { columnNames: ["productId"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "order_number_counters",
        columns: [{ name: "series", type: "varchar", length: "8", isPrimary: true }, { name: "territoryId", type: "integer", isPrimary: true }, { name: "year", type: "integer", isPrimary: true }, col.int("lastNumber")],
      }),
    );
    await q.createTable(
      new Table({
        name: "order_approval_policies",
        columns: [{ name: "territoryId", type: "integer", isPrimary: true }, col.str("standardMaxAmount", 24), col.str("minNetRatio", 12), col.str("countersign", 200), col.str("prepaymentRiskGrades", 100), col.datetime("updatedAt")],
        foreignKeys: [ref("territoryId", "territories")],
      }),
    );
    await q.createTable(
      new Table({
        name: "execution_tasks",
        columns: [col.id(), col.int("orderId"), col.str("title", 200), col.int("assigneeId"), col.str("dueOn", 10), col.str("status", 8), col.datetime("completedAt", true), col.datetime("createdAt")],
        foreignKeys: [ref("orderId", "orders"), ref("assigneeId", "users")],
        indices: [{ columnNames: ["orderId", "id"] }, { columnNames: ["assigneeId", "status", "dueOn", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "invoices",
        columns: [
          col.id(),
          col.str("number", 40),
          col.int("orderId"),
          col.int("accountId"),
          col.money("amount", false),
          col.str("issuedOn", 10),
          col.str("dueOn", 10),
          zero("paidAmount"),
          col.date("lastPaidOn"),
          col.date("settledOn"),
          col.int("createdById", true),
          col.datetime("createdAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [ref("orderId", "orders"), ref("accountId", "accounts")],
        indices: [
          { columnNames: ["number"], isUnique: true },
          { columnNames: ["orderId", "id"] },
          { columnNames: ["accountId", "issuedOn", "id"] },
          { columnNames: ["settledOn", "dueOn", "id"] },
          { columnNames: ["dueOn", "id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "payments",
        columns: [col.id(), col.int("invoiceId"), col.money("amount", false), col.str("receivedOn", 10), col.str("reference", 100), col.str("recordedBy", 40), col.datetime("recordedAt")],
        foreignKeys: [ref("invoiceId", "invoices")],
        indices: [{ columnNames: ["invoiceId", "receivedOn", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "payment_idempotency_keys",
        columns: [col.id(), col.str("caller", 40), col.str("idempotencyKey", 100), col.str("requestHash", 64), col.int("paymentId"), col.datetime("createdAt")],
        foreignKeys: [ref("paymentId", "payments")],
        indices: [{ columnNames: ["caller", "idempotencyKey"], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["payment_idempotency_keys", "payments", "invoices", "execution_tasks", "order_approval_policies", "order_number_counters", "order_lines", "orders"]) await q.dropTable(table);
  }
}
