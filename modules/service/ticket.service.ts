import type { EntityManager } from "typeorm";
import { Reach, Role } from "../../src/access/roles";
import type { ScopedColumns } from "../../src/access/scope";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { scopedRecords } from "../../src/db/scoped-records";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { integerBetween } from "../../src/domain/integer";
import { optionalText, requiredText } from "../../src/domain/text";
import { badInput, forbidden, refused } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import type { SelectionInfo } from "../../src/graphql/selection";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, Contact, findAccount } from "../accounts";
import { findArticle } from "./article.service";
import { dueTimes, mayReopen, minutesBetween, SATISFACTION, targetFor } from "./sla";
import { slaRulesOf } from "./sla-policy.service";
import { ServiceReason } from "./service.reasons";
import { nextTicketNumber } from "./ticket-number";
import { Ticket, TicketArticleLink, TicketChannel, TicketComment, TicketStatus, type TicketPriority } from "./ticket.entity";
import { TicketOrderField, type CreateTicketInput, type TicketCommentInput, type TicketFilter, type TicketOrder, type UpdateTicketInput } from "./ticket.inputs";

/**
 * Ticket reach (issue 13): service agents, the head and business managers every ticket of their
 * territory, executives all, partner keys their territories; sales reps and managers the tickets of
 * the accounts in their reach (the account's owner and public pool, joined: `ownerThrough`); finance,
 * marketers and admins none.
 */
export const TICKET_SCOPE: ScopedColumns = {
  territory: "territoryId",
  owner: "ownerId",
  pool: "inPublicPool",
  ownerThrough: { parent: Account, foreignKey: "accountId" },
  reach: { [Role.FINANCE]: Reach.None, [Role.MARKETER]: Reach.None },
};

export const TICKET_AUDITED: (keyof Ticket)[] = [
  "number", "type", "channel", "priority", "status", "subject", "description", "accountId", "contactId", "assigneeId", "territoryId", "tier",
  "firstResponseMinutes", "resolutionMinutes", "firstResponseDueAt", "resolutionDueAt", "firstRespondedAt", "resolvedAt", "closedAt", "pausedMinutes",
  "satisfaction", "satisfactionComment",
];

/** Tickets in the viewer's reach: the query, one by id (null outside the reach), one by id or NOT_FOUND. */
export const { scoped: scopedTickets, find: findTicket, require: requireTicket, read: readTicket } = scopedRecords(Ticket, "t", TICKET_SCOPE, "Ticket");

