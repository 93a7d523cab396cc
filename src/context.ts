import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { Permissions } from "./access/permissions";
import { Scope } from "./access/scope";
import type { Viewer } from "./access/viewer";
import { EventBus } from "./events/event-bus";
import { Limiters } from "./auth/rate-limiter";
import { Contributions } from "./modules/contributions";
import type { CrmModule } from "./modules/contract";

/** What a module's loader factory looks like: one fresh DataLoader per request. */
export type LoaderFactory<K, V> = (ctx: Context) => DataLoader<K, V>;

/** The process-wide parts every request shares. */
export interface Services {
  config: Config;
  db: DataSource;
  events: EventBus;
  permissions: Permissions;
  limiters: Limiters;
  /** entity type -> whether the viewer may read that record's audit trail */
  auditables: Map<string, (ctx: Context, entityId: number) => Promise<boolean>>;
  /** what the enabled modules contribute to each other's extension points */
  contributions: Contributions;
}

export interface Context extends Services {
  viewer: Viewer | null;
  scope: Scope;
  clientAddress: string;
  /** the request's loaders, by the factory that made them */
  loaders: Map<(ctx: Context) => unknown, unknown>;
}

/** The process-wide services of a gateway (or a seeding script) running `modules` on `db`. */
export function createServices(config: Config, db: DataSource, modules: CrmModule[]): Services {
  return {
    config,
    db,
    events: new EventBus(),
    permissions: new Permissions(modules.map((m) => m.grants)),
    limiters: new Limiters(),
    auditables: new Map(modules.flatMap((m) => Object.entries(m.auditable ?? {}))),
    contributions: new Contributions(modules),
  };
}

export function createContext(services: Services, viewer: Viewer | null, clientAddress: string): Context {
  return { ...services, viewer, scope: new Scope(viewer), clientAddress, loaders: new Map() };
}

/** The request's loader made by `factory` (a DataLoader, or a selecting loader of src/db/loaders.ts), created on first use. */
export function loader<L>(ctx: Context, factory: (ctx: Context) => L): L {
  let existing = ctx.loaders.get(factory) as L | undefined;
  if (existing === undefined) {
    existing = factory(ctx);
    ctx.loaders.set(factory, existing);
  }
  return existing;
}
