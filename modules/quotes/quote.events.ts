/** The events of quotes and approval requests (src/events/domain-events.ts). */
import type { DomainEvent } from "../../src/events/domain-events";
import type { Role } from "../../src/access/roles";
import { ApprovalRequest } from "./approval-request.entity";

/**
 * A decision was asked of someone above a record's owner; `approvalRequested` subscribers are fed
 * from it. It carries what delivery needs, as it was when asked (a snapshot), so deciding who hears
 * of it reads nothing, and what they see is what was asked even if the record moved on since.
 */
export interface ApprovalRequestedEvent {
  request: ApprovalRequest;
  /** the owner as the org chart had them: who stands above them decides */
  owner: { id: number; role: Role; territoryId: number | null; managerId: number | null };
  /** the record decided on, for its kind's subject field (the Quote for kind QUOTE, the Order for ORDER) */
  subject?: object;
}

export const APPROVAL_REQUESTED = "approval.requested";

/** A quote was approved (by its approver, or at once within the free discount): it may be sent. */
export interface QuoteApprovedEvent {
  quoteId: number;
}

/** The customer accepted a quote: its opportunity moved to COMMITMENT; orders start here. */
export interface QuoteAcceptedEvent {
  quoteId: number;
  opportunityId: number;
}

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "approval.requested": ApprovalRequestedEvent;
    "quote.approved": QuoteApprovedEvent;
    "quote.accepted": QuoteAcceptedEvent;
  }
}

/** The event of a request just written, with copies of the rows, each of its own class (the writer goes on changing its objects). */
export function approvalRequested(request: ApprovalRequest, owner: ApprovalRequestedEvent["owner"], subject?: object): DomainEvent<typeof APPROVAL_REQUESTED> {
  return {
    name: APPROVAL_REQUESTED,
    payload: { request: Object.assign(new ApprovalRequest(), request), owner: { ...owner }, ...(subject ? { subject: Object.assign(Object.create(Object.getPrototypeOf(subject)), subject) } : {}) },
  };
}
