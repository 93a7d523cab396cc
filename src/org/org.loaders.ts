import DataLoader from "dataloader";
import type { Context, LoaderFactory } from "../context";
import { byIdLoader, rowsById } from "../db/loaders";
import { orgCacheOf } from "./org-cache";
import { Territory } from "./territory.entity";
import { User } from "./user.entity";

export const userById = rowsById(User);

const territoryRows = byIdLoader(Territory);

/** Territories by id from the gateway's territory cache (org-cache.ts): no statement once they are read; from the database where no gateway caches them. */
export const territoryById: LoaderFactory<number, Territory | null> = (ctx: Context) => {
  const cache = orgCacheOf(ctx.db)?.territories;
  return cache ? new DataLoader((ids) => cache.byIds(ids)) : territoryRows(ctx);
};
