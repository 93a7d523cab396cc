import { rowsById, rowsByParent, rowsGroupedBy, selectingLoader } from "../../src/db/loaders";
import { Reach } from "../../src/access/roles";
import { ApprovalKind, ApprovalRequest } from "./approval-request.entity";
import { PriceListEntry, Product } from "./product.entity";
import { Quote, QuoteLine } from "./quote.entity";
import { scopedQuotes } from "./quote.service";

/** Quotes by id, within the viewer's reach. */
export const quoteById = selectingLoader<Quote, number, Quote | null>(Quote, async (ctx, ids, columns, reads) => {
  const rows = await reads.many(scopedQuotes(ctx).andWhere("q.id IN (:...ids)", { ids: [...ids] }), "q", columns);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** A quote's lines in their order; reached through the quote, which the caller reached already. */
export const linesByQuote = rowsByParent(QuoteLine, "quoteId", [["position", "ASC"], ["id", "ASC"]]);

/** A quote's approval requests, oldest first (through the quote, as its lines). */
export const approvalsByQuote = rowsGroupedBy(ApprovalRequest, "subjectId", (ctx, quoteIds) =>
  ctx.db.getRepository(ApprovalRequest).createQueryBuilder("x").where("x.kind = :kind", { kind: ApprovalKind.QUOTE }).andWhere("x.subjectId IN (:...quoteIds)", { quoteIds: [...quoteIds] }).orderBy("x.id", "ASC"),
);

/** `Opportunity.quotes`: the viewer's reach of each opportunity's quotes, newest first, one statement for a page of opportunities. */
export const quotesByOpportunity = rowsGroupedBy(Quote, "opportunityId", (ctx, opportunityIds) =>
  scopedQuotes(ctx).andWhere("q.opportunityId IN (:...opportunityIds)", { opportunityIds: [...opportunityIds] }).orderBy("q.createdAt", "DESC").addOrderBy("q.id", "DESC"),
  "q",
);

export const productById = rowsById(Product);

/** A product's prices in the territories the viewer works in (every territory for executives): one territory's prices are its own business. */
export const pricesByProduct = rowsGroupedBy(PriceListEntry, "productId", (ctx, productIds) => {
  const qb = ctx.db.getRepository(PriceListEntry).createQueryBuilder("x").where("x.productId IN (:...productIds)", { productIds: [...productIds] });
  if (ctx.scope.reach !== Reach.All) qb.andWhere(ctx.viewer!.territoryIds.length > 0 ? "x.territoryId IN (:...territories)" : "1 = 0", { territories: ctx.viewer!.territoryIds });
  return qb.orderBy("x.territoryId", "ASC");
});
