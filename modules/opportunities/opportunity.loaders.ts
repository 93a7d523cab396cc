import { rowsByParent, rowsGroupedBy, selectingLoader } from "../../src/db/loaders";
import { Opportunity, OpportunityStageChange } from "./opportunity.entity";
import { scopedOpportunities } from "./opportunity.service";

/** Opportunities by id, within the viewer's reach. */
export const opportunityById = selectingLoader<Opportunity, number, Opportunity | null>(Opportunity, async (ctx, ids, columns, reads) => {
  const rows = await reads.many(scopedOpportunities(ctx).andWhere("o.id IN (:...ids)", { ids: [...ids] }), "o", columns);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** `Account.opportunities`: the viewer's reach of each account's opportunities, newest first, one statement for a page of accounts. */
export const opportunitiesByAccount = rowsGroupedBy(Opportunity, "accountId", (ctx, accountIds) =>
  scopedOpportunities(ctx).andWhere("o.accountId IN (:...accountIds)", { accountIds: [...accountIds] }).orderBy("o.createdAt", "DESC").addOrderBy("o.id", "DESC"),
  "o",
);

export const stageChangesByOpportunity = rowsByParent(OpportunityStageChange, "opportunityId", [["changedAt", "ASC"], ["id", "ASC"]]);
