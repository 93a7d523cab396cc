import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../db/columns";

/** The outbox of domain events and each handler's position in it (src/events/outbox.ts). */
export class EventOutbox1700000000300 implements MigrationInterface {
  name = "EventOutbox1700000000300";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "event_outbox",
        columns: [col.id(), col.str("name", 100), col.text("payload", false), col.datetime("occurredAt")],
        indices: [{ columnNames: ["name", "id"] }, { columnNames: ["occurredAt"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "event_consumers",
        columns: [{ ...col.str("name", 150), isPrimary: true }, col.int("position"), col.datetime("updatedAt")],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("event_consumers");
    await q.dropTable("event_outbox");
  }
}
