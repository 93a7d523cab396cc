import DataLoader from "dataloader";
import type { Context, LoaderFactory } from "../../src/context";

/**
 * A kind of record activities are linked to (`Activity.relatedType`): leads, opportunities, later
 * tickets and campaigns. The module that owns the records contributes its source to the accounts
 * module's `activityLinks` point; accounts, which owns activities, never imports it.
 */
export interface ActivityLinkSource {
  /** the value of Activity.relatedType, e.g. "Opportunity" */
  relatedType: string;
  /** the titles (a lead's company, an opportunity's name) of those records among `ids` that the caller reaches, in one statement */
  titles(ctx: Context, ids: readonly number[]): Promise<Map<number, string>>;
}

declare module "../../src/modules/contributions" {
  interface ContributionPoints {
    activityLinks: ActivityLinkSource;
  }
}

/**
 * The title of the record an activity is linked to, keyed "<relatedType>:<id>": one statement per
 * kind of record and level; null when the caller does not reach the record or its module is disabled.
 */
export const relatedTitle: LoaderFactory<string, string | null> = (ctx: Context) =>
  new DataLoader<string, string | null>(async (keys) => {
    const idsByType = new Map<string, number[]>();
    for (const key of keys) {
      const [type, id] = key.split(":");
      idsByType.set(type, [...(idsByType.get(type) ?? []), Number(id)]);
    }
    const titles = new Map<string, string>();
    for (const source of ctx.contributions.of("activityLinks")) {
      const ids = idsByType.get(source.relatedType);
      if (!ids) continue;
      for (const [id, title] of await source.titles(ctx, ids)) titles.set(`${source.relatedType}:${id}`, title);
    }
    return keys.map((key) => titles.get(key) ?? null);
  });
