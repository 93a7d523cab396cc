import type { IRules } from "graphql-shield";
import type { MigrationInterface } from "typeorm";
import type { Grants } from "../access/permissions";
import type { Context, Services } from "../context";
import type { DomainEvents, Stored } from "../events/domain-events";
import type { ModuleContributions } from "./contributions";
import type { DemoOrganisation } from "../../seeds/demo/organisation";

/** A periodic job; `every` reads the configuration so an operator can change or disable it. */
export interface Job {
  name: string;
  every: (services: Services) => number;
  run: (services: Services, now: Date) => Promise<unknown>;
}

/** What a module's HTTP route answers: a status, a content type and the body. */
export interface HttpResponse {
  status: number;
  contentType: string;
  body: Buffer | string;
  headers?: Record<string, string>;
}

/**
 * An HTTP route beside /graphql (a document to download): `path` matches the request's path, its
 * groups are handed to `handle` with the caller's context, authenticated from the same bearer
 * token as GraphQL (src/modules/routes.ts). Reads go through the Scope as every read does.
 */
export interface HttpRoute {
  method: "GET";
  path: RegExp;
  handle: (ctx: Context, params: string[]) => Promise<HttpResponse>;
}

/**
 * The module contract (ARCHITECTURE.md, "The module contract"): the one declaration that says
 * everything a module adds to the gateway.
 */
export interface CrmModule {
  name: string;
  /** modules this one needs enabled */
  requires: string[];
  /** TypeORM entities this module owns; no other module writes their tables */
  entities: Function[];
  /** type-graphql resolver classes */
  resolvers: Function[];
  /** this module's fragment of the graphql-shield rule map */
  rules: IRules;
  /** permission names and the roles granted each */
  grants: Grants;
  migrations: (new () => MigrationInterface)[];
  jobs?: Job[];
  /** HTTP routes the module serves beside /graphql */
  routes?: HttpRoute[];
  /**
   * Domain event handlers, by event name. They run from the outbox after the commit, at least once
   * (retried until they succeed), so they must be idempotent; the payload comes back from JSON.
   */
  handlers?: { [K in keyof DomainEvents]?: (services: Services, payload: Stored<DomainEvents[K]>) => Promise<void> | void };
  /** what this module adds to other modules' extension points (src/modules/contributions.ts) */
  contributes?: ModuleContributions;
  /** for `auditTrail`: whether the viewer may read the history of an entity of each type */
  auditable?: Record<string, (ctx: Context, entityId: number) => Promise<boolean>>;
  /**
   * The module's demo data, written through its own entities and services. `seeds/index.ts` calls
   * it on an empty embedded database or with SEED_DEMO=1, after it has made the demo organisation
   * (territories and users, the core's), in the registry's order: what a module requires is
   * seeded before it, so it may read (never write) their demo rows through their index.ts.
   */
  seed?: (services: Services, organisation: DemoOrganisation) => Promise<void>;
}
