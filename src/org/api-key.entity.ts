import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** A partner's key: shown once at creation, stored as a SHA-256 hash of its secret. */
@ObjectType()
@Entity("api_keys")
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 120 })
  name: string;

  /** the key's public prefix, to tell keys apart in lists */
  @Field(() => String)
  @Column({ type: "varchar", length: 16, unique: true })
  prefix: string;

  @Column({ type: "varchar", length: 64 })
  secretHash: string;

  /** comma-separated territory ids granted to the key */
  @Column({ type: "varchar", length: 500 })
  territoryIdList: string;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: "integer" })
  createdById: number;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;

  get territoryIds(): number[] {
    return this.territoryIdList.split(",").filter(Boolean).map(Number);
  }
}
