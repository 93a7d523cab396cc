import { In } from "typeorm";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { calendarDate } from "../../src/domain/calendar-date";
import { cleanText, optionalText } from "../../src/domain/text";
import { badInput, forbidden, notFound, refused } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import type { SelectionInfo } from "../../src/graphql/selection";
import { User } from "../../src/org/user.entity";
import { cents } from "./cents";
import { ExecutionTask, TaskStatus } from "./execution-task.entity";
import { Order, OrderStatus } from "./order.entity";
import type { ExecutionOrderInput } from "./order.inputs";
import { OrderPermission } from "./order.permissions";
import { OrderReason } from "./order.reasons";
import { assertOrderStatus, completeIfDone, lockOrder, ORDER_AUDITED, orderLabel } from "./order.service";
import { isMySql } from "./serial-writes";

/**
 * The execution order (PRODUCT.md: "after approval the business manager issues an execution order
 * that notifies delivery, invoicing and implementation; implementation work becomes tasks").
 */
export function issueExecutionOrder(ctx: Context, orderId: number, input: ExecutionOrderInput): Promise<Order> {
  const deliveryDate = calendarDate(input.deliveryDate, "deliveryDate", { notBefore: "today" });
  const notes = optionalText(input.notes, "notes", { max: 2000 });
  const tasks = input.tasks.map((task, i) => ({
    title: cleanText(task.title, `tasks.${i}.title`, { max: 200 }),
    assigneeId: parseId(task.assigneeId, `tasks.${i}.assigneeId`),
    dueOn: calendarDate(task.dueOn, `tasks.${i}.dueOn`, { notBefore: "today" }),
  }));
  return inTransaction(ctx, async (uow) => {
    const order = await lockOrder(ctx, uow.manager, orderId);
    const people = await uow.manager.findBy(User, { id: In([...new Set(tasks.map((t) => t.assigneeId))]) });
    tasks.forEach((task, i) => {
      const person = people.find((p) => p.id === task.assigneeId);
      if (!person || person.territoryId !== order.territoryId || person.frozen || !ctx.permissions.granted(person.role, OrderPermission.WorkTasks)) {
        throw badInput(`tasks.${i}.assigneeId`, `must be a person of the order's territory who works tasks (not frozen)`);
      }
    });
    assertOrderStatus(order, [OrderStatus.APPROVED], "issueExecutionOrder");
    if (order.prepaymentRequired && cents(order.paidAmount) < cents(order.amount)) {
      throw refused(OrderReason.PrepaymentDue, `${orderLabel(order)} needs prepayment: ${order.paidAmount} of ${order.amount} is paid`);
    }
    const now = new Date();
    const rows = tasks.map((t) => Object.assign(new ExecutionTask(), { ...t, orderId: order.id, status: TaskStatus.OPEN, completedAt: null, createdAt: now }));
    if (rows.length > 0) await uow.manager.insert(ExecutionTask, rows);
    const issued = await versionedUpdate(uow, Order, order, { status: OrderStatus.IN_EXECUTION, deliveryDate, executionNotes: notes, executionIssuedAt: now, executionIssuedById: ctx.viewer!.id }, {
      action: "ISSUE_EXECUTION",
      audited: ORDER_AUDITED,
    });
    if (rows.length > 0) await uow.audit("Order", order.id, "ADD_TASKS", { tasks: { from: null, to: rows.map((r) => ({ id: r.id, title: r.title, assigneeId: r.assigneeId, dueOn: r.dueOn })) } });
    uow.emit({ name: "order.execution-issued", payload: { orderId: order.id, territoryId: order.territoryId, deliveryDate, taskIds: rows.map((r) => r.id) } });
    return completeIfDone(uow, issued);
  });
}

/** Its assignee completes a task; the last one done, with the order fully paid, completes the order. */
export function completeTask(ctx: Context, id: number): Promise<ExecutionTask> {
  return inTransaction(ctx, async (uow) => {
    const task = await uow.manager.findOneBy(ExecutionTask, { id });
    if (!task) throw notFound("Task", id);
    if (task.assigneeId !== ctx.viewer!.id) throw forbidden(`Task ${id} is someone else's`, { reason: OrderReason.NotAssignee });
    if (task.status !== TaskStatus.OPEN) throw refused(OrderReason.WrongStatus, `Task ${id} is already DONE`);
    const completedAt = new Date();
    const result = await uow.manager.update(ExecutionTask, { id, status: TaskStatus.OPEN }, { status: TaskStatus.DONE, completedAt });
    if (!result.affected) throw refused(OrderReason.WrongStatus, `Task ${id} is already DONE`);
    await uow.audit("ExecutionTask", id, "COMPLETE", { status: { from: TaskStatus.OPEN, to: TaskStatus.DONE } });
    // The order's lock, read unscoped: its assignee completes the task whoever reaches the order.
    if (isMySql(uow.manager.connection)) await uow.manager.query("SELECT id FROM orders WHERE id = ? FOR UPDATE", [task.orderId]);
    await completeIfDone(uow, await uow.manager.findOneByOrFail(Order, { id: task.orderId }));
    return Object.assign(task, { status: TaskStatus.DONE, completedAt });
  });
}

const MY_TASKS: ListSpec<ExecutionTask, { status?: TaskStatus }, "DUE_ON"> = {
  alias: "t",
  equal: { status: "status" },
  fixes: () => ["assigneeId"],
  orders: { DUE_ON: { column: "dueOn", kind: "string", read: (t) => t.dueOn } },
  defaultOrder: { field: "DUE_ON", direction: SortDirection.ASC },
};

/** The caller's own execution tasks, soonest due first. */
export function myTasks(ctx: Context, status: TaskStatus | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<ExecutionTask>> {
  const qb = ctx.db.getRepository(ExecutionTask).createQueryBuilder("t").where("t.assigneeId = :me", { me: ctx.viewer!.id });
  return listPage(qb, MY_TASKS, { status }, undefined, page, info);
}
