import DataLoader from "dataloader";
import type { Context, LoaderFactory } from "../../src/context";
import { byParentLoader } from "../../src/db/loaders";
import { Opportunity, OpportunityStageChange } from "./opportunity.entity";
import { opportunitiesOfAccounts, scopedOpportunities } from "./opportunity.service";

/** Opportunities by id, within the viewer's reach. */
export const opportunityById: LoaderFactory<number, Opportunity | null> = (ctx: Context) =>
  new DataLoader(async (ids) => {
    const rows = await scopedOpportunities(ctx).andWhere("o.id IN (:...ids)", { ids: [...ids] }).getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** `Account.opportunities`: the viewer's reach of each account's opportunities, one statement for a page of accounts. */
export const opportunitiesByAccount: LoaderFactory<number, Opportunity[]> = (ctx: Context) =>
  new DataLoader(async (accountIds) => {
    const rows = await opportunitiesOfAccounts(ctx, accountIds);
    const groups = new Map<number, Opportunity[]>(accountIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row.accountId)?.push(row);
    return accountIds.map((id) => groups.get(id)!);
  });

export const stageChangesByOpportunity = byParentLoader(OpportunityStageChange, "opportunityId", { changedAt: "ASC", id: "ASC" });
