import type { EntityManager } from "typeorm";
import { isAbove } from "../../src/access/hierarchy";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { scopedRecords } from "../../src/db/scoped-records";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { calendarDate } from "../../src/domain/calendar-date";
import { money } from "../../src/domain/money";
import { cleanText } from "../../src/domain/text";
import { badInput, conflict, forbidden } from "../../src/errors";
import type { SelectionInfo } from "../../src/graphql/selection";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { User } from "../../src/org/user.entity";
import { Account, assertNotArchived, assertWritable, findAccount } from "../accounts";
import { whereStale } from "./monthly-activity";
import { CloseOutcome, Opportunity, OpportunityStage, OpportunityStageChange, OpportunityStatus, type Attachment } from "./opportunity.entity";
import { OpportunityOrderField, type CreateOpportunityInput, type OpportunityFilter, type OpportunityOrder, type UpdateOpportunityInput } from "./opportunity.inputs";
import { OpportunityReason } from "./opportunity.reasons";
import { OPEN_STAGES, probabilityOf } from "./pipeline";

export const OPPORTUNITY_SCOPE = { territory: "territoryId", owner: "ownerId" } as const;

const AUDITED: (keyof Opportunity)[] = [
  "name", "accountId", "ownerId", "amount", "expectedCloseDate", "stage", "probability", "status", "requestedOutcome", "lostReason", "competitors", "nextStep", "attachments",
];

/** Opportunities in the viewer's reach: the query, one by id (null outside the reach), one by id or NOT_FOUND. */
export const { scoped: scopedOpportunities, find: findOpportunity, require: requireOpportunity, read: readOpportunity } = scopedRecords(Opportunity, "o", OPPORTUNITY_SCOPE, "Opportunity");

/**
 * An opportunity in the viewer's reach that still takes writes: what hangs off an archived account
 * takes none (the accounts module's rule, assertNotArchived: CONFLICT, reason ARCHIVED). The account
 * is read whoever reaches it: an opportunity in reach may stand on someone else's customer.
 */
async function requireWritableOpportunity(ctx: Context, manager: EntityManager, id: number): Promise<Opportunity> {
  const opportunity = await requireOpportunity(ctx, manager, id);
  assertNotArchived(await manager.findOneByOrFail(Account, { id: opportunity.accountId }));
  return opportunity;
}

const OPEN_STATUSES = [OpportunityStatus.OPEN, OpportunityStatus.CLOSE_REQUESTED];

