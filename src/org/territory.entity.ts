import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A business segment of the group; its data is visible only inside it. */
@ObjectType({ description: "A business segment of the group; its records are visible only inside it (and to executives)" })
@Entity("territories")
export class Territory {
  @Field(() => ID, { description: "the territory's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "short code, unique in the group; it appears in document numbers (the COAL of Q-COAL-2026-000123)" })
  @Column({ type: "varchar", length: 32, unique: true })
  code: string;

  @Field(() => String, { description: "the territory's display name" })
  @Column({ type: "varchar", length: 120 })
  name: string;
}
