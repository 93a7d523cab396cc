import type { ScopedColumns } from "../../src/access/scope";
import { isAbove, whereAbove, type Subordinate } from "../../src/access/hierarchy";
import { Role } from "../../src/access/roles";
import type { Viewer } from "../../src/access/viewer";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import type { UnitOfWork } from "../../src/db/unit-of-work";
import { conflict, forbidden } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import type { SelectionInfo } from "../../src/graphql/selection";
import { User } from "../../src/org/user.entity";
import { ApprovalDecision, ApprovalKind, ApprovalRequest } from "./approval-request.entity";
import type { RequiredApproval } from "./quote-approval";
import { approvalRequested, type ApprovalRequestedEvent } from "./quote.events";
import { QuotePermission } from "./quote.permissions";
import { QuoteReason } from "./quote.reasons";

/**
 * Approval requests: a decision asked of someone in a role standing above a record's owner. Quotes
 * ask them for discounts; orders (issue 12) will ask them for their countersign chain with kind
 * ORDER, through these same functions (exported by index.ts), and be listed by `pendingApprovals`
 * and announced by `approvalRequested` with no change here but the kind.
 */
export const APPROVAL_SCOPE: ScopedColumns = { territory: "territoryId", owner: "ownerId" };

/**
 * Asks `approval` of someone above `owner` about a record; announced (after the commit) to those who
 * may decide, with a copy of `snapshot` (the record as it is now) for the subscription's subject field.
 */
export async function requestApproval(uow: UnitOfWork, kind: ApprovalKind, subject: { id: number; territoryId: number }, owner: User, approval: RequiredApproval, snapshot?: object): Promise<ApprovalRequest> {
  const request = Object.assign(new ApprovalRequest(), {
    kind,
    subjectId: subject.id,
    territoryId: subject.territoryId,
    ownerId: owner.id,
    step: approval.step,
    role: approval.role,
    decision: ApprovalDecision.PENDING,
    approverId: null,
    comment: null,
    requestedAt: new Date(),
    decidedAt: null,
  });
  await uow.manager.insert(ApprovalRequest, request);
  uow.emit(approvalRequested(request, { id: owner.id, role: owner.role, territoryId: owner.territoryId, managerId: owner.managerId }, snapshot));
  return request;
}

/**
 * Whether `viewer` (in the request's role) may decide a request about `owner`: someone standing above
 * the owner (isAbove), except for a business manager's review of an order (issue 12: the countersign
 * chain starts with the territory's business manager), which is any business manager of the
 * request's territory but the owner.
 */
function decidesFor(viewer: Viewer, request: Pick<ApprovalRequest, "role" | "territoryId">, owner: Subordinate): boolean {
  if (request.role !== Role.BUSINESS_MANAGER) return isAbove(viewer, owner);
  return viewer.kind === "user" && viewer.id !== owner.id && viewer.territoryIds.includes(request.territoryId);
}

export function pendingRequest(uow: UnitOfWork, kind: ApprovalKind, subjectId: number): Promise<ApprovalRequest | null> {
  return uow.manager.findOneBy(ApprovalRequest, { kind, subjectId, decision: ApprovalDecision.PENDING });
}

/** Withdraws what a record still waits for (it was revised). */
export async function withdrawApproval(uow: UnitOfWork, subjectId: number, kind = ApprovalKind.QUOTE): Promise<void> {
  await uow.manager.update(ApprovalRequest, { kind, subjectId, decision: ApprovalDecision.PENDING }, { decision: ApprovalDecision.WITHDRAWN, decidedAt: new Date() });
}

/**
 * Records a decision on a pending request: only someone in the request's role (FORBIDDEN, reason
 * APPROVER_ROLE) who stands above the owner now (isAbove; FORBIDDEN, reason NOT_ABOVE_OWNER): the
 * owner's own sales manager, the head of their territory, another executive; never the owner.
 */
export async function decide(ctx: Context, uow: UnitOfWork, request: ApprovalRequest, decision: ApprovalDecision.APPROVED | ApprovalDecision.REJECTED, comment: string | null, label: string): Promise<ApprovalRequest> {
  const viewer = ctx.viewer!;
  if (viewer.role !== request.role) throw forbidden(`${label} waits for a ${request.role}`, { reason: QuoteReason.ApproverRole });
  const owner = await uow.manager.findOneByOrFail(User, { id: request.ownerId });
  if (!decidesFor(viewer, request, owner)) throw forbidden(`${label} is decided by a ${request.role} above its owner, never by the owner`, { reason: QuoteReason.NotAboveOwner });
  const decidedAt = new Date();
  const result = await uow.manager.update(ApprovalRequest, { id: request.id, decision: ApprovalDecision.PENDING }, { decision, approverId: viewer.id, comment, decidedAt });
  if (!result.affected) throw conflict(`${label} was decided by someone else meanwhile`, { reason: QuoteReason.WrongStatus });
  return Object.assign(request, { decision, approverId: viewer.id, comment, decidedAt });
}

/**
 * Who hears of a request (issue 11: "each person who may decide hears of it, and no one else"): the
 * same rule as `decide` and `pendingApprovals`, on the event's snapshot, reading nothing.
 */
export function mayDecide(ctx: Context, event: Pick<ApprovalRequestedEvent, "request" | "owner">): boolean {
  const viewer = ctx.viewer;
  if (!viewer || !ctx.permissions.has(viewer, QuotePermission.DecideApprovals) || viewer.role !== event.request.role) return false;
  return decidesFor(viewer, event.request, event.owner as Subordinate) && ctx.scope.covers({ territoryId: event.request.territoryId, ownerId: event.request.ownerId });
}

const PENDING_LIST: ListSpec<ApprovalRequest, object, "REQUESTED_AT"> = {
  alias: "r",
  fixes: () => ["decision", "role"],
  orders: { REQUESTED_AT: { column: "requestedAt", kind: "date", read: (r) => r.requestedAt } },
  defaultOrder: { field: "REQUESTED_AT", direction: SortDirection.ASC },
};

/** What waits for the caller's decision, oldest first: requests in their role, about owners they stand above, in their reach. */
export function listPending(ctx: Context, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<ApprovalRequest>> {
  const viewer = ctx.viewer!;
  const qb = ctx.scope
    .apply(ctx.db.getRepository(ApprovalRequest).createQueryBuilder("r"), "r", APPROVAL_SCOPE)
    .andWhere("r.decision = :pending", { pending: ApprovalDecision.PENDING })
    .andWhere("r.role = :role", { role: viewer.role })
    .innerJoin(User, "o", "o.id = r.ownerId");
  // A business manager reviews the orders of their territory (the Scope keeps it to it), anyone's but their own.
  const decidable = viewer.role === Role.BUSINESS_MANAGER ? qb.andWhere("o.id <> :me", { me: viewer.id }) : whereAbove(qb, viewer, "o");
  return listPage(decidable, PENDING_LIST, {}, undefined, page, info);
}