/** The opportunities list: its filter and orders, oldest first by default; the Scope comes first. */
const OPPORTUNITY_LIST: ListSpec<Opportunity, OpportunityFilter, OpportunityOrderField> = {
  alias: "o",
  equal: { stage: "stage", status: "status" },
  ids: { accountId: "accountId", ownerId: "ownerId", territoryId: "territoryId" },
  where: (qb, filter) => whereStale(qb, "o", OPEN_STATUSES, filter.stale, filter.asOf),
  orders: {
    [OpportunityOrderField.CREATED_AT]: { column: "createdAt", kind: "date", read: (o) => o.createdAt },
    [OpportunityOrderField.NAME]: { column: "name", kind: "string", read: (o) => o.name },
    [OpportunityOrderField.AMOUNT]: { column: "amount", kind: "string", read: (o) => o.amount },
    [OpportunityOrderField.EXPECTED_CLOSE_DATE]: { column: "expectedCloseDate", kind: "string", read: (o) => o.expectedCloseDate },
  },
  defaultOrder: { field: OpportunityOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export function listOpportunities(ctx: Context, filter: OpportunityFilter = {}, order: OpportunityOrder | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Opportunity>> {
  return listPage(scopedOpportunities(ctx), OPPORTUNITY_LIST, filter, order, page, info);
}

export const isOpen = (o: Opportunity) => OPEN_STATUSES.includes(o.status);


const cleanList = (values: string[] | null | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
const cleanAttachments = (values: Attachment[] | null | undefined): Attachment[] =>
  (values ?? []).map((a, i) => ({ name: cleanText(a.name, `attachments.${i}.name`), link: a.link.trim() }));

async function recordStage(uow: UnitOfWork, opportunityId: number, fromStage: OpportunityStage | null, toStage: OpportunityStage, changedById: number | null, at: Date) {
  await uow.manager.insert(OpportunityStageChange, { opportunityId, fromStage, toStage, changedById, changedAt: at });
}

export interface NewOpportunity {
  name: string;
  account: Account;
  ownerId: number;
  amount: string;
  expectedCloseDate: string;
  stage?: OpportunityStage | null;
  competitors?: string[] | null;
  nextStep?: string | null;
  attachments?: Attachment[] | null;
  leadId?: number | null;
}

/** Creates an opportunity inside the caller's transaction (also for converting a lead), with its first stage recorded. */
export async function insertOpportunity(ctx: Context, uow: UnitOfWork, input: NewOpportunity): Promise<Opportunity> {
  const stage = input.stage ?? OpportunityStage.PROSPECTING;
  if (!OPEN_STAGES.includes(stage)) throw badInput("stage", "an opportunity starts at an open stage; WON and LOST come by a confirmed close");
  const now = new Date();
  const opportunity = uow.manager.create(Opportunity, {
    name: cleanText(input.name, "name"),
    accountId: input.account.id,
    territoryId: input.account.territoryId,
    ownerId: input.ownerId,
    amount: money(input.amount, "amount"),
    expectedCloseDate: calendarDate(input.expectedCloseDate, "expectedCloseDate"),
    stage,
    probability: await probabilityOf(uow.manager, input.account.territoryId, stage),
    status: OpportunityStatus.OPEN,
    requestedOutcome: null,
    lostReason: null,
    closeRequestedAt: null,
    closedAt: null,
    closedById: null,
    competitors: cleanList(input.competitors),
    nextStep: input.nextStep?.trim() || null,
    attachments: cleanAttachments(input.attachments),
    leadId: input.leadId ?? null,
    lastActivityAt: null,
    activityClockAt: now,
    createdById: ctx.viewer!.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await insertAudited(uow, Opportunity, opportunity, AUDITED);
  await recordStage(uow, opportunity.id, null, stage, ctx.viewer!.id, now);
  uow.emit({ name: "opportunity.created", payload: { opportunityId: opportunity.id } });
  return opportunity;
}

export function createOpportunity(ctx: Context, input: CreateOpportunityInput): Promise<Opportunity> {
  const accountId = parseId(input.accountId, "accountId");
  return inTransaction(ctx, async (uow) => {
    const account = await findAccount(ctx, accountId, uow.manager);
    if (!account) throw badInput("accountId", `account ${accountId} does not exist or is outside your reach`);
    if (account.archivedAt) throw badInput("accountId", `account ${accountId} is archived`);
    assertWritable(ctx, account);
    return insertOpportunity(ctx, uow, { ...input, account, ownerId: ctx.viewer!.id });
  });
}

function assertOpen(opportunity: Opportunity): void {
  if (opportunity.status !== OpportunityStatus.OPEN) throw conflict(`Opportunity ${opportunity.id} is ${opportunity.status}; only an OPEN opportunity changes`, { reason: OpportunityReason.NotOpen });
}

export function updateOpportunity(ctx: Context, id: number, version: number, input: UpdateOpportunityInput): Promise<Opportunity> {
  const changes: Partial<Opportunity> = {};
  for (const field of ["name", "amount", "expectedCloseDate"] as const) if (input[field] === null) throw badInput(field, "cannot be null");
  if (input.name !== undefined) changes.name = cleanText(input.name, "name");
  if (input.amount !== undefined) changes.amount = money(input.amount, "amount");
  if (input.expectedCloseDate !== undefined) changes.expectedCloseDate = calendarDate(input.expectedCloseDate, "expectedCloseDate");
  if (input.competitors !== undefined) changes.competitors = cleanList(input.competitors);
  if (input.nextStep !== undefined) changes.nextStep = input.nextStep?.trim() || null;
  if (input.attachments !== undefined) changes.attachments = cleanAttachments(input.attachments);
  return inTransaction(ctx, async (uow) => {
    const opportunity = await requireWritableOpportunity(ctx, uow.manager, id);
    assertOpen(opportunity);
    return versionedUpdate(uow, Opportunity, opportunity, changes, { expectedVersion: version, action: "UPDATE", audited: AUDITED });
  });
}

/** Moves an open opportunity to another open stage, with the territory's probability; every move is recorded. */
export function moveOpportunityStage(ctx: Context, id: number, stage: OpportunityStage): Promise<Opportunity> {
  return inTransaction(ctx, (uow) => moveOpportunityStageWithin(ctx, uow, id, stage));
}

/**
 * The same move inside the caller's transaction, with the same rules (an opportunity in reach, OPEN,
 * on an account that is not archived, to another open stage): an accepted quote moves its
 * opportunity to COMMITMENT with this (modules/quotes).
 */
export async function moveOpportunityStageWithin(ctx: Context, uow: UnitOfWork, id: number, stage: OpportunityStage): Promise<Opportunity> {
  if (!OPEN_STAGES.includes(stage)) throw badInput("stage", "WON and LOST are reached by requestClose and the manager's confirmation");
  const opportunity = await requireWritableOpportunity(ctx, uow.manager, id);
  assertOpen(opportunity);
  if (opportunity.stage === stage) throw conflict(`Opportunity ${id} is already at ${stage}`, { reason: OpportunityReason.AlreadyDecided, field: "stage" });
  const from = opportunity.stage;
  const updated = await versionedUpdate(uow, Opportunity, opportunity, { stage, probability: await probabilityOf(uow.manager, opportunity.territoryId, stage) }, { action: "STAGE", audited: AUDITED });
  await recordStage(uow, id, from, stage, ctx.viewer!.id, updated.updatedAt);
  return updated;
}

/** The owner asks to close as WON or LOST (a lost reason is required); the manager confirms (PRODUCT.md, "Closing"). */
export function requestClose(ctx: Context, id: number, outcome: CloseOutcome, lostReason: string | null | undefined): Promise<Opportunity> {
  let reason: string | null = null;
  if (outcome === CloseOutcome.LOST) {
    if (!lostReason || lostReason.trim() === "") throw badInput("lostReason", "is required when the outcome is LOST");
    reason = lostReason.trim();
    if (reason.length > 500) throw badInput("lostReason", "must be at most 500 characters");
  } else if (lostReason && lostReason.trim() !== "") throw badInput("lostReason", "is only given when the outcome is LOST");
  return inTransaction(ctx, async (uow) => {
    const opportunity = await requireWritableOpportunity(ctx, uow.manager, id);
    if (opportunity.ownerId !== ctx.viewer!.id) throw forbidden("Only the opportunity's owner requests its close; someone above them confirms it", { reason: OpportunityReason.NotOwner });
    assertOpen(opportunity);
    const updated = await versionedUpdate(uow, Opportunity, opportunity, { status: OpportunityStatus.CLOSE_REQUESTED, requestedOutcome: outcome, lostReason: reason, closeRequestedAt: new Date() }, {
      action: "REQUEST_CLOSE",
      audited: AUDITED,
    });
    uow.emit({ name: "opportunity.close-requested", payload: { opportunityId: id, outcome } });
    return updated;
  });
}

/**
 * Decides a close request in one transaction: the opportunity must wait for one, and the decider be
 * someone above its owner, never the owner: a request and its confirmation are two people's.
 */
function decideClose(ctx: Context, id: number, decide: (uow: UnitOfWork, opportunity: Opportunity) => Promise<Opportunity>): Promise<Opportunity> {
  return inTransaction(ctx, async (uow) => {
    const opportunity = await requireWritableOpportunity(ctx, uow.manager, id);
    if (opportunity.status !== OpportunityStatus.CLOSE_REQUESTED) throw conflict(`Opportunity ${id} has no close request (it is ${opportunity.status})`, { reason: OpportunityReason.AlreadyDecided });
    const owner = await uow.manager.findOneByOrFail(User, { id: opportunity.ownerId });
    if (!isAbove(ctx.viewer!, owner)) throw forbidden(`A close request is confirmed or rejected by someone above its owner (${owner.name})`, { reason: OpportunityReason.NotAboveOwner });
    return decide(uow, opportunity);
  });
}

export function confirmClose(ctx: Context, id: number): Promise<Opportunity> {
  return decideClose(ctx, id, async (uow, opportunity) => {
    const outcome = opportunity.requestedOutcome!;
    const stage = outcome === CloseOutcome.WON ? OpportunityStage.WON : OpportunityStage.LOST;
    const from = opportunity.stage;
    const now = new Date();
    const updated = await versionedUpdate(uow, Opportunity, opportunity, {
      status: outcome === CloseOutcome.WON ? OpportunityStatus.WON : OpportunityStatus.LOST,
      stage,
      probability: await probabilityOf(uow.manager, opportunity.territoryId, stage),
      closedAt: now,
      closedById: ctx.viewer!.id,
    }, { action: "CONFIRM_CLOSE", audited: AUDITED });
    await recordStage(uow, id, from, stage, ctx.viewer!.id, now);
    uow.emit({ name: "opportunity.closed", payload: { opportunityId: id, outcome } });
    return updated;
  });
}

/**
 * Marks an opportunity WON inside the caller's transaction: the approval of its order (modules/orders)
 * is the confirmed outcome (PRODUCT.md: "approval of the order marks its opportunity WON"). From OPEN or
 * CLOSE_REQUESTED; one already WON stays as it is; a LOST one is a CONFLICT (ALREADY_DECIDED).
 */
export async function winOpportunityWithin(ctx: Context, uow: UnitOfWork, id: number): Promise<Opportunity> {
  const opportunity = await requireWritableOpportunity(ctx, uow.manager, id);
  if (opportunity.status === OpportunityStatus.WON) return opportunity;
  if (opportunity.status === OpportunityStatus.LOST) throw conflict(`Opportunity ${id} was closed as LOST`, { reason: OpportunityReason.AlreadyDecided });
  const from = opportunity.stage;
  const now = new Date();
  const updated = await versionedUpdate(uow, Opportunity, opportunity, {
    status: OpportunityStatus.WON,
    stage: OpportunityStage.WON,
    requestedOutcome: null,
    lostReason: null,
    probability: await probabilityOf(uow.manager, opportunity.territoryId, OpportunityStage.WON),
    closedAt: now,
    closedById: ctx.viewer!.id,
  }, { action: "WIN_BY_ORDER", audited: AUDITED });
  await recordStage(uow, id, from, OpportunityStage.WON, ctx.viewer!.id, now);
  uow.emit({ name: "opportunity.closed", payload: { opportunityId: id, outcome: CloseOutcome.WON } });
  return updated;
}

export function rejectClose(ctx: Context, id: number): Promise<Opportunity> {
  return decideClose(ctx, id, (uow, opportunity) =>
    versionedUpdate(uow, Opportunity, opportunity, { status: OpportunityStatus.OPEN, requestedOutcome: null, lostReason: null, closeRequestedAt: null }, {
      action: "REJECT_CLOSE",
      audited: AUDITED,
    }),
  );
}
