import { In, type EntityManager } from "typeorm";
import { Reach, Role } from "../../src/access/roles";
import type { ScopedColumns } from "../../src/access/scope";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { scopedRecords } from "../../src/db/scoped-records";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { calendarDate } from "../../src/domain/calendar-date";
import { money } from "../../src/domain/money";
import { badInput, refused } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import type { SelectionInfo } from "../../src/graphql/selection";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, Activity, ActivityType, ApprovalStatus, assertNotArchived } from "../accounts";
import { findOpportunity, OpportunityStatus, type Opportunity } from "../opportunities";
import { policyOf } from "./approval-policy.service";
import { withdrawApproval } from "./approval-requests";
import { PriceListEntry, Product } from "./product.entity";
import { requiredApproval, type RequiredApproval } from "./quote-approval";
import { lineTotal, netRatio, quantity, sumMoney } from "./quote-decimal";
import { nextQuoteNumber } from "./quote-number";
import { Quote, QuoteLine, QuoteStatus } from "./quote.entity";
import { QuoteOrderField, type CreateQuoteInput, type QuoteFilter, type QuoteLineInput, type QuoteOrder, type UpdateQuoteInput } from "./quote.inputs";
import { QuoteReason } from "./quote.reasons";

/** Quote reach (issue 11): the Scope's usual reach, but none for service agents, marketers and partners. */
export const QUOTE_SCOPE: ScopedColumns = {
  territory: "territoryId",
  owner: "ownerId",
  reach: { [Role.SERVICE_AGENT]: Reach.None, [Role.MARKETER]: Reach.None, [Role.PARTNER]: Reach.None },
};

export const QUOTE_AUDITED: (keyof Quote)[] = [
  "number", "quoteVersion", "opportunityId", "accountId", "ownerId", "status", "validUntil", "currency", "listTotal", "netTotal", "netRatio", "requiredApproverRole", "supersededById", "declineReason",
];

/** Quotes in the viewer's reach: the query, one by id (null outside the reach), one by id or NOT_FOUND. */
export const { scoped: scopedQuotes, find: findQuote, require: requireQuote, read: readQuote } = scopedRecords(Quote, "q", QUOTE_SCOPE, "Quote");

