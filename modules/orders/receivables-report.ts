import DataLoader from "dataloader";
import type { SelectQueryBuilder } from "typeorm";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { rowsOf } from "../../src/db/rows";
import { calendarDate, todayUtc } from "../../src/domain/calendar-date";
import { badInput, notFound } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs, DEFAULT_PAGE_SIZE } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import type { SelectionInfo } from "../../src/graphql/selection";
import { findAccount } from "../accounts";
import { centsFromSql, moneyOf, sumCents } from "./cents";
import { Invoice, Payment } from "./invoice.entity";
import { Order } from "./order.entity";
import { ORDER_SCOPE } from "./order.service";
import { AccountAgeing, AccountReceivables, AgeingBucket, AgeingBuckets, ReceivablesStatement } from "./receivables.types";

/**
 * The receivables reports (PRODUCT.md, "Receivables"), computed in the database over the invoices of
 * the orders in the caller's reach (the Scope through the invoice's order), in integer cents.
 */

/** Invoices in the viewer's reach, through their order (joined as `i_parent`). */
export const scopedInvoices = (ctx: Context): SelectQueryBuilder<Invoice> =>
  ctx.scope.applyThrough(ctx.db.getRepository(Invoice).createQueryBuilder("i"), "i", { parent: Order, foreignKey: "orderId", columns: ORDER_SCOPE });

/** Payments in the viewer's reach, through their invoice's order. */
export const scopedPayments = (ctx: Context): SelectQueryBuilder<Payment> =>
  ctx.scope.apply(ctx.db.getRepository(Payment).createQueryBuilder("p").innerJoin(Invoice, "pi", "pi.id = p.invoiceId").innerJoin(Order, "po", "po.id = pi.orderId"), "po", ORDER_SCOPE);

/** `Account.receivables` for a level of accounts, in one statement. */
export const receivablesByAccount = (ctx: Context) =>
  new DataLoader<number, AccountReceivables>(async (accountIds) => {
    const rows: Record<string, unknown>[] = await scopedInvoices(ctx)
      .select("i.accountId", "accountId")
      .addSelect(sumCents("i.amount"), "invoiced")
      .addSelect(sumCents("i.paidAmount"), "paid")
      .addSelect(`COALESCE(SUM(CASE WHEN i.dueOn < :today THEN ROUND((i.amount - i.paidAmount) * 100) ELSE 0 END), 0)`, "overdue")
      .andWhere("i.accountId IN (:...accountIds)", { accountIds: [...accountIds], today: todayUtc() })
      .groupBy("i.accountId")
      .getRawMany();
    const byAccount = new Map(rows.map((r) => [Number(r.accountId), r]));
    return accountIds.map((id) => {
      const r = byAccount.get(id);
      const invoiced = centsFromSql(r?.invoiced);
      const paid = centsFromSql(r?.paid);
      return Object.assign(new AccountReceivables(), { invoicedAmount: moneyOf(invoiced), paidAmount: moneyOf(paid), outstandingAmount: moneyOf(invoiced - paid), overdueAmount: moneyOf(centsFromSql(r?.overdue)) });
    });
  });

const DAY = 86400_000;
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
/** A checked YYYY-MM-DD, safe to write into SQL as a literal. */
const literal = (date: string) => `'${date}'`;

const BUCKETS: [AgeingBucket, string][] = [
  [AgeingBucket.CURRENT, "dueOn >= {0}"],
  [AgeingBucket.DAYS_1_30, "dueOn < {0} AND dueOn >= {30}"],
  [AgeingBucket.DAYS_31_60, "dueOn < {30} AND dueOn >= {60}"],
  [AgeingBucket.DAYS_61_90, "dueOn < {60} AND dueOn >= {90}"],
  [AgeingBucket.OVER_90, "dueOn < {90}"],
];

/**
 * The open invoices as of `asOf`, each with its outstanding cents then: issued by then, not settled by
 * then, less the payments received by then. The kept paidAmount serves every invoice whose last
 * payment came by `asOf` (all of them, for a report as of today); only an invoice paid after `asOf`
 * adds up its payments up to that day.
 */
