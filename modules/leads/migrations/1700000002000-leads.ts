import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

const users = (column: string) => ({ columnNames: [column], referencedTableName: "users", referencedColumnNames: ["id"] });
const territories = { columnNames: ["territoryId"], referencedTableName: "territories", referencedColumnNames: ["id"] };

/** Leads, assignment rules, opportunities with their stage history, and per-territory pipelines; an index for every filter and keyset order. */
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
    await q.createTable(
      new Table({
        name: "opportunities",
        columns: [
          col.id(),
          col.str("name", 200),
          col.int("accountId"),
          col.int("territoryId"),
          col.int("ownerId"),
          col.money("amount", false),
          col.str("expectedCloseDate", 10),
          col.str("stage", 16),
          col.int("probability"),
          col.str("status", 16),
          col.str("requestedOutcome", 8, true),
          col.str("lostReason", 500, true),
          col.datetime("closeRequestedAt", true),
          col.datetime("closedAt", true),
          col.int("closedById", true),
          col.text("competitors", false),
          col.str("nextStep", 500, true),
          col.text("attachments", false),
          col.int("leadId", true),
          col.datetime("lastActivityAt", true),
          col.datetime("activityClockAt"),
          col.int("createdById", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [
          { columnNames: ["accountId"], referencedTableName: "accounts", referencedColumnNames: ["id"] },
          territories,
          users("ownerId"),
        ],
        indices: [
          { columnNames: ["territoryId", "createdAt", "id"] },
          { columnNames: ["ownerId", "createdAt", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["name", "id"] },
          { columnNames: ["amount", "id"] },
          { columnNames: ["expectedCloseDate", "id"] },
          { columnNames: ["status", "activityClockAt"] },
          { columnNames: ["accountId"] },
          { columnNames: ["stage"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "opportunity_stage_changes",
        columns: [col.id(), col.int("opportunityId"), col.str("fromStage", 16, true), col.str("toStage", 16), col.int("changedById", true), col.datetime("changedAt")],
        foreignKeys: [{ columnNames: ["opportunityId"], referencedTableName: "opportunities", referencedColumnNames: ["id"] }],
        indices: [{ columnNames: ["opportunityId", "changedAt", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "pipeline_stages",
        columns: [
          { name: "territoryId", type: "integer", isPrimary: true },
          { name: "stage", type: "varchar", length: "16", isPrimary: true },
          col.int("probability"),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["pipeline_stages", "opportunity_stage_changes", "opportunities", "lead_assignment_rules", "leads"]) await q.dropTable(table);
  }
}
