import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A configured holiday that puts every owner's customers on the care reminder list. */
@ObjectType()
@Entity("holidays")
export class Holiday {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  /** null: the whole group */
  @Column({ type: "integer", nullable: true })
  territoryId: number | null;

  @Field(() => String)
  @Column({ type: "varchar", length: 80 })
  name: string;

  @Field(() => String, { description: "YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10 })
  date: string;
}
