import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Role } from "../access/roles";
import { DateTimeColumn } from "../db/columns";

@ObjectType({ description: "A member of staff who logs in. Partners (API keys) read only a user's id and name, as the owner of an account" })
@Entity("users")
export class User {
  @Field(() => ID, { description: "the user's id" })
  @PrimaryGeneratedColumn()
  id: number;

  // email, role and frozen are nullable in the schema because partners are refused them: a refused
  // non-null field would null the whole user (an account's owner), not only itself.
  /** Stored as normaliseEmail (auth.service.ts) gives it and compared exactly: binary on MySQL (UserEmailExact1700000000100). */
  @Field(() => String, { nullable: true, description: "null for partners, who are refused it" })
  @Column({ type: "varchar", length: 254, unique: true })
  email: string;

  @Field(() => String, { description: "the user's full name" })
  @Column({ type: "varchar", length: 120 })
  name: string;

  @Field(() => Role, { nullable: true, description: "null for partners, who are refused it" })
  @Column({ type: "varchar", length: 32 })
  role: Role;

  @Index()
  @Column({ type: "integer", nullable: true })
  territoryId: number | null;

  @Index()
  @Column({ type: "integer", nullable: true })
  managerId: number | null;

  /** scrypt hash; never exposed through GraphQL */
  @Column({ type: "varchar", length: 200 })
  passwordHash: string;

  @Field(() => Boolean, { nullable: true, description: "null for partners, who are refused it" })
  @Column({ type: "boolean", default: false })
  frozen: boolean;

  @DateTimeColumn({ nullable: true })
  frozenAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