const QUOTE_LIST: ListSpec<Quote, QuoteFilter, QuoteOrderField> = {
  alias: "q",
  equal: { status: "status" },
  ids: { opportunityId: "opportunityId", accountId: "accountId", ownerId: "ownerId", territoryId: "territoryId" },
  orders: { [QuoteOrderField.CREATED_AT]: { column: "createdAt", kind: "date", read: (q) => q.createdAt } },
  defaultOrder: { field: QuoteOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export function listQuotes(ctx: Context, filter: QuoteFilter = {}, order: QuoteOrder | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Quote>> {
  return listPage(scopedQuotes(ctx), QUOTE_LIST, filter, order, page, info);
}

/** Refuses (FAILED_PRECONDITION, WRONG_STATUS) unless the quote is in one of `allowed`. */
export function assertStatus(quote: Quote, allowed: QuoteStatus[], doing: string): void {
  if (!allowed.includes(quote.status)) throw refused(QuoteReason.WrongStatus, `Quote ${quote.number} v${quote.quoteVersion} is ${quote.status}; ${doing} takes a quote that is ${allowed.join(" or ")}`);
}

interface PricedLine {
  productId: number;
  quantity: string;
  listPrice: string;
  netPrice: string;
  lineListTotal: string;
  lineNetTotal: string;
}

/** The lines as given, checked (each problem names its field, `lines.N.quantity`) before anything is read. */
function checkedLines(lines: QuoteLineInput[]): { productId: number; quantity: string; netPrice: string }[] {
  if (lines.length === 0) throw badInput("lines", "must have at least 1 line");
  return lines.map((line, i) => ({
    productId: parseId(line.productId, `lines.${i}.productId`),
    quantity: quantity(line.quantity, `lines.${i}.quantity`),
    netPrice: money(line.netPrice, `lines.${i}.netPrice`),
  }));
}

/** Each line with the territory's list price of its product (active, and priced there), and its totals rounded half-up per line. */
async function priced(manager: EntityManager, territoryId: number, lines: ReturnType<typeof checkedLines>): Promise<{ lines: PricedLine[]; currency: string }> {
  const ids = [...new Set(lines.map((l) => l.productId))];
  const products = await manager.findBy(Product, { id: In(ids) });
  const prices = await manager.findBy(PriceListEntry, { productId: In(ids), territoryId });
  const currencies = new Set<string>();
  const out = lines.map((line, i) => {
    const product = products.find((p) => p.id === line.productId);
    if (!product) throw badInput(`lines.${i}.productId`, `product ${line.productId} does not exist`);
    if (!product.active) throw badInput(`lines.${i}.productId`, `product ${product.code} is inactive`);
    const entry = prices.find((p) => p.productId === line.productId);
    if (!entry) throw badInput(`lines.${i}.productId`, `product ${product.code} has no list price in this territory`);
    currencies.add(entry.currency);
    return { ...line, listPrice: entry.listPrice, lineListTotal: lineTotal(line.quantity, entry.listPrice), lineNetTotal: lineTotal(line.quantity, line.netPrice) };
  });
  if (currencies.size > 1) throw badInput("lines", `the products are priced in different currencies (${[...currencies].join(", ")}) in this territory`);
  return { lines: out, currency: [...currencies][0] };
}

/** The totals, the ratio and the approval they need under the territory's policy, for the quote's owner. */
export async function pricing(manager: EntityManager, territoryId: number, ownerId: number, lines: { lineListTotal: string; lineNetTotal: string }[]) {
  const listTotal = sumMoney(lines.map((l) => l.lineListTotal));
  const netTotal = sumMoney(lines.map((l) => l.lineNetTotal));
  const ratio = netRatio(netTotal, listTotal);
  const approval = await approvalFor(manager, territoryId, ownerId, ratio);
  return { listTotal, netTotal, netRatio: ratio, requiredApproverRole: approval?.role ?? null, requiredStep: approval?.step ?? null };
}

/** The owner as the org chart has them now, with their manager's role (the sales manager step is the owner's own manager). */
export async function ownerOf(manager: EntityManager, ownerId: number) {
  const owner = await manager.findOneByOrFail(User, { id: ownerId });
  const boss = owner.managerId === null ? null : await manager.findOneBy(User, { id: owner.managerId });
  return { owner, managerRole: boss?.role ?? null };
}

export async function approvalFor(manager: EntityManager, territoryId: number, ownerId: number, ratio: string): Promise<RequiredApproval | null> {
  const { owner, managerRole } = await ownerOf(manager, ownerId);
  return requiredApproval(ratio, await policyOf(manager, territoryId), { role: owner.role, managerRole });
}

async function insertLines(uow: UnitOfWork, quoteId: number, lines: PricedLine[]): Promise<void> {
  await uow.manager.insert(QuoteLine, lines.map((line, i) => ({ ...line, quoteId, position: i + 1 })));
}

const linesAudit = (lines: PricedLine[]) => lines.map((l) => ({ productId: l.productId, quantity: l.quantity, listPrice: l.listPrice, netPrice: l.netPrice }));

/**
 * The preconditions of a quote (PRODUCT.md, "Quotes"): an OPEN opportunity in the caller's reach,
 * on an APPROVED account that has had a VISIT or MEETING ("no quote without a face-to-face
 * contact"). Each refuses with FAILED_PRECONDITION and its reason, before anything is written.
 */
async function quotableOpportunity(ctx: Context, manager: EntityManager, opportunityId: number): Promise<{ opportunity: Opportunity; account: Account }> {
  const opportunity = await findOpportunity(ctx, opportunityId, manager);
  if (!opportunity) throw refused(QuoteReason.OpportunityOutOfReach, `Opportunity ${opportunityId} does not exist or is outside your reach`, { field: "opportunityId" });
  if (opportunity.status !== OpportunityStatus.OPEN) throw refused(QuoteReason.OpportunityNotOpen, `Opportunity ${opportunityId} is ${opportunity.status}: only an OPEN opportunity is quoted`);
  const account = await manager.findOneByOrFail(Account, { id: opportunity.accountId });
  assertNotArchived(account);
  if (account.approvalStatus !== ApprovalStatus.APPROVED) throw refused(QuoteReason.AccountNotApproved, `Account ${account.name} is not approved yet: quotes go to approved accounts only`);
  const met = await manager
    .getRepository(Activity)
    .createQueryBuilder("a")
    .where("a.accountId = :accountId", { accountId: account.id })
    .andWhere("a.type IN (:...types)", { types: [ActivityType.VISIT, ActivityType.MEETING] })
    .andWhere("a.doneAt IS NOT NULL")
    .getExists();
  if (!met) throw refused(QuoteReason.NoFaceToFaceContact, `No quote without a face-to-face contact: account ${account.name} has had no VISIT or MEETING`);
  return { opportunity, account };
}

const validity = (value: string) => calendarDate(value, "validUntil", { notBefore: "today" });

/** A new DRAFT quote, version 1, numbered in its territory and year, owned by the caller. */
export function createQuote(ctx: Context, input: CreateQuoteInput): Promise<Quote> {
  const opportunityId = parseId(input.opportunityId, "opportunityId");
  const validUntil = validity(input.validUntil);
  const lines = checkedLines(input.lines);
  return inTransaction(ctx, async (uow) => {
    const { opportunity } = await quotableOpportunity(ctx, uow.manager, opportunityId);
    const { lines: pricedLines, currency } = await priced(uow.manager, opportunity.territoryId, lines);
    const ownerId = ctx.viewer!.id;
    const totals = await pricing(uow.manager, opportunity.territoryId, ownerId, pricedLines);
    const territory = await uow.manager.findOneByOrFail(Territory, { id: opportunity.territoryId });
    const now = new Date();
    // Last before the insert: the counter's row stays locked until the commit.
    const number = await nextQuoteNumber(uow.manager, territory, now.getUTCFullYear());
    const quote = Object.assign(new Quote(), {
      number,
      quoteVersion: 1,
      opportunityId,
      accountId: opportunity.accountId,
      territoryId: opportunity.territoryId,
      ownerId,
      status: QuoteStatus.DRAFT,
      validUntil,
      currency,
      ...totals,
      supersededById: null,
      declineReason: null,
      createdById: ownerId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await insertAudited(uow, Quote, quote, QUOTE_AUDITED, { lines: { from: null, to: linesAudit(pricedLines) } });
    await insertLines(uow, quote.id, pricedLines);
    return quote;
  });
}

const EDITABLE = [QuoteStatus.DRAFT, QuoteStatus.REJECTED];

/** Changes a DRAFT or REJECTED quote from the version read; new lines replace the old ones and are priced anew. */
export function updateQuote(ctx: Context, id: number, version: number, input: UpdateQuoteInput): Promise<Quote> {
  if (input.validUntil === null) throw badInput("validUntil", "cannot be null");
  if (input.lines === null) throw badInput("lines", "cannot be null");
  const validUntil = input.validUntil === undefined ? undefined : validity(input.validUntil);
  const lines = input.lines === undefined ? undefined : checkedLines(input.lines);
  return inTransaction(ctx, async (uow) => {
    const quote = await requireQuote(ctx, uow.manager, id);
    assertStatus(quote, EDITABLE, "updateQuote");
    const changes: Partial<Quote> = validUntil === undefined ? {} : { validUntil };
    let extra = {};
    if (lines) {
      const { lines: pricedLines, currency } = await priced(uow.manager, quote.territoryId, lines);
      Object.assign(changes, { currency, ...(await pricing(uow.manager, quote.territoryId, quote.ownerId, pricedLines)) });
      await uow.manager.delete(QuoteLine, { quoteId: quote.id });
      await insertLines(uow, quote.id, pricedLines);
      extra = { lines: { from: null, to: linesAudit(pricedLines) } };
    }
    const updated = await versionedUpdate(uow, Quote, quote, changes, { expectedVersion: version, action: "UPDATE", audited: QUOTE_AUDITED });
    if (lines) await uow.audit("Quote", quote.id, "UPDATE_LINES", extra);
    return updated;
  });
}

const REVISABLE = [QuoteStatus.PENDING_APPROVAL, QuoteStatus.APPROVED, QuoteStatus.REJECTED, QuoteStatus.SENT, QuoteStatus.DECLINED, QuoteStatus.EXPIRED];

/**
 * The next version of a quote as a DRAFT copy (same number, quoteVersion + 1, the same lines and
 * prices); the old version becomes SUPERSEDED and stays readable, and a decision it still waited
 * for is withdrawn. Its opportunity must still be OPEN.
 */
export function reviseQuote(ctx: Context, id: number): Promise<Quote> {
  return inTransaction(ctx, async (uow) => {
    const old = await requireQuote(ctx, uow.manager, id);
    assertStatus(old, REVISABLE, "reviseQuote");
    const opportunity = await findOpportunity(ctx, old.opportunityId, uow.manager);
    if (!opportunity || opportunity.status !== OpportunityStatus.OPEN) throw refused(QuoteReason.OpportunityNotOpen, `Opportunity ${old.opportunityId} is not OPEN: its quotes are revised no more`);
    const lines = await uow.manager.find(QuoteLine, { where: { quoteId: old.id }, order: { position: "ASC", id: "ASC" } });
    const copied: PricedLine[] = lines.map(({ productId, quantity, listPrice, netPrice, lineListTotal, lineNetTotal }) => ({ productId, quantity, listPrice, netPrice, lineListTotal, lineNetTotal }));
    const now = new Date();
    const { id: _old, ...copy } = old;
    const next: Quote = Object.assign(new Quote(), {
      ...copy,
      quoteVersion: old.quoteVersion + 1,
      status: QuoteStatus.DRAFT,
      ...(await pricing(uow.manager, old.territoryId, old.ownerId, copied)),
      supersededById: null,
      declineReason: null,
      createdById: ctx.viewer!.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await insertAudited(uow, Quote, next, QUOTE_AUDITED, { revises: { from: null, to: old.id } });
    await insertLines(uow, next.id, copied);
    if (old.status === QuoteStatus.PENDING_APPROVAL) await withdrawApproval(uow, old.id);
    await versionedUpdate(uow, Quote, old, { status: QuoteStatus.SUPERSEDED, supersededById: next.id }, { action: "SUPERSEDE", audited: QUOTE_AUDITED });
    return next;
  });
}
