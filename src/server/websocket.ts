import type { Server as HttpServer } from "node:http";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { Viewer } from "../access/viewer";
import { authenticate } from "../auth/authenticate";
import { createContext, type Services } from "../context";
import { ErrorCode, formatError, hideSuggestions, withCode } from "../errors";
import { DocumentCache } from "./document-cache";
import type { GraphQLExecutor } from "../graphql/executor";
import { PRINCIPAL_REVOKED } from "../events/core.events";

type ConnectionExtra = {
  viewer?: Viewer;
  authorization?: string;
  /** closes the socket when the credential expires */
  expiry?: NodeJS.Timeout;
};

export const principalKey = (viewer: Pick<Viewer, "kind" | "id">) => `${viewer.kind}:${viewer.id}`;

/** The close code for a credential that expired while the socket was open (graphql-ws uses 4401 for "Unauthorized"). */
export const CLOSE_EXPIRED = 4401;

/** setTimeout's longest delay; a later expiry re-arms the timer when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes `socket` with 4401 once `expiresAt` has passed. */
function closeAtExpiry(socket: WebSocket, expiresAt: Date, extra: ConnectionExtra): void {
  const wait = expiresAt.getTime() - Date.now();
  if (wait <= 0) {
    socket.close(CLOSE_EXPIRED, "Credential expired");
    return;
  }
  extra.expiry = setTimeout(() => closeAtExpiry(socket, expiresAt, extra), Math.min(wait, MAX_TIMER_MS));
  extra.expiry.unref();
}

/**
 * graphql-ws on the same port and path as HTTP. The socket authenticates in `connection_init`;
 * every subscribe re-checks the credential (frozen users, expired or revoked keys), and a
 * `principal.revoked` event closes that principal's sockets at once. graphql-ws runs its own
 * parse and validation, so the same limits and production settings as over HTTP are applied here.
 * Queries and mutations run on `executor` as over HTTP, when there is one.
 */
export function attachWebSocket(httpServer: HttpServer, schema: GraphQLSchema, services: Services, limits: ValidationRule[], executor: GraphQLExecutor | null) {
  // Like HTTP's body limit: ws closes a socket whose message is larger with 1009 before it is buffered whole.
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: services.config.wsMaxMessageBytes });
  const sockets = new Map<string, Set<WebSocket>>();
  const format = formatError(services.config.debugErrors, services.config.production);
  const { production, queryMaxTokens } = services.config;
  const rules = [...specifiedRules, ...limits, ...(production ? [NoSchemaIntrospectionCustomRule] : [])];
  // Thousands of subscribers send the same few operations: parse and validate each text once, and
  // share its (read-only) document, rather than hold one copy per subscription (as Apollo's
  // document store does over HTTP). Validation depends only on the text, schema and rules.
  const documents = new DocumentCache();

  const offRevoked = services.events.on(PRINCIPAL_REVOKED, (principal) => {
    for (const socket of sockets.get(principalKey(principal)) ?? []) socket.close(4403, "Forbidden");
  });

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      // Subscriptions stay on graphql-js `subscribe` (graphql-ws's default): graphql-jit's subscription
      // support is the weaker part of it, and each event is one small execution, not a list page.
      ...(executor ? { execute: (args) => executor.execute(args) } : {}),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = (params.authorization ?? params.Authorization) as string | undefined;
        if (typeof authorization !== "string") return false;
        try {
          const viewer = await authenticate(services.config, services.db, authorization);
          if (!viewer) return false;
          ctx.extra.viewer = viewer;
          ctx.extra.authorization = authorization;
          if (viewer.expiresAt) closeAtExpiry(ctx.extra.socket, viewer.expiresAt, ctx.extra);
          const key = principalKey(viewer);
          if (!sockets.has(key)) sockets.set(key, new Set());
          sockets.get(key)!.add(ctx.extra.socket);
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        if (ctx.extra.viewer) sockets.get(principalKey(ctx.extra.viewer))?.delete(ctx.extra.socket);
      },
      onSubscribe: async (ctx, _id, payload) => {
        let viewer: Viewer | null;
        try {
          viewer = await authenticate(services.config, services.db, ctx.extra.authorization);
        } catch {
          viewer = null;
        }
        if (!viewer) {
          ctx.extra.socket.close(4403, "Forbidden");
          return [new GraphQLError("Not authenticated", { extensions: { code: "UNAUTHENTICATED" } })];
        }
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: queryMaxTokens });
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            return [withCode(error, ErrorCode.ParseFailed)];
          }
          const errors = validate(schema, document, rules);
          if (errors.length > 0) {
            return errors.map((e) => withCode(e, ErrorCode.ValidationFailed, production ? hideSuggestions(e.message) : e.message));
          }
          documents.set(payload.query, document);
        }
        // Coerced here, as Apollo does over HTTP, so bad variables answer BAD_USER_INPUT, not an internal error.
        const operation = getOperationAST(document, payload.operationName);
        if (operation) {
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 25 });
          if (coerced.errors) {
            // Shaped as over HTTP (formatError names the field, hides suggestions in production): graphql-ws sends these as they are.
            return coerced.errors.map((e) => {
              const coded = withCode(e, ErrorCode.BadUserInput);
              const shaped = format(coded.toJSON(), coded);
              return new GraphQLError(shaped.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: shaped.extensions });
            });
          }
        }
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: createContext(services, viewer, ctx.extra.request.socket.remoteAddress ?? "unknown"),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => format(e.toJSON(), e)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e.toJSON(), e)),
    },
    wss,
  );

  return {
    async close(): Promise<void> {
      offRevoked();
      await server.dispose();
    },
  };
}
