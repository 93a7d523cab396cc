import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A business segment of the group; its data is visible only inside it. */
@ObjectType()
@Entity("territories")
export class Territory {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 32, unique: true })
  code: string;

  @Field(() => String)
  @Column({ type: "varchar", length: 120 })
  name: string;
}