const TICKET_LIST: ListSpec<Ticket, TicketFilter, TicketOrderField> = {
  alias: "t",
  equal: { status: "status", priority: "priority", type: "type" },
  ids: { assigneeId: "assigneeId", accountId: "accountId" },
  where: (qb, filter) => {
    if (filter.breached === true) qb.andWhere("(t.firstResponseBreached = :yes OR t.resolutionBreached = :yes)", { yes: true });
    if (filter.breached === false) qb.andWhere("t.firstResponseBreached = :no AND t.resolutionBreached = :no", { no: false });
  },
  orders: {
    [TicketOrderField.CREATED_AT]: { column: "createdAt", kind: "date", read: (t) => t.createdAt },
    [TicketOrderField.RESOLUTION_DUE_AT]: { column: "resolutionDueAt", kind: "date", read: (t) => t.resolutionDueAt },
  },
  defaultOrder: { field: TicketOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export function listTickets(ctx: Context, filter: TicketFilter = {}, order: TicketOrder | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Ticket>> {
  return listPage(scopedTickets(ctx), TICKET_LIST, filter, order, page, info);
}

/** Refuses (FAILED_PRECONDITION, WRONG_STATUS) unless the ticket is in one of `allowed`. */
function assertStatus(ticket: Ticket, allowed: TicketStatus[], doing: string): void {
  if (!allowed.includes(ticket.status)) throw refused(ServiceReason.WrongStatus, `Ticket ${ticket.number} is ${ticket.status}; ${doing} takes a ticket that is ${allowed.join(" or ")}`);
}

const NOT_CLOSED = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED];

/** Who may work a ticket: a service agent or the head of its territory, not frozen; else BAD_USER_INPUT naming `field`. */
async function assignable(manager: EntityManager, assigneeId: string, territoryId: number, field: string): Promise<User> {
  const id = parseId(assigneeId, field);
  const user = await manager.findOneBy(User, { id });
  if (!user || user.frozen || user.territoryId !== territoryId || ![Role.SERVICE_AGENT, Role.TERRITORY_HEAD].includes(user.role)) {
    throw badInput(field, "must be an active service agent or the head of the ticket's territory");
  }
  return user;
}

const subjectOf = (value: string) => requiredText(value, "subject", { max: 200 }).replace(/\s+/g, " ");
const descriptionOf = (value: string) => requiredText(value, "description", { max: 5000 });

/** A new ticket for an account in reach, numbered in its territory and year, due under the territory's policy for its priority and the account's tier. */
export function createTicket(ctx: Context, input: CreateTicketInput): Promise<Ticket> {
  const accountId = parseId(input.accountId, "accountId");
  const contactId = input.contactId ? parseId(input.contactId, "contactId") : null;
  const subject = subjectOf(input.subject);
  const description = descriptionOf(input.description);
  const viewer = ctx.viewer!;
  const partner = viewer.kind === "partner";
  return inTransaction(ctx, async (uow) => {
    // A partner key reaches the accounts of its territories only (ROLE_REACH), so this also limits its tickets to them.
    const account = await findAccount(ctx, accountId, uow.manager);
    if (!account) throw refused(ServiceReason.AccountOutOfReach, `Account ${accountId} does not exist or is outside your reach`, { field: "accountId" });
    if (contactId !== null && !(await uow.manager.existsBy(Contact, { id: contactId, accountId }))) throw badInput("contactId", `contact ${contactId} is not a contact of account ${accountId}`);
    const assignee = input.assigneeId ? await assignable(uow.manager, input.assigneeId, account.territoryId, "assigneeId") : null;
    const target = targetFor(await slaRulesOf(uow.manager, account.territoryId), input.priority, account.tier);
    const territory = await uow.manager.findOneByOrFail(Territory, { id: account.territoryId });
    const now = new Date();
    const number = await nextTicketNumber(uow.manager, territory, now.getUTCFullYear());
    const ticket = Object.assign(new Ticket(), {
      number,
      type: input.type,
      channel: partner ? TicketChannel.PARTNER : input.channel,
      priority: input.priority,
      status: assignee ? TicketStatus.OPEN : TicketStatus.NEW,
      subject,
      description,
      accountId,
      contactId,
      assigneeId: assignee?.id ?? null,
      territoryId: account.territoryId,
      tier: account.tier,
      firstResponseMinutes: target.firstResponseMinutes,
      resolutionMinutes: target.resolutionMinutes,
      slaSource: target.source,
      ...dueTimes(now, target, 0),
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      pausedSince: null,
      pausedMinutes: 0,
      firstResponseBreached: false,
      resolutionBreached: false,
      satisfaction: null,
      satisfactionComment: null,
      createdById: partner ? null : viewer.id,
      createdByKeyId: partner ? viewer.id : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    return insertAudited(uow, Ticket, ticket, TICKET_AUDITED);
  });
}

/** One change of a ticket in the caller's reach, in one transaction. */
function step(ctx: Context, id: number, work: (uow: UnitOfWork, ticket: Ticket) => Promise<Ticket>): Promise<Ticket> {
  return inTransaction(ctx, async (uow) => work(uow, await requireTicket(ctx, uow.manager, id)));
}

/** The minutes before the first response that the first-response due time already carries (its pauses). */
const pausedBeforeResponse = (t: Ticket) => minutesBetween(t.createdAt, t.firstResponseDueAt) - t.firstResponseMinutes;

/** Changes the text, type or priority; a new priority recomputes both due times from creation, the pauses kept. */
export function updateTicket(ctx: Context, id: number, version: number, input: UpdateTicketInput): Promise<Ticket> {
  for (const field of ["subject", "description", "type", "priority"] as const) if (input[field] === null) throw badInput(field, "cannot be null");
  const changes: Partial<Ticket> = {};
  if (input.subject !== undefined) changes.subject = subjectOf(input.subject!);
  if (input.description !== undefined) changes.description = descriptionOf(input.description!);
  if (input.type) changes.type = input.type;
  return step(ctx, id, async (uow, ticket) => {
    assertStatus(ticket, NOT_CLOSED, "updateTicket");
    if (input.priority && input.priority !== ticket.priority) Object.assign(changes, await retargeted(uow.manager, ticket, input.priority));
    return versionedUpdate(uow, Ticket, ticket, changes, { expectedVersion: version, action: "UPDATE", audited: TICKET_AUDITED });
  });
}

/** The targets and due times of `ticket` at another priority, under its territory's policy now, from its creation. */
async function retargeted(manager: EntityManager, ticket: Ticket, priority: TicketPriority): Promise<Partial<Ticket>> {
  const target = targetFor(await slaRulesOf(manager, ticket.territoryId), priority, ticket.tier);
  const due = dueTimes(ticket.createdAt, target, ticket.pausedMinutes, pausedBeforeResponse(ticket));
  return {
    priority,
    firstResponseMinutes: target.firstResponseMinutes,
    resolutionMinutes: target.resolutionMinutes,
    slaSource: target.source,
    // Once answered, the first-response due time is history: it stays as it was.
    firstResponseDueAt: ticket.firstRespondedAt ? ticket.firstResponseDueAt : due.firstResponseDueAt,
    resolutionDueAt: due.resolutionDueAt,
  };
}

export function assignTicket(ctx: Context, id: number, assigneeId: string): Promise<Ticket> {
  return step(ctx, id, async (uow, ticket) => {
    assertStatus(ticket, NOT_CLOSED, "assignTicket");
    const assignee = await assignable(uow.manager, assigneeId, ticket.territoryId, "assigneeId");
    const status = ticket.status === TicketStatus.NEW ? TicketStatus.OPEN : ticket.status;
    return versionedUpdate(uow, Ticket, ticket, { assigneeId: assignee.id, status }, { action: "ASSIGN", audited: TICKET_AUDITED });
  });
}

/**
 * A comment; a service agent's first public one is the first response: it stops the first-response
 * clock (and a NEW ticket is OPEN from then on).
 */
export function addComment(ctx: Context, id: number, input: TicketCommentInput): Promise<Ticket> {
  const body = requiredText(input.body, "body", { max: 5000 });
  const viewer = ctx.viewer!;
  return step(ctx, id, async (uow, ticket) => {
    assertStatus(ticket, NOT_CLOSED, "addTicketComment");
    const now = new Date();
    await uow.manager.insert(TicketComment, { ticketId: ticket.id, authorId: viewer.id, body, public: input.public, createdAt: now });
    const responds = input.public && viewer.role === Role.SERVICE_AGENT && ticket.firstRespondedAt === null;
    const changes: Partial<Ticket> = responds ? { firstRespondedAt: now, ...(ticket.status === TicketStatus.NEW ? { status: TicketStatus.OPEN } : {}) } : {};
    return versionedUpdate(uow, Ticket, ticket, changes, { action: "COMMENT", audited: TICKET_AUDITED, changes: { comment: { from: null, to: { public: input.public, body } }, ...(responds ? { firstRespondedAt: { from: null, to: now.toISOString() } } : {}) } });
  });
}

/** Where each status may go by setTicketStatus (reopening is reopenTicket's). */
const NEXT: Record<TicketStatus, TicketStatus[]> = {
  [TicketStatus.NEW]: [TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED],
  [TicketStatus.OPEN]: [TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED],
  [TicketStatus.PENDING]: [TicketStatus.OPEN, TicketStatus.RESOLVED, TicketStatus.CLOSED],
  [TicketStatus.RESOLVED]: [TicketStatus.CLOSED],
  [TicketStatus.CLOSED]: [],
};

/** The clocks restart after a pause that began at `since`: its minutes move the due times still running. */
function resumed(ticket: Ticket, since: Date, now: Date): Partial<Ticket> {
  const paused = minutesBetween(since, now);
  const later = (at: Date) => new Date(at.getTime() + paused * 60_000);
  return {
    pausedSince: null,
    pausedMinutes: ticket.pausedMinutes + paused,
    resolutionDueAt: later(ticket.resolutionDueAt),
    firstResponseDueAt: ticket.firstRespondedAt ? ticket.firstResponseDueAt : later(ticket.firstResponseDueAt),
  };
}

/**
 * Moves a ticket on: PENDING stops the SLA clocks (waiting on the customer) until it leaves PENDING;
 * RESOLVED stops the resolution clock; CLOSED ends it (resolving it too if it was not).
 */
export function setStatus(ctx: Context, id: number, status: TicketStatus): Promise<Ticket> {
  return step(ctx, id, async (uow, ticket) => {
    if (!NEXT[ticket.status].includes(status)) {
      throw refused(ServiceReason.WrongStatus, `Ticket ${ticket.number} is ${ticket.status}: it may go to ${NEXT[ticket.status].join(", ") || "nothing but reopenTicket"}, not ${status}`);
    }
    const now = new Date();
    const changes: Partial<Ticket> = { status };
    if (ticket.status === TicketStatus.PENDING && ticket.pausedSince) Object.assign(changes, resumed(ticket, ticket.pausedSince, now));
    if (status === TicketStatus.PENDING) changes.pausedSince = now;
    if (status === TicketStatus.RESOLVED) changes.resolvedAt = now;
    if (status === TicketStatus.CLOSED) Object.assign(changes, { closedAt: now, resolvedAt: ticket.resolvedAt ?? now });
    return versionedUpdate(uow, Ticket, ticket, changes, { action: "STATUS", audited: TICKET_AUDITED });
  });
}

/**
 * Reopens a RESOLVED or CLOSED ticket within 30 days of its resolution or closing (the later): OPEN
 * again, the resolution clock going on from where it stood (the time since resolution is a pause).
 */
export function reopenTicket(ctx: Context, id: number, reason: string, now = new Date()): Promise<Ticket> {
  const why = requiredText(reason, "reason", { max: 500 });
  return step(ctx, id, async (uow, ticket) => {
    assertStatus(ticket, [TicketStatus.RESOLVED, TicketStatus.CLOSED], "reopenTicket");
    const resolvedAt = ticket.resolvedAt ?? ticket.closedAt!;
    const stoppedAt = ticket.closedAt && ticket.closedAt > resolvedAt ? ticket.closedAt : resolvedAt;
    if (!mayReopen(stoppedAt, now)) throw refused(ServiceReason.ReopenWindowPassed, `Ticket ${ticket.number} was ${ticket.status === TicketStatus.CLOSED ? "closed" : "resolved"} at ${stoppedAt.toISOString()}: it may be reopened within 30 days only; enter a new ticket`);
    const changes = { ...resumed(ticket, resolvedAt, now), status: TicketStatus.OPEN, resolvedAt: null, closedAt: null };
    return versionedUpdate(uow, Ticket, ticket, changes, { action: "REOPEN", audited: TICKET_AUDITED, changes: { status: { from: ticket.status, to: TicketStatus.OPEN }, reason: { from: null, to: why } } });
  });
}

/**
 * The customer's satisfaction, once, after resolution, given by the creator's side: the user or
 * partner key that entered the ticket, or the account's owner (who speaks for the customer).
 */
export function rateTicket(ctx: Context, id: number, score: number, comment: string | null | undefined): Promise<Ticket> {
  const satisfaction = integerBetween(score, "score", SATISFACTION.min, SATISFACTION.max);
  const satisfactionComment = optionalText(comment, "comment", { max: 1000 });
  const viewer = ctx.viewer!;
  return step(ctx, id, async (uow, ticket) => {
    const account = await uow.manager.findOneBy(Account, { id: ticket.accountId });
    const creatorSide = viewer.kind === "partner" ? ticket.createdByKeyId === viewer.id : ticket.createdById === viewer.id || account?.ownerId === viewer.id;
    if (!creatorSide) throw forbidden(`Ticket ${ticket.number} is rated by the side that entered it (its creator or the account's owner)`, { reason: ServiceReason.NotCreatorSide });
    if (![TicketStatus.RESOLVED, TicketStatus.CLOSED].includes(ticket.status)) throw refused(ServiceReason.NotResolved, `Ticket ${ticket.number} is ${ticket.status}: it is rated after resolution`);
    if (ticket.satisfaction !== null) throw refused(ServiceReason.AlreadyRated, `Ticket ${ticket.number} was rated already`);
    return versionedUpdate(uow, Ticket, ticket, { satisfaction, satisfactionComment }, { action: "RATE", audited: TICKET_AUDITED });
  });
}

/** Links a knowledge-base article in the caller's reach to a ticket; linking it again changes nothing. */
export function linkArticle(ctx: Context, id: number, articleId: number): Promise<Ticket> {
  return step(ctx, id, async (uow, ticket) => {
    const article = await findArticle(ctx, articleId, uow.manager);
    if (!article) throw refused(ServiceReason.ArticleOutOfReach, `Article ${articleId} does not exist or is outside your reach`, { field: "articleId" });
    if (await uow.manager.existsBy(TicketArticleLink, { ticketId: ticket.id, articleId })) return ticket;
    await uow.manager.insert(TicketArticleLink, { ticketId: ticket.id, articleId, linkedById: ctx.viewer!.id, linkedAt: new Date() });
    await uow.audit("Ticket", ticket.id, "LINK_ARTICLE", { articleId: { from: null, to: articleId } });
    return ticket;
  });
}
