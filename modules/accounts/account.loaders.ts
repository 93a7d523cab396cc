import DataLoader from "dataloader";
import type { Context, LoaderFactory } from "../../src/context";
import { byParentLoader, groupBy, loaderFamily } from "../../src/db/loaders";
import type { Account } from "./account.entity";
import { accountsByIds } from "./account.service";
import { Activity } from "./activity.entity";
import { Contact } from "./contact.entity";

/** Accounts by id, limited to the viewer's reach: other modules resolve `X.account` through it. */
export const accountById: LoaderFactory<number, Account | null> = (ctx: Context) =>
  new DataLoader(async (ids) => {
    const found = await accountsByIds(ctx, ids);
    return ids.map((id) => found.get(id) ?? null);
  });

export const contactsByAccount = byParentLoader(Contact, "accountId", { isKeyPerson: "DESC", name: "ASC", id: "ASC" });

/** Activities as every list shows them: newest first. */
const newestActivities = (ctx: Context) => ctx.db.getRepository(Activity).createQueryBuilder("x").orderBy("x.createdAt", "DESC").addOrderBy("x.id", "DESC");

/**
 * The latest `limit` activities of each account, in one statement for the whole page:
 * ROW_NUMBER() per account (MySQL 8, MariaDB 10.2+, SQLite 3.25+).
 */
export const recentActivitiesByAccount = loaderFamily<number, number, Activity[]>((limit) => (ctx: Context) =>
  new DataLoader<number, Activity[]>(async (accountIds) => {
    const rows = await newestActivities(ctx)
      .where(
        `x.id IN (SELECT ranked.id FROM (SELECT r.id AS id, ROW_NUMBER() OVER (PARTITION BY r.accountId ORDER BY r.createdAt DESC, r.id DESC) AS rn
          FROM activities r WHERE r.accountId IN (:...accountIds)) ranked WHERE ranked.rn <= :limit)`,
        { accountIds: [...accountIds], limit },
      )
      .getMany();
    return groupBy(accountIds, rows, (row) => row.accountId);
  }),
);

/** Activities linked to records of another module (`relatedType` "Lead", "Opportunity"...), newest first, one statement a level. */
export const activitiesByRelated = loaderFamily<string, number, Activity[]>((relatedType) => (ctx: Context) =>
  new DataLoader<number, Activity[]>(async (relatedIds) => {
    const rows = await newestActivities(ctx)
      .where("x.relatedType = :relatedType AND x.relatedId IN (:...relatedIds)", { relatedType, relatedIds: [...relatedIds] })
      .getMany();
    return groupBy(relatedIds, rows, (row) => row.relatedId);
  }),
);
