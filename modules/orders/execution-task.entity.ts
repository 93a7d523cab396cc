import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

/** The GraphQL name of the type (issue 12 names it `Task`), also its connection's prefix. */
export const TASK_TYPE = "Task";

export enum TaskStatus {
  OPEN = "OPEN",
  DONE = "DONE",
}
registerEnumType(TaskStatus, {
  name: "TaskStatus",
  description: "Whether an execution task is done",
  valuesConfig: { OPEN: { description: "to do" }, DONE: { description: "completed by its assignee (completedAt)" } },
});

/** Implementation work of an execution order, given to a person of the order's territory: the GraphQL type `Task` (issue 12), the table execution_tasks. */
@ObjectType(TASK_TYPE, { description: "A task of an order's execution, given to a person of its territory; read by whoever reads the order, and by its assignee (myTasks)" })
@Entity("execution_tasks")
@Index(["orderId", "id"])
@Index(["assigneeId", "status", "dueOn", "id"])
export class ExecutionTask {
  @Field(() => ID, { description: "the task's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  orderId: number;

  @Field(() => String, { description: "what is to be done" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Column({ type: "integer" })
  assigneeId: number;

  @Field(() => String, { description: "the day (YYYY-MM-DD) it is due" })
  @Column({ type: "varchar", length: 10 })
  dueOn: string;

  @Field(() => TaskStatus, { description: "OPEN until its assignee completes it" })
  @Column({ type: "varchar", length: 8 })
  status: TaskStatus;

  @Field(() => Date, { nullable: true, description: "when it was completed (UTC); null while OPEN" })
  @DateTimeColumn({ nullable: true })
  completedAt: Date | null;

  @Field(() => Date, { description: "when the execution order gave it (UTC)" })
  @DateTimeColumn()
  createdAt: Date;
}
