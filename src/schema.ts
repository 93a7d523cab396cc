import "reflect-metadata";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { deny, shield } from "graphql-shield";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { ErrorCode } from "./errors";
import type { CrmModule } from "./modules/contract";
import { mergeRules } from "./registry";

/**
 * type-graphql refuses to build a schema with subscriptions unless it has a pubSub, even when every
 * subscription brings its own `subscribe`; ours do, fed by the EventBus, so this one is never used.
 */
const noPubSub = {
  publish: () => {
    throw new Error("subscriptions are fed by the EventBus, not type-graphql's pubSub");
  },
  subscribe: () => {
    throw new Error("subscriptions are fed by the EventBus, not type-graphql's pubSub");
  },
};

/** The schema as type-graphql writes it from the enabled modules' resolvers, before permissions. */
export function buildBareSchema(modules: CrmModule[]): Promise<GraphQLSchema> {
  const resolvers = modules.flatMap((m) => m.resolvers) as unknown as NonEmptyArray<Function>;
  return buildSchema({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false, pubSub: noPubSub });
}

/**
 * The served schema: bare schema wrapped by graphql-shield. Shield's defaults are unsafe, so:
 * deny whatever no rule names, let resolver errors through with their codes, cache rules per
 * request, and refuse with a FORBIDDEN GraphQLError.
 */
export async function buildGatewaySchema(modules: CrmModule[], options: { permissions: boolean } = { permissions: true }): Promise<GraphQLSchema> {
  const schema = await buildBareSchema(modules);
  if (!options.permissions) return schema;
  const permissions = shield(mergeRules(modules), {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new GraphQLError("Not allowed", { extensions: { code: ErrorCode.Forbidden } }),
    debug: false,
  });
  // applyMiddleware returns a new schema: this one is what Apollo and graphql-ws must both serve.
  return applyMiddleware(schema, permissions);
}
