import { validate } from "class-validator";
import type { EntityManager } from "typeorm";
import { requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { scopedRecords } from "../../src/db/scoped-records";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { cleanText } from "../../src/domain/text";
import { badInput, conflict, DomainError, ErrorCode } from "../../src/errors";
import type { SelectionInfo } from "../../src/graphql/selection";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { whereStale } from "../opportunities";
import { leadAssigned } from "./lead-assigned.event";
import { Lead, LeadChannel, LeadStatus } from "./lead.entity";
import { LeadPermission } from "./lead.permissions";
import { LeadReason } from "./lead.reasons";
import { CreateLeadInput, LeadOrderField, type LeadFilter, type LeadOrder, type WebLeadInput } from "./lead.inputs";

export const LEAD_SCOPE = { territory: "territoryId", owner: "ownerId" } as const;

export const LEAD_AUDITED: (keyof Lead)[] = [
  "status", "company", "contactName", "email", "phone", "channel", "industry", "region", "note", "territoryId", "ownerId",
  "disqualifyReason", "convertedAccountId", "convertedOpportunityId",
];

/** Leads still being worked: the monthly-activity rule watches these. */
export const OPEN_LEAD_STATUSES = [LeadStatus.NEW, LeadStatus.QUALIFIED, LeadStatus.ASSIGNED];

/** Leads in the viewer's reach (a lead not yet routed to a territory by executives only): the query, one by id, one by id or NOT_FOUND. */
export const { scoped: scopedLeads, find: findLead, require: requireLead, read: readLead } = scopedRecords(Lead, "l", LEAD_SCOPE, "Lead");

/** The leads list: its filter and orders, newest first by default; the Scope comes first. */
const LEAD_LIST: ListSpec<Lead, LeadFilter, LeadOrderField> = {
  alias: "l",
  equal: { status: "status", channel: "channel", industry: "industry", region: "region" },
  ids: { ownerId: "ownerId", territoryId: "territoryId" },
  where: (qb, filter) => {
    if (filter.unassigned === true) qb.andWhere("l.ownerId IS NULL");
    if (filter.unassigned === false) qb.andWhere("l.ownerId IS NOT NULL");
    whereStale(qb, "l", OPEN_LEAD_STATUSES, filter.stale, filter.asOf);
  },
  orders: {
    [LeadOrderField.CREATED_AT]: { column: "createdAt", kind: "date", read: (l) => l.createdAt },
    [LeadOrderField.COMPANY]: { column: "company", kind: "string", read: (l) => l.company },
  },
  defaultOrder: { field: LeadOrderField.CREATED_AT, direction: SortDirection.DESC },
};

export function listLeads(ctx: Context, filter: LeadFilter = {}, order: LeadOrder | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Lead>> {
  return listPage(scopedLeads(ctx), LEAD_LIST, filter, order, page, info);
}

const optional = (value: string | null | undefined) => value?.trim() || null;

/** The prospect's details as stored; a lead nobody can reach back is refused. */
function prospect(input: WebLeadInput) {
  const email = optional(input.email)?.toLowerCase() ?? null;
  const phone = optional(input.phone);
  if (!email && !phone) throw badInput("email", "give an e-mail or a phone number to reach the contact");
  return {
    company: cleanText(input.company, "company"),
    contactName: cleanText(input.contactName, "contactName"),
    email,
    phone,
    industry: optional(input.industry),
    region: optional(input.region),
    note: optional(input.note),
  };
}

/** A new lead's row: NEW, unrouted and unowned unless `fields` say otherwise, received at `receivedAt` (its monthly clock starts then). */
export function leadRow(fields: Partial<Lead>, receivedAt: Date, now = new Date()): Partial<Lead> {
  return {
    status: LeadStatus.NEW,
    territoryId: null,
    ownerId: null,
    assignedById: null,
    assignedAt: null,
    disqualifyReason: null,
    convertedAccountId: null,
    convertedOpportunityId: null,
    convertedAt: null,
    lastActivityAt: null,
    activityClockAt: receivedAt,
    createdById: null,
    createdAt: receivedAt,
    updatedAt: now,
    version: 1,
    ...fields,
  };
}

function newLead(uow: UnitOfWork, fields: Partial<Lead>, receivedAt: Date): Lead {
  return uow.manager.create(Lead, leadRow(fields, receivedAt));
}

const WEB_CHANNELS = [LeadChannel.WEB_FORM, LeadChannel.ONLINE_CHAT];

/**
 * The public web form: no login, limited per client address, and the answer is the same whatever
 * the company is, so the form cannot be used to learn who is a customer.
 */
export async function submitWebLead(ctx: Context, input: WebLeadInput): Promise<{ received: boolean; message: string }> {
  const limiter = ctx.limiters.get("web-lead:address", ctx.config.webLeadMaxPerMinute, 60_000);
  const wait = limiter.retryAfter(ctx.clientAddress);
  if (wait > 0) {
    throw new DomainError(ErrorCode.TooManyRequests, `Too many submissions from your address; try again in ${wait} s`, { retryAfterSeconds: wait });
  }
  limiter.hit(ctx.clientAddress);
  const channel = input.channel ?? LeadChannel.WEB_FORM;
  if (!WEB_CHANNELS.includes(channel)) throw badInput("channel", `the web form accepts ${WEB_CHANNELS.join(" or ")}`);
  const fields = prospect(input);
  await inTransaction(ctx, async (uow) => {
    const lead = newLead(uow, { ...fields, channel }, new Date());
    await insertAudited(uow, Lead, lead, LEAD_AUDITED, { submittedFrom: { from: null, to: ctx.clientAddress } });
    uow.emit({ name: "lead.created", payload: { leadId: lead.id } });
  });
  return { received: true, message: "Thank you: we will contact you shortly." };
}

/**
 * A new lead's territory: the one asked for, where the caller acts (requireTerritory); else the
 * caller's own. A group-level user (an executive) who names none enters a lead not yet routed to a
 * territory, for dispatch to route by region or industry.
 */
async function leadTerritory(ctx: Context, manager: EntityManager, requested: string | null | undefined): Promise<number | null> {
  if (requested === null || requested === undefined) return ctx.viewer!.territoryId;
  return requireTerritory(ctx, manager, requested);
}

/**
 * A lead entered by staff. Who may keep their own leads (lead.keep-own: reps and managers) keeps one
 * entered in their own territory (ASSIGNED to themselves); marketing, business managers and heads
 * enter NEW leads to be qualified and dispatched.
 */
async function insertLead(ctx: Context, uow: UnitOfWork, input: CreateLeadInput, fallbackChannel: LeadChannel): Promise<Lead> {
  const viewer = ctx.viewer!;
  const fields = prospect(input);
  const now = new Date();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt > new Date(now.getTime() + 5 * 60_000)) throw badInput("receivedAt", "must not be in the future");
  const territoryId = await leadTerritory(ctx, uow.manager, input.territoryId);
  const keeps = ctx.permissions.has(viewer, LeadPermission.KeepOwn) && territoryId === viewer.territoryId;
  const lead = newLead(
    uow,
    {
      ...fields,
      channel: input.channel ?? fallbackChannel,
      territoryId,
      createdById: viewer.id,
      ...(keeps ? { status: LeadStatus.ASSIGNED, ownerId: viewer.id, assignedById: viewer.id, assignedAt: now } : {}),
    },
    receivedAt,
  );
  await insertAudited(uow, Lead, lead, LEAD_AUDITED);
  uow.emit({ name: "lead.created", payload: { leadId: lead.id } });
  // Keeping a lead is an assignment, and every assignment is pushed live (PRODUCT.md, "Lead intake").
  if (keeps) uow.emit(leadAssigned(lead, null, "HAND"));
  return lead;
}

export function createLead(ctx: Context, input: CreateLeadInput): Promise<Lead> {
  return inTransaction(ctx, (uow) => insertLead(ctx, uow, input, LeadChannel.PHONE));
}

/** Import rows already taken by a request, over all its importLeads fields (aliases). */
const rowsOfRequest = new WeakMap<Context, number>();

/** Rows between which an import lets other requests run: on SQLite each row's statements never wait on I/O. */
const YIELD_EVERY_ROWS = 25;

/**
 * Bounds what imports may cost: IMPORT_MAX_ROWS_PER_REQUEST rows in one request (15 aliased imports
 * of 500 rows stalled every other request), IMPORT_MAX_ROWS_PER_MINUTE per importing user.
 */
function admitImport(ctx: Context, rows: number): void {
  const { importMaxRowsPerRequest, importMaxRowsPerMinute } = ctx.config;
  const taken = (rowsOfRequest.get(ctx) ?? 0) + rows;
  if (taken > importMaxRowsPerRequest) {
    throw badInput("inputs", `at most ${importMaxRowsPerRequest} rows in one request over all its imports, got ${taken}`);
  }
  const perMinute = ctx.limiters.get("import:rows", importMaxRowsPerMinute, 60_000);
  const principal = `${ctx.viewer!.kind}:${ctx.viewer!.id}`;
  if (!perMinute.spend(principal, rows)) {
    const wait = Math.max(1, perMinute.windowEndsIn(principal));
    throw new DomainError(ErrorCode.TooManyRequests, `at most ${importMaxRowsPerMinute} imported rows a minute; try again in ${wait} s`, { retryAfterSeconds: wait, field: "inputs" });
  }
  rowsOfRequest.set(ctx, taken);
}

export interface ImportRowOutcome {
  index: number;
  lead: Lead | null;
  error: { code: string; field: string | null; message: string } | null;
}

/** Many leads at once; each row is its own transaction and comes back accepted or refused with its own error. */
export async function importLeads(ctx: Context, inputs: CreateLeadInput[]): Promise<ImportRowOutcome[]> {
  if (inputs.length === 0) throw badInput("inputs", "give at least one lead");
  admitImport(ctx, inputs.length);
  const outcomes: ImportRowOutcome[] = [];
  for (const [index, raw] of inputs.entries()) {
    if (index > 0 && index % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    const row = raw instanceof CreateLeadInput ? raw : Object.assign(new CreateLeadInput(), raw);
    const problems = await validate(row, { forbidUnknownValues: false });
    if (problems.length > 0) {
      const first = problems[0];
      outcomes.push({ index, lead: null, error: { code: ErrorCode.BadUserInput, field: first.property, message: Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid` } });
      continue;
    }
    try {
      const lead = await inTransaction(ctx, (uow) => insertLead(ctx, uow, row, LeadChannel.IMPORT));
      outcomes.push({ index, lead, error: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = (error.extensions.field as string | undefined) ?? null;
      outcomes.push({ index, lead: null, error: { code: error.code, field, message: error.message } });
    }
  }
  return outcomes;
}

export function qualifyLead(ctx: Context, id: number): Promise<Lead> {
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, id);
    if (lead.status !== LeadStatus.NEW) throw conflict(`Lead ${id} is ${lead.status}; only a NEW lead is qualified`, { reason: LeadReason.AlreadyDecided });
    return versionedUpdate(uow, Lead, lead, { status: LeadStatus.QUALIFIED }, {
      action: "QUALIFY",
      audited: LEAD_AUDITED,
      changes: { status: { from: LeadStatus.NEW, to: LeadStatus.QUALIFIED } },
    });
  });
}

export function disqualifyLead(ctx: Context, id: number, reason: string): Promise<Lead> {
  const cleaned = cleanText(reason, "reason");
  if (cleaned.length > 500) throw badInput("reason", "must be at most 500 characters");
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, id);
    if (!OPEN_LEAD_STATUSES.includes(lead.status)) throw conflict(`Lead ${id} is already ${lead.status}`, { reason: LeadReason.AlreadyDecided });
    return versionedUpdate(uow, Lead, lead, { status: LeadStatus.DISQUALIFIED, disqualifyReason: cleaned }, { action: "DISQUALIFY", audited: LEAD_AUDITED });
  });
}
