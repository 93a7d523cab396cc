import type { Server as HttpServer } from "node:http";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { Viewer } from "../access/viewer";
import { authenticate } from "../auth/authenticate";
import { createContext, type Services } from "../context";
import { ErrorCode, formatError, withCode } from "../errors";

type ConnectionExtra = {
  viewer?: Viewer;
  authorization?: string;
};

export const principalKey = (viewer: Pick<Viewer, "kind" | "id">) => `${viewer.kind}:${viewer.id}`;

/** How many distinct valid operations the WebSocket keeps parsed and validated. */
const DOCUMENT_CACHE_SIZE = 500;

/** In production, as graphql-armor's blockFieldSuggestion does over HTTP: suggestions would reveal the schema. */
const hideSuggestions = (message: string) => message.replace(/\s*Did you mean .+\?/g, "");

/**
 * graphql-ws on the same port and path as HTTP. The socket authenticates in `connection_init`;
 * every subscribe re-checks the credential (frozen users, expired or revoked keys), and a
 * `principal.revoked` event closes that principal's sockets at once. graphql-ws runs its own
 * parse and validation, so the same limits and production settings as over HTTP are applied here.
 */
export function attachWebSocket(httpServer: HttpServer, schema: GraphQLSchema, services: Services, limits: ValidationRule[]) {
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const sockets = new Map<string, Set<WebSocket>>();
  const format = formatError(services.config.debugErrors);
  const { production, queryMaxTokens } = services.config;
  const rules = [...specifiedRules, ...limits, ...(production ? [NoSchemaIntrospectionCustomRule] : [])];
  // Thousands of subscribers send the same few operations: parse and validate each text once, and
  // share its (read-only) document, rather than hold one copy per subscription (as Apollo's
  // document store does over HTTP). Validation depends only on the text, schema and rules.
  const documents = new Map<string, DocumentNode>();

  const offRevoked = services.events.on<{ kind: "user" | "partner"; id: number }>("principal.revoked", (principal) => {
    for (const socket of sockets.get(principalKey(principal)) ?? []) socket.close(4403, "Forbidden");
  });

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = (params.authorization ?? params.Authorization) as string | undefined;
        if (typeof authorization !== "string") return false;
        try {
          const viewer = await authenticate(services.config, services.db, authorization);
          if (!viewer) return false;
          ctx.extra.viewer = viewer;
          ctx.extra.authorization = authorization;
          const key = principalKey(viewer);
          if (!sockets.has(key)) sockets.set(key, new Set());
          sockets.get(key)!.add(ctx.extra.socket);
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
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
          if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
          documents.set(payload.query, document);
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
