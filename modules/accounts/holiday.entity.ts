import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A configured holiday that puts every owner's customers on the care reminder list. */
@ObjectType({ description: "A configured holiday, of one territory or of the whole group: it puts every owner's customers on the care reminders" })
@Entity("holidays")
export class Holiday {
  @Field(() => ID, { description: "the holiday's id" })
  @PrimaryGeneratedColumn()
  id: number;

  /** null: the whole group */
  @Column({ type: "integer", nullable: true })
  territoryId: number | null;

  @Field(() => String, { description: "the holiday's name" })
  @Column({ type: "varchar", length: 80 })
  name: string;

  @Field(() => String, { description: "the day, YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10 })
  date: string;
}
