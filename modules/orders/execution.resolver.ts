import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { userById } from "../../src/org/org.loaders";
import { User } from "../../src/org/user.entity";
import { ExecutionTask, TASK_TYPE, TaskStatus } from "./execution-task.entity";
import * as execution from "./execution.service";
import { Order } from "./order.entity";
import { ExecutionOrderInput } from "./order.inputs";
import { orderById } from "./order.loaders";

export const { Connection: TaskConnection } = Connection(ExecutionTask, TASK_TYPE);

rowsOf(ExecutionTask).reads({ assignee: ["assigneeId"], order: ["orderId"] });

@Resolver(() => ExecutionTask)
export class ExecutionResolver {
  @Mutation(() => Order, {
    description:
      "issues the execution order of an APPROVED order (the territory's business manager): it becomes IN_EXECUTION, delivery, invoicing and implementation are notified (event order.execution-issued) and its tasks are given; audited. Refusals: NOT_FOUND when the order does not exist or is outside the caller's reach; FAILED_PRECONDITION with reason WRONG_STATUS when it is not APPROVED, PREPAYMENT_DUE when it needs prepayment and its paid invoices do not cover its amount; BAD_USER_INPUT naming the field (deliveryDate, notes, tasks.N.title, tasks.N.assigneeId: a person of the order's territory, not frozen; tasks.N.dueOn)",
  })
  issueExecutionOrder(
    @Arg("orderId", () => ID, { description: "the order" }) orderId: string,
    @Arg("input", () => ExecutionOrderInput, { description: "the delivery date, notes and tasks" }) input: ExecutionOrderInput,
    @Ctx() ctx: Context,
  ): Promise<Order> {
    return execution.issueExecutionOrder(ctx, parseId(orderId, "orderId"), input);
  }

  @Mutation(() => ExecutionTask, {
    description: "completes one of the caller's tasks; the last one done of a fully paid order completes the order; audited. Refusals: NOT_FOUND when the task does not exist; FORBIDDEN with reason NOT_ASSIGNEE when it is someone else's; FAILED_PRECONDITION with reason WRONG_STATUS when it is already DONE",
  })
  completeTask(@Arg("id", () => ID, { description: "the task" }) id: string, @Ctx() ctx: Context): Promise<ExecutionTask> {
    return execution.completeTask(ctx, parseId(id, "id"));
  }

  @Query(() => TaskConnection, { description: "the execution tasks given to the caller, soonest due first, in keyset pages" })
  myTasks(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("status", () => TaskStatus, { nullable: true, description: "only the tasks in this status" }) status?: TaskStatus,
  ) {
    return execution.myTasks(ctx, status, page, info);
  }

  @FieldResolver(() => User, { description: "the person it is given to" })
  assignee(@Root() task: ExecutionTask, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, userById).load(task.assigneeId, info);
  }

  @FieldResolver(() => Order, { nullable: true, description: "the order it is part of; null when the order is outside the caller's reach (an assignee outside sales)" })
  order(@Root() task: ExecutionTask, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, orderById).load(task.orderId, info);
  }
}