function openInvoices(ctx: Context, asOf: string, territoryId: number | null): [string, unknown[]] {
  const d = literal(asOf);
  const qb = scopedInvoices(ctx)
    .select("i.accountId", "accountId")
    .addSelect("i.dueOn", "dueOn")
    .addSelect(
      `ROUND(i.amount * 100) - CASE WHEN i.lastPaidOn IS NULL THEN 0 WHEN i.lastPaidOn <= ${d} THEN ROUND(i.paidAmount * 100)
        ELSE (SELECT ${sumCents("p.amount")} FROM payments p WHERE p.invoiceId = i.id AND p.receivedOn <= ${d}) END`,
      "outCents",
    )
    .andWhere(`i.issuedOn <= ${d}`)
    .andWhere(`(i.settledOn IS NULL OR i.settledOn > ${d})`);
  if (territoryId !== null) qb.andWhere("i_parent.territoryId = :ageingTerritory", { ageingTerritory: territoryId });
  return qb.getQueryAndParameters();
}

function bucketColumns(asOf: string): string {
  const bounds: Record<string, string> = { 0: literal(asOf), 30: literal(daysBefore(asOf, 30)), 60: literal(daysBefore(asOf, 60)), 90: literal(daysBefore(asOf, 90)) };
  return BUCKETS.map(([bucket, condition], n) => `COALESCE(SUM(CASE WHEN ${condition.replace(/\{(\d+)\}/g, (_, k) => bounds[k])} THEN outCents ELSE 0 END), 0) AS b${n}`).join(", ");
}

function buckets<T extends AgeingBuckets>(target: T, row: Record<string, unknown> | undefined): T {
  const amounts = BUCKETS.map((_, n) => centsFromSql(row?.[`b${n}`]));
  return Object.assign(target, {
    buckets: BUCKETS.map(([bucket], n) => ({ bucket, amount: moneyOf(amounts[n]) })),
    total: moneyOf(amounts.reduce((a, b) => a + b, 0n)),
  });
}

export interface AgeingArgs {
  asOf: string;
  territoryId: number | null;
}

export function ageingArgs(ctx: Context, asOfText: string, territoryIdText: string | null | undefined): AgeingArgs {
  const asOf = calendarDate(asOfText, "asOf");
  const territoryId = territoryIdText === null || territoryIdText === undefined ? null : parseId(territoryIdText, "territoryId");
  return { asOf, territoryId };
}

/** The ageing report's total over every account in reach (of one territory, when given). */
export async function ageingTotal(ctx: Context, { asOf, territoryId }: AgeingArgs): Promise<AgeingBuckets> {
  const [inner, parameters] = openInvoices(ctx, asOf, territoryId);
  const [row] = await ctx.db.query(`SELECT ${bucketColumns(asOf)} FROM (${inner}) open_invoices`, parameters);
  return buckets(new AgeingBuckets(), row);
}

const cursorOf = (accountId: number) => Buffer.from(`ageing:${accountId}`).toString("base64");
function afterOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^ageing:(\d+)$/.exec(Buffer.from(cursor, "base64").toString());
  if (!match) throw badInput("after", "is not a cursor of this list");
  return Number(match[1]);
}

