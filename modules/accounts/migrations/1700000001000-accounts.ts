import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

/** Accounts, contacts, activities, follow-up policies and holidays, with an index for every filter and keyset order. */
export class Accounts1700000001000 implements MigrationInterface {
  name = "Accounts1700000001000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "accounts",
        columns: [
          col.id(),
          col.str("name", 200),
          col.str("nameKey", 200),
          col.str("registrationNo", 40, true),
          { name: "status", type: "varchar", length: "16", default: "'PROSPECT'" },
          col.str("approvalStatus", 16),
          { name: "tier", type: "varchar", length: "16", default: "'GENERAL'" },
          col.str("industry", 80, true),
          col.str("region", 80, true),
          col.int("territoryId"),
          col.int("ownerId", true),
          col.int("previousOwnerId", true),
          col.money("creditLimit"),
          col.int("creditTermsDays", true),
          col.str("riskGrade", 8, true),
          { name: "followUpState", type: "varchar", length: "8", default: "'OK'" },
          col.bool("inPublicPool", false),
          col.datetime("lastContactAt", true),
          col.datetime("assignedAt"),
          col.datetime("claimedAt", true),
          col.datetime("approvedAt", true),
          col.datetime("archivedAt", true),
          col.int("createdById", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        uniques: [{ columnNames: ["nameKey"] }, { columnNames: ["registrationNo"] }],
        foreignKeys: [
          { columnNames: ["territoryId"], referencedTableName: "territories", referencedColumnNames: ["id"] },
          { columnNames: ["ownerId"], referencedTableName: "users", referencedColumnNames: ["id"] },
        ],
        indices: [
          { columnNames: ["territoryId", "name", "id"] },
          { columnNames: ["ownerId", "name", "id"] },
          { columnNames: ["name", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["updatedAt", "id"] },
          { columnNames: ["territoryId", "inPublicPool"] },
          { columnNames: ["status"] },
          { columnNames: ["tier"] },
          { columnNames: ["industry"] },
          { columnNames: ["region"] },
          { columnNames: ["followUpState"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "contacts",
        columns: [
          col.id(),
          col.int("accountId"),
          col.str("name", 120),
          col.str("title", 120, true),
          col.str("phone", 40, true),
          col.str("email", 254, true),
          col.str("birthday", 10, true),
          col.int("birthMonthDay", true),
          col.bool("isKeyPerson", false),
          col.datetime("createdAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [{ columnNames: ["accountId"], referencedTableName: "accounts", referencedColumnNames: ["id"] }],
        indices: [{ columnNames: ["accountId", "name"] }, { columnNames: ["birthMonthDay"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "activities",
        columns: [
          col.id(),
          col.str("type", 16),
          col.str("subject", 200),
          col.int("accountId", true),
          col.str("relatedType", 40, true),
          col.int("relatedId", true),
          col.int("territoryId"),
          col.int("ownerId"),
          col.datetime("dueAt", true),
          col.datetime("doneAt", true),
          col.str("outcome", 1000, true),
          col.int("createdById", true),
          col.datetime("createdAt"),
        ],
        foreignKeys: [{ columnNames: ["accountId"], referencedTableName: "accounts", referencedColumnNames: ["id"] }],
        indices: [
          { columnNames: ["accountId", "createdAt", "id"] },
          { columnNames: ["relatedType", "relatedId", "createdAt"] },
          { columnNames: ["territoryId"] },
          { columnNames: ["ownerId"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "follow_up_policies",
        columns: [
          { name: "territoryId", type: "integer", isPrimary: true },
          col.int("warnFirstDays"),
          col.int("warnSecondDays"),
          col.int("reclaimDays"),
          col.int("maxClaimedPerRep"),
          col.int("careReminderDays"),
        ],
      }),
    );
    await q.createTable(
      new Table({ name: "holidays", columns: [col.id(), col.int("territoryId", true), col.str("name", 80), col.str("date", 10)], indices: [{ columnNames: ["date"] }] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["holidays", "follow_up_policies", "activities", "contacts", "accounts"]) await q.dropTable(table);
  }
}
