import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { GraphQLJSON } from "graphql-scalars";
import { DateTimeColumn } from "../db/columns";

/** One change to one record: who, when, which fields from what to what. */
@ObjectType()
@Entity("audit_entries")
@Index(["entityType", "entityId", "id"])
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 40 })
  entityType: string;

  @Field(() => ID)
  @Column({ type: "integer" })
  entityId: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 40 })
  action: string;

  /** "user:12", "apikey:3" or "system" */
  @Field(() => String)
  @Column({ type: "varchar", length: 40 })
  actor: string;

  @Field(() => Date)
  @DateTimeColumn()
  at: Date;

  @Column({ type: "text" })
  changesJson: string;

  @Field(() => GraphQLJSON, { description: "field -> { from, to }" })
  get changes(): Record<string, { from: unknown; to: unknown }> {
    return JSON.parse(this.changesJson);
  }
}
