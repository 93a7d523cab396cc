import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../db/columns";

/** A partner's key: shown once at creation, stored as a SHA-256 hash of its secret. */
@ObjectType({ description: "A partner integration's API key; system admins only" })
@Entity("api_keys")
export class ApiKey {
  @Field(() => ID, { description: "the key's id, to revoke it with (not the key itself)" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "what the key is for, as its creator named it" })
  @Column({ type: "varchar", length: 120 })
  name: string;

  /** the key's public prefix, to tell keys apart in lists */
  @Field(() => String, { description: "the public part of the key (crm_<prefix>_…), to tell keys apart; the secret is never shown again" })
  @Column({ type: "varchar", length: 16, unique: true })
  prefix: string;

  @Column({ type: "varchar", length: 64 })
  secretHash: string;

  /** comma-separated territory ids granted to the key */
  @Column({ type: "varchar", length: 500 })
  territoryIdList: string;

  @Field(() => Date, { nullable: true, description: "when the key stops working; null: it does not expire" })
  @DateTimeColumn({ nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when a system admin revoked the key; null while it works" })
  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when a request last authenticated with the key, to the minute (recorded at most once a minute); null if never" })
  @DateTimeColumn({ nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: "integer" })
  createdById: number;

  @Field(() => Date, { description: "when the key was created" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => [ID], { name: "territoryIds", description: "the territories whose accounts the key may read" })
  grantedTerritoryIds(): string[] {
    return this.territoryIds.map(String);
  }

  get territoryIds(): number[] {
    return this.territoryIdList.split(",").filter(Boolean).map(Number);
  }
}