/** The ageing report per account, by account id, in keyset pages. */
export async function ageingByAccount(ctx: Context, { asOf, territoryId }: AgeingArgs, page: PageArgs): Promise<ConnectionResult<AccountAgeing>> {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  const [inner, parameters] = openInvoices(ctx, asOf, territoryId);
  const rows: Record<string, unknown>[] = await ctx.db.query(
    `SELECT accountId, ${bucketColumns(asOf)} FROM (${inner}) open_invoices WHERE accountId > ? GROUP BY accountId ORDER BY accountId LIMIT ${first + 1}`,
    [...parameters, afterOf(page.after)],
  );
  const nodes = rows.slice(0, first).map((r) => buckets(Object.assign(new AccountAgeing(), { accountId: String(r.accountId) }), r));
  const edges = nodes.map((node) => ({ cursor: cursorOf(Number(node.accountId)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: page.after !== undefined && page.after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount: async () => {
      const [row] = await ctx.db.query(`SELECT COUNT(DISTINCT accountId) AS n FROM (${inner}) open_invoices`, parameters);
      return Number(row.n);
    },
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * An account's statement for a month: the opening balance (invoices issued before the month less
 * payments received before it), the month's invoices and payments, and the closing balance, each
 * figure summed in SQL; closing = opening + invoiced − paid holds to the cent by construction and
 * equals the next month's opening (a test proves it).
 */
export async function receivablesStatement(ctx: Context, accountIdText: string, month: string): Promise<ReceivablesStatement> {
  const accountId = parseId(accountIdText, "accountId");
  const m = MONTH.exec(month);
  if (!m) throw badInput("month", "must be a month written YYYY-MM");
  if (!(await findAccount(ctx, accountId))) throw notFound("Account", accountId);
  const from = `${month}-01`;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1)).toISOString().slice(0, 10);
  const invoiced = (qb: SelectQueryBuilder<Invoice>) => qb.select(sumCents("i.amount"), "c").andWhere("i.accountId = :accountId", { accountId });
  const paid = (qb: SelectQueryBuilder<Payment>) => qb.select(sumCents("p.amount"), "c").andWhere("pi.accountId = :accountId", { accountId });
  const [invoicedBefore, paidBefore, invoicedIn, paidIn] = await Promise.all([
    invoiced(scopedInvoices(ctx)).andWhere("i.issuedOn < :from", { from }).getRawOne(),
    paid(scopedPayments(ctx)).andWhere("p.receivedOn < :from", { from }).getRawOne(),
    invoiced(scopedInvoices(ctx)).andWhere("i.issuedOn >= :from AND i.issuedOn < :next", { from, next }).getRawOne(),
    paid(scopedPayments(ctx)).andWhere("p.receivedOn >= :from AND p.receivedOn < :next", { from, next }).getRawOne(),
  ]);
  const opening = centsFromSql(invoicedBefore.c) - centsFromSql(paidBefore.c);
  const inMonth = centsFromSql(invoicedIn.c);
  const paidInMonth = centsFromSql(paidIn.c);
  // The lines through the read path, every column (they are few; the statement is one object, not a page).
  const invoiceRows = rowsOf(Invoice);
  const paymentRows = rowsOf(Payment);
  const invoices = await invoiceRows.many(scopedInvoices(ctx).andWhere("i.accountId = :accountId", { accountId }).andWhere("i.issuedOn >= :from AND i.issuedOn < :next", { from, next }).orderBy("i.issuedOn", "ASC").addOrderBy("i.id", "ASC"), "i", invoiceRows.columnsOf(ctx.db, undefined));
  const payments = await paymentRows.many(scopedPayments(ctx).andWhere("pi.accountId = :accountId", { accountId }).andWhere("p.receivedOn >= :from AND p.receivedOn < :next", { from, next }).orderBy("p.receivedOn", "ASC").addOrderBy("p.id", "ASC"), "p", paymentRows.columnsOf(ctx.db, undefined));
  return Object.assign(new ReceivablesStatement(), {
    accountId: String(accountId),
    month,
    openingBalance: moneyOf(opening),
    invoicedAmount: moneyOf(inMonth),
    paidAmount: moneyOf(paidInMonth),
    closingBalance: moneyOf(opening + inMonth - paidInMonth),
    invoices,
    payments,
  });
}

const OVERDUE: ListSpec<Invoice, { asOf: string }, "DUE_ON"> = {
  alias: "i",
  where: (qb, { asOf }) => qb.andWhere("i.dueOn < :overdueAsOf AND i.issuedOn <= :overdueAsOf AND (i.settledOn IS NULL OR i.settledOn > :overdueAsOf)", { overdueAsOf: asOf }),
  orders: { DUE_ON: { column: "dueOn", kind: "string", read: (i) => i.dueOn } },
  defaultOrder: { field: "DUE_ON", direction: SortDirection.ASC },
};

/** Invoices past their dueOn with something outstanding as of `asOf`, longest overdue first: the collection list. */
export function overdueInvoices(ctx: Context, asOfText: string, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Invoice>> {
  const asOf = calendarDate(asOfText, "asOf");
  return listPage(scopedInvoices(ctx), OVERDUE, { asOf }, undefined, page, info);
}
