import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { GraphQLJSON } from "graphql-scalars";
import { DateTimeColumn } from "../db/columns";

/** One change to one record: who, when, which fields from what to what. */
@ObjectType({ description: "One recorded change of one record: who, when, what, and which fields went from what to what. Readable by executives, territory heads, sales managers, business managers, territory admins and system admins, for records they reach" })
@Entity("audit_entries")
@Index(["entityType", "entityId", "id"])
export class AuditEntry {
  @Field(() => ID, { description: "the entry's id; entries of a record are in increasing id order" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "the kind of record changed: Account, Contact, Lead, Opportunity, User..." })
  @Column({ type: "varchar", length: 40 })
  entityType: string;

  @Field(() => ID, { description: "the id of the record changed" })
  @Column({ type: "integer" })
  entityId: number;

  @Field(() => String, { description: "what was done, an upper-case word: CREATE, UPDATE, APPROVE, TRANSFER, ASSIGN, CONVERT, FREEZE..." })
  @Column({ type: "varchar", length: 40 })
  action: string;

  /** "user:12", "apikey:3" or "system" */
  @Field(() => String, { description: "who did it: \"user:<id>\", \"apikey:<id>\" for a partner key, or \"system\" for a job" })
  @Column({ type: "varchar", length: 40 })
  actor: string;

  @Field(() => Date, { description: "when it was done (ISO-8601 timestamp, UTC)" })
  @DateTimeColumn()
  at: Date;

  @Column({ type: "text" })
  changesJson: string;

  @Field(() => GraphQLJSON, { description: "field -> { from, to }" })
  get changes(): Record<string, { from: unknown; to: unknown }> {
    return JSON.parse(this.changesJson);
  }
}
