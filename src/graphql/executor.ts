import {
  GraphQLError,
  Kind,
  execute as interpret,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  typeFromAST,
  valueFromAST,
  visit,
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/**
 * Plans kept before the cache starts over. A plan holds a generated function and its closures; the
 * documents it is keyed on are Apollo's and the WebSocket's cached ones, bounded on their side.
 */
const MAX_PLANS = 1000;

/**
 * How one operation of one document runs: its compiled function, or graphql-js. `whenSent` names
 * the variables the compiled function needs to be given (see fieldVariables).
 */
type Plan = { compiled: true; operation: OperationDefinitionNode; run: CompiledQuery["query"]; whenSent: string[] } | { compiled: false };

const INTERPRETED: Plan = { compiled: false };

export interface GraphQLExecutor {
  /** Runs a query or mutation: compiled by graphql-jit where it can be, by graphql-js otherwise. */
  execute(args: ExecutionArgs): Promise<ExecutionResult>;
  /** Operations run each way since start; tests read it to know which path answered. */
  readonly runs: { compiled: number; interpreted: number };
}

/** Whether JSON.stringify gives this value back as it is. */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value as object).every(jsonSafe);
}

/** The input object types reachable from `type` have only JSON-safe field defaults. */
function defaultsJsonSafe(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return true;
  seen.add(named.name);
  return Object.values(named.getFields()).every(
    (field) => (field.defaultValue === undefined || jsonSafe(field.defaultValue)) && defaultsJsonSafe(field.type, seen),
  );
}

function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The variables without a default that are the value of an input object's field in a literal
 * (`filter: { ownerId: $o }`). Not sent, graphql-js leaves that field out (or gives it its default);
 * graphql-jit gives it null, which would reach a resolver as "ownerId is null".
 */
function fieldVariables(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names = new Set<string>();
  visit(document, {
    ObjectField(node) {
      if (node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  const defaulted = new Set((operation.variableDefinitions ?? []).filter((d) => d.defaultValue).map((d) => d.variable.name.value));
  return [...names].filter((name) => !defaulted.has(name));
}

/** Whether graphql-jit may compile the operation, or it is better left to graphql-js. */
function compilable(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  // graphql-ws runs subscriptions with graphql-js subscribe; an HTTP subscription gets graphql-js as before.
  if (operation.operation === "subscription") return false;
  // Rare, and graphql-js is the reference for the introspection types.
  if (selectsIntrospection(document)) return false;
  // graphql-jit writes variable and input-field defaults into its generated code with JSON.stringify:
  // a default a scalar parses into a Date (DateTimeISO) or any other object would reach resolvers as a string.
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    return type !== undefined && (!definition.defaultValue || jsonSafe(valueFromAST(definition.defaultValue, type))) && defaultsJsonSafe(type);
  });
}

function planOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Plan {
  const operation = getOperationAST(document, operationName);
  // No operation (none of that name, or several and no name): graphql-js words the error.
  if (!operation || !compilable(schema, document, operation)) return INTERPRETED;
  // What graphql-jit cannot compile it answers with errors instead of a query: graphql-js runs it.
  const compiled = compileQuery(schema, document, operationName);
  return isCompiledQuery(compiled) ? { compiled: true, operation, run: compiled.query, whenSent: fieldVariables(document, operation) } : INTERPRETED;
}

/**
 * graphql-jit's errors are lookalikes of graphql-js's (no nodes, source or positions, and no
 * extensions object when the cause has none, which Apollo's error formatting reads). Rebuilt as
 * graphql-js's locatedError builds them: the cause's message and extensions, the path, the
 * locations; where graphql-jit keeps no cause (a null in a non-null field, a leaf that does not
 * serialize), a plain Error, as graphql-js has, so formatError still treats it as internal.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? new Error(error.message) });
  return Object.assign(rebuilt, { locations: error.locations });
}

function finish(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
}

/**
 * An executor that compiles each operation once with graphql-jit and runs the compiled function,
 * over the same schema, so the same resolvers (graphql-shield's wrappers included) are called.
 * What it does not compile, or compiles wrongly, runs on graphql-js `execute`. Variables are coerced
 * by graphql-js first: its refusals are the words src/errors.ts recognises to name the bad field.
 */
export function createExecutor(schema: GraphQLSchema): GraphQLExecutor {
  let plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  let planCount = 0;
  const runs = { compiled: 0, interpreted: 0 };

  const planFor = (document: DocumentNode, operationName: string | undefined): Plan => {
    const key = operationName ?? "";
    let byName = plans.get(document);
    let plan = byName?.get(key);
    if (plan) return plan;
    plan = planOf(schema, document, operationName);
    // A WeakMap cannot evict its oldest entry: past the bound, start over and let the old plans go.
    if (++planCount > MAX_PLANS) {
      plans = new WeakMap();
      planCount = 1;
      byName = undefined;
    }
    if (!byName) plans.set(document, (byName = new Map()));
    byName.set(key, plan);
    return plan;
  };

  const interpreted = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    runs.interpreted++;
    return interpret(args);
  };

  return {
    runs,
    async execute(args) {
      const plan = planFor(args.document, args.operationName ?? undefined);
      const variables = args.variableValues ?? {};
      if (!plan.compiled || plan.whenSent.some((name) => variables[name] === undefined)) return interpreted(args);
      // graphql-js's own first step in execute(): bad variables get its errors, from graphql-js itself.
      const coerced = getVariableValues(schema, plan.operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      if (coerced.errors) return interpreted(args);
      const result = await plan.run(args.rootValue, args.contextValue, variables);
      // No data: graphql-jit refused variables that graphql-js accepts; no resolver has run yet.
      if (result.data === undefined) return interpreted(args);
      runs.compiled++;
      return finish(result);
    },
  };
}
