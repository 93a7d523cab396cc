import "reflect-metadata";
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { allow, deny, shield } from "graphql-shield";
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
  const ruleMap = mergeRules(modules);
  const permissions = shield(ruleMap, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new GraphQLError("Not allowed", { extensions: { code: ErrorCode.Forbidden } }),
    debug: false,
  });
  // applyMiddleware returns a new schema: this one is what Apollo and graphql-ws must both serve.
  const shielded = applyMiddleware(schema, permissions);
  skipDecidedRules(shielded, schema, ruleMap as unknown as Record<string, Record<string, ShieldRule>>);
  return shielded;
}

/** A graphql-shield rule of any kind (its typings name only some). */
type ShieldRule = object;

const ALLOW: ShieldRule = allow;

/** The rules that allowed something in this request, by the request's context. */
const allowedIn = new WeakMap<object, Set<ShieldRule>>();

/** Whether a rule's verdict depends on the request alone, so that once given it holds for every row. */
function isRequestScoped(rule: ShieldRule): rule is { name: string } {
  return rule === ALLOW || (rule as { cache?: string }).cache === "contextual";
}

/**
 * Shield wraps every field in an async middleware, which makes every scalar of every row a promise:
 * on a list page that is most of what the permission layer costs (BENCHMARKS.md). Our rules are
 * cached per request ("contextual"), so once a rule has said yes in a request, shield would answer
 * yes from its cache for every further row: resolve those fields directly instead. Denials, errors
 * and rules that look at the row still go through shield every time.
 */
function skipDecidedRules(shielded: GraphQLSchema, bare: GraphQLSchema, rules: Record<string, Record<string, ShieldRule>>): void {
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const bareFields = (bare.getType(type.name) as typeof type).getFields();
    for (const field of Object.values(type.getFields())) {
      const rule = rules[type.name]?.[field.name] ?? rules[type.name]?.["*"] ?? deny;
      if (!isRequestScoped(rule)) continue;
      const direct: GraphQLFieldResolver<unknown, object> = bareFields[field.name].resolve ?? defaultFieldResolver;
      const guarded = field.resolve as GraphQLFieldResolver<unknown, object & { _shield?: { cache: Record<string, unknown> } }>;
      field.resolve = (parent, args, ctx, info) => {
        if (rule === ALLOW || allowedIn.get(ctx)?.has(rule)) return direct(parent, args, ctx, info);
        const result = guarded(parent, args, ctx, info);
        // Shield has now started the rule and keeps its verdict, by name, in the request's cache.
        void Promise.resolve(ctx._shield?.cache[rule.name]).then(
          (verdict) => {
            if (verdict !== true) return;
            let allowed = allowedIn.get(ctx);
            if (!allowed) allowedIn.set(ctx, (allowed = new Set()));
            allowed.add(rule);
          },
          () => undefined,
        );
        return result;
      };
    }
  }
}
