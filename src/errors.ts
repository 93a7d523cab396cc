import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";

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
  new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

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

function flattenValidation(errors: ValidationErrorLike[], prefix = ""): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/**
 * The one place errors are shaped for clients: known codes pass through, class-validator failures
 * become BAD_USER_INPUT naming the fields, anything else is an internal error without details.
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
