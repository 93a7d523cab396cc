import { Column, Entity, PrimaryColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** How far one event handler has consumed the outbox: the id of the last event it handled. */
@Entity("event_consumers")
export class EventConsumer {
  /** `<module>/<event name>` */
  @PrimaryColumn({ type: "varchar", length: 150 })
  name: string;

  @Column({ type: "integer" })
  position: number;

  @DateTimeColumn()
  updatedAt: Date;
}
