import type { Context } from "../../src/context";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { todayUtc } from "../../src/domain/calendar-date";
import { requiredText } from "../../src/domain/text";
import { forbidden, notFound, refused } from "../../src/errors";
import { findOpportunity, moveOpportunityStageWithin, OpportunityStage, OpportunityStatus } from "../opportunities";
import { ApprovalDecision, ApprovalKind } from "./approval-request.entity";
import { decide, pendingRequest, requestApproval } from "./approval-requests";
import { Quote, QuoteStatus } from "./quote.entity";
import { QuoteReason } from "./quote.reasons";
import { approvalFor, assertStatus, ownerOf, QUOTE_AUDITED, QUOTE_SCOPE, requireQuote } from "./quote.service";

/** The quote's life after writing (issue 11): submit, approve or reject, send, accept or decline. */

const label = (quote: Quote) => `Quote ${quote.number} v${quote.quoteVersion}`;

function assertValid(quote: Quote, doing: string): void {
  if (quote.validUntil < todayUtc()) throw refused(QuoteReason.ValidityPassed, `${label(quote)} was valid until ${quote.validUntil}: revise it (reviseQuote) with a new validity before ${doing}`);
}

/** One step of the life of a quote in the caller's reach, in one transaction. */
function step(ctx: Context, id: number, work: (uow: UnitOfWork, quote: Quote) => Promise<Quote>): Promise<Quote> {
  return inTransaction(ctx, async (uow) => work(uow, await requireQuote(ctx, uow.manager, id)));
}

/**
 * Sends a DRAFT or REJECTED quote for approval: the territory's policy as it stands now decides who
 * approves at the quote's net ratio (quote-approval.ts); at or above the free ratio it is APPROVED at
 * once, otherwise it waits (PENDING_APPROVAL) and those who may decide hear of it live.
 */
export function submitQuote(ctx: Context, id: number): Promise<Quote> {
  return step(ctx, id, async (uow, quote) => {
    assertStatus(quote, [QuoteStatus.DRAFT, QuoteStatus.REJECTED], "submitQuote");
    assertValid(quote, "submitting it");
    const approval = await approvalFor(uow.manager, quote.territoryId, quote.ownerId, quote.netRatio);
    const changes = { requiredApproverRole: approval?.role ?? null, requiredStep: approval?.step ?? null };
    if (!approval) {
      const approved = await versionedUpdate(uow, Quote, quote, { ...changes, status: QuoteStatus.APPROVED }, { action: "SUBMIT", audited: QUOTE_AUDITED });
      uow.emit({ name: "quote.approved", payload: { quoteId: quote.id } });
      return approved;
    }
    const pending = await versionedUpdate(uow, Quote, quote, { ...changes, status: QuoteStatus.PENDING_APPROVAL }, { action: "SUBMIT", audited: QUOTE_AUDITED });
    const { owner } = await ownerOf(uow.manager, quote.ownerId);
    await requestApproval(uow, ApprovalKind.QUOTE, quote, owner, approval, pending);
    return pending;
  });
}

/**
 * Decides a quote waiting for approval. Read whoever reaches it, so that a caller outside its reach
 * is told FORBIDDEN (NOT_ABOVE_OWNER) as one who does not stand above its owner is; the rest of the
 * rule (the role, standing above the owner) is the approval requests' (approval-requests.ts).
 */
function decideQuote(ctx: Context, id: number, decision: ApprovalDecision.APPROVED | ApprovalDecision.REJECTED, comment: string | null): Promise<Quote> {
  return inTransaction(ctx, async (uow) => {
    const quote = await uow.manager.findOneBy(Quote, { id });
    if (!quote) throw notFound("Quote", id);
    if (!ctx.scope.covers(quote, QUOTE_SCOPE)) throw forbidden(`Quote ${id} is outside your reach: you do not decide on it`, { reason: QuoteReason.NotAboveOwner });
    assertStatus(quote, [QuoteStatus.PENDING_APPROVAL], decision === ApprovalDecision.APPROVED ? "approveQuote" : "rejectQuote");
    const request = await pendingRequest(uow, ApprovalKind.QUOTE, quote.id);
    if (!request) throw refused(QuoteReason.WrongStatus, `${label(quote)} waits for no decision`);
    await decide(ctx, uow, request, decision, comment, label(quote));
    const status = decision === ApprovalDecision.APPROVED ? QuoteStatus.APPROVED : QuoteStatus.REJECTED;
    const updated = await versionedUpdate(uow, Quote, quote, { status }, { action: decision === ApprovalDecision.APPROVED ? "APPROVE" : "REJECT", audited: QUOTE_AUDITED, changes: { status: { from: quote.status, to: status }, comment: { from: null, to: comment } } });
    if (decision === ApprovalDecision.APPROVED) uow.emit({ name: "quote.approved", payload: { quoteId: quote.id } });
    return updated;
  });
}

export function approveQuote(ctx: Context, id: number, comment: string | null | undefined): Promise<Quote> {
  const text = comment === null || comment === undefined || comment.trim() === "" ? null : requiredText(comment, "comment", { max: 500 });
  return decideQuote(ctx, id, ApprovalDecision.APPROVED, text);
}

export function rejectQuote(ctx: Context, id: number, reason: string): Promise<Quote> {
  return decideQuote(ctx, id, ApprovalDecision.REJECTED, requiredText(reason, "reason", { max: 500 }));
}

/** An APPROVED quote goes to the customer, while it is valid. */
export function sendQuote(ctx: Context, id: number): Promise<Quote> {
  return step(ctx, id, async (uow, quote) => {
    assertStatus(quote, [QuoteStatus.APPROVED], "sendQuote");
    assertValid(quote, "sending it");
    return versionedUpdate(uow, Quote, quote, { status: QuoteStatus.SENT }, { action: "SEND", audited: QUOTE_AUDITED });
  });
}

/** The customer accepts a SENT quote while it is valid; its opportunity (OPEN) moves to COMMITMENT through the opportunities module. */
export function acceptQuote(ctx: Context, id: number): Promise<Quote> {
  return step(ctx, id, async (uow, quote) => {
    assertStatus(quote, [QuoteStatus.SENT], "acceptQuote");
    assertValid(quote, "accepting it");
    const opportunity = await findOpportunity(ctx, quote.opportunityId, uow.manager);
    if (!opportunity || opportunity.status !== OpportunityStatus.OPEN) throw refused(QuoteReason.OpportunityNotOpen, `Opportunity ${quote.opportunityId} is not OPEN: a quote on it is accepted no more`);
    const accepted = await versionedUpdate(uow, Quote, quote, { status: QuoteStatus.ACCEPTED }, { action: "ACCEPT", audited: QUOTE_AUDITED });
    if (opportunity.stage !== OpportunityStage.COMMITMENT) await moveOpportunityStageWithin(ctx, uow, opportunity.id, OpportunityStage.COMMITMENT);
    uow.emit({ name: "quote.accepted", payload: { quoteId: quote.id, opportunityId: quote.opportunityId } });
    return accepted;
  });
}

export function declineQuote(ctx: Context, id: number, reason: string): Promise<Quote> {
  const text = requiredText(reason, "reason", { max: 500 });
  return step(ctx, id, async (uow, quote) => {
    assertStatus(quote, [QuoteStatus.SENT], "declineQuote");
    return versionedUpdate(uow, Quote, quote, { status: QuoteStatus.DECLINED, declineReason: text }, { action: "DECLINE", audited: QUOTE_AUDITED });
  });
}
