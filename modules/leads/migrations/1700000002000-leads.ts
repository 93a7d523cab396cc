import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

const users = (column: string) => ({ columnNames: [column], referencedTableName: "users", referencedColumnNames: ["id"] });
const territories = { columnNames: ["territoryId"], referencedTableName: "territories", referencedColumnNames: ["id"] };

/** Leads and assignment rules; an index for every filter and keyset order (opportunities: modules/opportunities/migrations). */
export class Leads1700000002000 implements MigrationInterface {
  name = "Leads1700000002000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "leads",
        columns: [
          col.id(),
          col.str("status", 16),
          col.str("company", 200),
          col.str("contactName", 120),
          col.str("email", 254, true),
          col.str("phone", 40, true),
          col.str("channel", 16),
          col.str("industry", 80, true),
          col.str("region", 80, true),
          col.str("note", 2000, true),
          col.int("territoryId", true),
          col.int("ownerId", true),
          col.int("assignedById", true),
          col.datetime("assignedAt", true),
          col.str("disqualifyReason", 500, true),
          col.int("convertedAccountId", true),
          col.int("convertedOpportunityId", true),
          col.datetime("convertedAt", true),
          col.datetime("lastActivityAt", true),
          col.datetime("activityClockAt"),
          col.int("createdById", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [territories, users("ownerId")],
        indices: [
          { columnNames: ["territoryId", "createdAt", "id"] },
          { columnNames: ["ownerId", "createdAt", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["company", "id"] },
          { columnNames: ["territoryId", "status", "activityClockAt"] },
          { columnNames: ["status"] },
          { columnNames: ["channel"] },
          { columnNames: ["industry"] },
          { columnNames: ["region"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "lead_assignment_rules",
        columns: [
          col.id(),
          col.int("territoryId"),
          col.str("region", 80, true),
          col.str("industry", 80, true),
          col.int("userId", true),
          col.int("teamManagerId", true),
          { name: "priority", type: "integer", default: 100 },
          col.int("lastAssignedUserId", true),
          col.datetime("createdAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [territories, users("userId"), users("teamManagerId")],
        indices: [{ columnNames: ["territoryId", "priority", "id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["lead_assignment_rules", "leads"]) await q.dropTable(table);
  }
}
