import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** A domain event as committed, in the same transaction as the change it tells of. */
@Entity("event_outbox")
export class OutboxEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 100 })
  name: string;

  /** the payload as JSON */
  @Column({ type: "text" })
  payload: string;

  @DateTimeColumn()
  occurredAt: Date;
}
