import { GraphQLError, Kind, parse, visit, type GraphQLFormattedError, type ValueNode } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { problem } from "./domain/problems";

/** The codes a client may see in `extensions.code`; services throw these, never raw strings. */
export enum ErrorCode {
  ParseFailed = "GRAPHQL_PARSE_FAILED",
  ValidationFailed = "GRAPHQL_VALIDATION_FAILED",
  BadUserInput = "BAD_USER_INPUT",
  Unauthenticated = "UNAUTHENTICATED",
  Forbidden = "FORBIDDEN",
  NotFound = "NOT_FOUND",
  Conflict = "CONFLICT",
  TooManyRequests = "TOO_MANY_REQUESTS",
  /** the operation's cost (fields times page sizes) is over QUERY_MAX_COST */
  QueryTooComplex = "QUERY_TOO_COMPLEX",
  /** a business rule refuses; `extensions.reason` names the rule */
  FailedPrecondition = "FAILED_PRECONDITION",
}

/**
 * Reasons (`extensions.reason`) the core gives beside a code, so clients need not parse messages;
 * modules declare their own (e.g. AccountReason) and document them in the schema.
 */
export const CommonReason = {
  /** the record changed since the caller read it: reload it (extensions.currentVersion) and try again */
  StaleVersion: "STALE_VERSION",
} as const;

/** A rule of the domain was broken; `field` names the input field at fault, where there is one. */
export class DomainError extends GraphQLError {
  constructor(readonly code: ErrorCode, message: string, extra: { field?: string; [key: string]: unknown } = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/**
 * Bad input, worded "field: problem" with the field in `extensions.field`. `field` is the input
 * field's path without the argument's name ("creditLimit" for `input.creditLimit`, "attachments.0.name");
 * the problems of src/domain/problems.ts complete it, so every refusal reads alike.
 */
export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, `${field}: ${message}`, { field });
export const notFound = (what: string, id: string | number) => new DomainError(ErrorCode.NotFound, `${what} ${id} not found`);
export const forbidden = (message = "Not allowed", extra: { field?: string; reason?: string } = {}) => new DomainError(ErrorCode.Forbidden, message, extra);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new DomainError(ErrorCode.Conflict, message, extra);
/** A business rule refuses what is asked; `reason` names the rule for clients (e.g. IN_PUBLIC_POOL). */
export const refused = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.FailedPrecondition, message, { reason, ...extra });
export const unauthenticated = (message = "Not authenticated") => new DomainError(ErrorCode.Unauthenticated, message);

/** In production, as graphql-armor's blockFieldSuggestion does for fields: suggestions of fields, types and enum values would reveal the schema. */
export const hideSuggestions = (message: string) => message.replace(/\s*Did you mean .+\?/g, "");

/** graphql's parse() and validate() errors carry no code: Apollo adds one over HTTP, graphql-ws does not. */
export const withCode = (error: GraphQLError, code: ErrorCode, message = error.message) =>
  new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code } });

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/**
 * class-validator's failures, one per field and rule, each worded as badInput words it: "field: problem",
 * the field being its path inside the argument ("attachments.0.name"). A rule's message that starts with
 * its property's name ("$property: ...", or class-validator's own "first must be ...") loses it for the path.
 */
function flattenValidation(errors: ValidationErrorLike[], prefix = ""): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => {
      const problem = message.startsWith(`${e.property}:`) || message.startsWith(`${e.property} `) ? message.slice(e.property.length).replace(/^:?\s*/, "") : message;
      return { field, message: `${field}: ${problem}` };
    });
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

const NAME = "[_A-Za-z][_0-9A-Za-z]*";

/**
 * Where a variable feeds the operation: for each use, the argument and the path inside the argument's
 * literal (`filter: { ownerId: $o }` is ["ownerId"]; `input: $input` is []).
 */
function usesOf(source: string, variable: string): { argument: string; path: string[] }[] {
  const uses: { argument: string; path: string[] }[] = [];
  const walk = (value: ValueNode, argument: string, path: string[]): void => {
    if (value.kind === Kind.VARIABLE && value.name.value === variable) uses.push({ argument, path });
    else if (value.kind === Kind.OBJECT) for (const f of value.fields) walk(f.value, argument, [...path, f.name.value]);
    else if (value.kind === Kind.LIST) value.values.forEach((v, i) => walk(v, argument, [...path, String(i)]));
  };
  try {
    visit(parse(source), { Argument: (node) => walk(node.value, node.name.value, []) });
  } catch {
    // The text was parsed before it ran; should it not parse now, the field is named by the variable.
  }
  return uses;
}

