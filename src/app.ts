import "reflect-metadata";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { authenticate } from "./auth/authenticate";
import type { Config } from "./config";
import { createContext, createServices, type Context, type Services } from "./context";
import { openDatabase } from "./db/data-source";
import { formatError } from "./errors";
import { createExecutor, type GraphQLExecutor } from "./graphql/executor";
import { queryCostRule } from "./graphql/query-cost";
import type { EventName } from "./events/domain-events";
import { OutboxDispatcher, type OutboxConsumer } from "./events/outbox";
import { startJobs } from "./jobs/scheduler";
import { cacheOrganisation } from "./org/org-cache";
import type { CrmModule } from "./modules/contract";
import { moduleRoutes } from "./modules/routes";
import { composeModules } from "./registry";
import { buildGatewaySchema } from "./schema";
import { seedDemoIfWanted } from "../seeds";
import { executorGateway } from "./server/apollo-executor";
import { clientAddress, handleGraphQL } from "./server/http";
import { attachWebSocket } from "./server/websocket";

export interface Gateway {
  url: string;
  port: number;
  services: Services;
  modules: CrmModule[];
  /** the compiled executor serving HTTP and WebSocket operations; null with GRAPHQL_JIT=0 (graphql-js alone) */
  executor: GraphQLExecutor | null;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  /** bench-only: serve the schema without graphql-shield, to measure what the permission layer costs */
  permissions?: boolean;
}

async function databaseAnswers(db: DataSource): Promise<boolean> {
  try {
    await Promise.race([db.query("SELECT 1"), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref())]);
    return true;
  } catch {
    return false;
  }
}

/** Every module's event handlers, each consuming the outbox from its own position. */
function consumersOf(modules: CrmModule[], services: Services): OutboxConsumer[] {
  return modules.flatMap((module) =>
    Object.entries(module.handlers ?? {}).map(([event, handler]) => ({
      name: `${module.name}/${event}`,
      event: event as EventName,
      handle: (payload: unknown) => (handler as (s: Services, p: unknown) => Promise<void> | void)(services, payload),
    })),
  );
}

/** A request's context; a failure that is no refusal of the credential is logged, as Apollo answers it with a bare 500. */
async function requestContext(services: Services, authorization: string | undefined, address: string): Promise<Context> {
  try {
    return createContext(services, await authenticate(services.config, services.db, authorization), address);
  } catch (error) {
    if (!(error instanceof GraphQLError)) console.error("Authentication failed:", error);
    throw error;
  }
}

/** Starts the whole gateway: database and migrations, demo data, HTTP + WebSocket on one port, jobs. */
export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const modules = composeModules(config.modules);
  const db = await openDatabase(config, modules);
  const services = createServices(config, db, modules);
  cacheOrganisation(services);
  await seedDemoIfWanted(services, modules);
  const outbox = new OutboxDispatcher(db, consumersOf(modules, services), {
    dispatch: config.outboxDispatch,
    pollMs: config.outboxPollMs,
    retentionMs: config.outboxRetentionDays * 24 * 3600_000,
  }, (consumer, eventId) => services.events.handled(consumer, eventId));
  const offOutbox = services.events.onOutboxWritten((names) => outbox.wake(names));
  await outbox.start();

  const schema = await buildGatewaySchema(modules, { permissions: options.permissions ?? true });
  const armor = new ApolloArmor({
    maxDepth: { n: config.queryMaxDepth },
    maxAliases: { n: config.queryMaxAliases },
    // Its plugin parses in parsingDidStart, where Apollo makes a syntax or token error a 500; Apollo's
    // own parse (parseOptions below) bounds tokens instead and answers 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    // Its cost model multiplies by 1.5 a level and ignored page sizes given as variables: ours counts rows (query-cost.ts).
    costLimit: { enabled: false },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const limits = [...armor.validationRules, queryCostRule(config.queryMaxCost)];
  const executor = config.graphqlJit ? createExecutor(schema) : null;

  const httpServer: Server = createServer();
  // Requests still executing. Apollo's drain waits for open connections only; a request whose client
  // has hung up runs on, and must finish before the database closes under it.
  const inFlight = new Set<Promise<void>>();
  const apollo = new ApolloServer<Context>({
    // Apollo has no executor option: the compiled executor comes in as a gateway serving this schema.
    ...(executor ? { gateway: executorGateway(schema, executor) } : { schema }),
    introspection: !config.production,
    includeStacktraceInErrorResponses: config.debugErrors,
    formatError: formatError(config.debugErrors, config.production),
    // Credentials travel in the Authorization header, never in cookies, so a cross-site request
    // carries none: Apollo's CSRF guard would only refuse plain GraphQL-over-HTTP GETs.
    csrfPrevention: false,
    parseOptions: { maxTokens: config.queryMaxTokens },
    validationRules: limits,
    allowBatchedHttpRequests: false,
    // Apollo's default pretty-prints every response (two-space indent): a 50-account page grows by a
    // third, and its serialisation and socket writes were ~5 % of the gateway's CPU (BENCHMARKS.md).
    stringifyResult: (result) => JSON.stringify(result),
    // main.ts handles SIGTERM (drain, close subscriptions and the database, exit 0). Apollo's own
    // handler would race it: a second stop() during Apollo's drain waits on a barrier Apollo never
    // resolves on success, and the process hangs instead of exiting.
    stopOnTerminationSignals: false,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      // On by default, it wraps every field resolver to compute cache hints we never send:
      // ~12 % of list-page throughput (BENCHMARKS.md).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const moduleRoute = moduleRoutes(modules, services);
  httpServer.on("request", (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && req.method === "GET") {
      void databaseAnswers(db).then((ok) => {
        res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: ok ? "ok" : "database unavailable" }));
      });
      return;
    }
    if (path === "/graphql") {
      const handled = handleGraphQL(apollo, req, res, () => requestContext(services, req.headers.authorization, clientAddress(req)));
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
      return;
    }
    const routed = moduleRoute(req, res, path);
    if (routed) {
      inFlight.add(routed);
      void routed.finally(() => inFlight.delete(routed));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found; GraphQL is served at /graphql" }));
  });

  const ws = attachWebSocket(httpServer, schema, services, limits, executor);
  const stopJobs = startJobs(services, modules.flatMap((m) => m.jobs ?? []));
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    services,
    modules,
    executor,
    stop: () =>
      (stopping ??= (async () => {
        stopJobs();
        offOutbox();
        await ws.close();
        await apollo.stop(); // drains open connections, then closes the HTTP server
        await Promise.race([Promise.allSettled(inFlight), new Promise((r) => setTimeout(r, config.shutdownGraceMs).unref())]);
        await outbox.stop();
        if (db.isInitialized) await db.destroy();
      })()),
  };
}
