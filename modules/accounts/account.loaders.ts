import type { Context } from "../../src/context";
import { loaderFamily, rowsByParent, rowsGroupedBy, selectingLoader } from "../../src/db/loaders";
import { Account } from "./account.entity";
import { scopedAccounts } from "./account.service";
import { Activity } from "./activity.entity";
import { Contact } from "./contact.entity";

/** Accounts by id, limited to the viewer's reach: other modules resolve `X.account` through it. */
export const accountById = selectingLoader<Account, number, Account | null>(Account, async (ctx, ids, columns, reads) => {
  const rows = await reads.many(scopedAccounts(ctx).andWhere("a.id IN (:...ids)", { ids: [...ids] }), "a", columns);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

export const contactsByAccount = rowsByParent(Contact, "accountId", [["isKeyPerson", "DESC"], ["name", "ASC"], ["id", "ASC"]]);

/** Activities as every list shows them: newest first. */
const newestActivities = (ctx: Context) => ctx.db.getRepository(Activity).createQueryBuilder("x").orderBy("x.createdAt", "DESC").addOrderBy("x.id", "DESC");

/**
 * The latest `limit` activities of each account, in one statement for the whole page:
 * ROW_NUMBER() per account (MySQL 8, MariaDB 10.2+, SQLite 3.25+).
 */
export const recentActivitiesByAccount = loaderFamily((limit: number) =>
  rowsGroupedBy(Activity, "accountId", (ctx, accountIds) =>
    newestActivities(ctx).where(
      `x.id IN (SELECT ranked.id FROM (SELECT r.id AS id, ROW_NUMBER() OVER (PARTITION BY r.accountId ORDER BY r.createdAt DESC, r.id DESC) AS rn
        FROM activities r WHERE r.accountId IN (:...accountIds)) ranked WHERE ranked.rn <= :limit)`,
      { accountIds: [...accountIds], limit },
    ),
  ),
);

/** Activities linked to records of another module (`relatedType` "Lead", "Opportunity"...), newest first, one statement a level. */
export const activitiesByRelated = loaderFamily((relatedType: string) =>
  rowsGroupedBy(Activity, "relatedId", (ctx, relatedIds) =>
    newestActivities(ctx).where("x.relatedType = :relatedType AND x.relatedId IN (:...relatedIds)", { relatedType, relatedIds: [...relatedIds] }),
  ),
);