/**
 * The field a variable's bad value is for, named as badInput names fields: the path inside the
 * argument, without the argument's name ("creditLimit" for `createAccount(input: $input)` and
 * `$input.creditLimit`); a variable that is the whole argument is the argument ("days" for
 * `careReminders(days: $d)`), and an item of a list argument keeps it ("kinds.1"). Used in two
 * places that disagree, it is named by the variable.
 */
function fieldOf(error: GraphQLError, variable: string, inner: string[]): string {
  const named = new Set(
    usesOf(error.source?.body ?? "", variable).map(({ argument, path }) => {
      const within = [...path, ...inner];
      // A list argument keeps its name before the index ("kinds.1"): an index alone names nothing.
      return (within.length === 0 || /^\d/.test(within[0]) ? [argument, ...within] : within).join(".");
    }),
  );
  return named.size === 1 ? [...named][0] : [variable, ...inner].join(".");
}

/**
 * A variable's value that graphql refused while coercing it (a scalar's or enum's parseValue, an input
 * object's missing or unknown field, a null where none is allowed, a required variable not sent): the
 * field, and graphql's (or the scalar's) words for the problem. graphql gives the path only in its
 * message, `Variable "$v" got invalid value X at "v.a[0].b"; <problem>`: it is read from there only
 * when the problem's own text is known (originalError, which Apollo keeps) so that the value X,
 * whatever the client sent, cannot be mistaken for a path. An error without it is left as it is.
 */
function variableProblem(error: unknown): { field: string; problem: string } | undefined {
  if (!(error instanceof GraphQLError) || error.nodes?.length !== 1 || !error.originalError) return undefined;
  const node = error.nodes[0];
  if (node.kind !== Kind.VARIABLE_DEFINITION) return undefined;
  const variable = node.variable.name.value;
  const whole = (words: string) => ({ field: fieldOf(error, variable, []), problem: words });
  if (error.message.startsWith(`Variable "$${variable}" of required type `)) return whole(problem.missing);
  if (error.message.startsWith(`Variable "$${variable}" of non-null type `)) return whole(problem.null);
  const said = error.originalError.message;
  const head = `Variable "$${variable}" got invalid value `;
  if (!error.message.startsWith(head) || !error.message.endsWith(`; ${said}`)) return undefined;
  const before = error.message.slice(0, error.message.length - said.length - 2);
  const at = new RegExp(` at "${variable}((?:\\.${NAME}|\\[\\d+\\])+)"$`).exec(before);
  const inner = at ? (at[1].match(new RegExp(`${NAME}|\\d+`, "g")) ?? []) : [];
  // An input object's missing or unknown field is reported at the object: name the field itself.
  const field = new RegExp(`^Field "(${NAME})" (?:of required type |is not defined by type )`).exec(said);
  return { field: fieldOf(error, variable, field ? [...inner, field[1]] : inner), problem: said };
}

/**
 * The one place errors are shaped for clients: known codes pass through, class-validator failures
 * and variables graphql could not coerce become BAD_USER_INPUT naming the fields ("field: problem",
 * `extensions.field`), anything else is an internal error without details.
 */
export function formatError(debug: boolean, production = false) {
  const shape = shapeError(debug);
  if (!production) return shape;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shaped = shape(formatted, error);
    return { ...shaped, message: hideSuggestions(shaped.message) };
  };
}

function shapeError(debug: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Apollo gives every validation error GRAPHQL_VALIDATION_FAILED; a rule that names its own code (the cost limit) keeps it.
    const cause = (error as GraphQLError | undefined)?.originalError;
    const ownCode = cause instanceof GraphQLError ? cause.extensions.code : undefined;
    if (ownCode === ErrorCode.QueryTooComplex) formatted = { ...formatted, extensions: { ...formatted.extensions, code: ownCode } };
    const code = formatted.extensions?.code as string | undefined;
    const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } })?.extensions?.validationErrors;
    if (validationErrors) {
      const fields = flattenValidation(validationErrors);
      return {
        message: fields.map((f) => f.message).join("; ") || "Invalid input",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BadUserInput, field: fields[0]?.field, fields },
      };
    }
    const bad = code === ErrorCode.BadUserInput ? variableProblem(error) : undefined;
    if (bad) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      return {
        message: `${bad.field}: ${bad.problem}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...extensions, code, field: bad.field, ...(debug && stacktrace ? { stacktrace } : {}) },
      };
    }
    if (code && KNOWN_CODES.has(code)) {
      if (debug) return formatted;
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (debug) return formatted;
    if (!(original instanceof GraphQLError)) console.error("Internal error:", original);
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
