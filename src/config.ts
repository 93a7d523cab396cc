import { randomBytes } from "node:crypto";

/**
 * Every setting of the gateway, read from the environment and validated once at start.
 * A bad value stops the process with one line naming the variable (see main.ts).
 */
export interface Config {
  port: number;
  host: string;
  nodeEnv: string;
  production: boolean;
  databaseUrl: string;
  jwtSecret: string;
  /** true when no JWT_SECRET was set and a random one was made for this process: tokens die with it */
  jwtSecretGenerated: boolean;
  jwtTtlSeconds: number;
  modules: string[] | null;
  seedDemo: boolean;
  debugErrors: boolean;
  followUpSweepIntervalMs: number;
  /** how often SENT quotes past their validity are marked EXPIRED; 0 disables the job */
  quoteExpiryIntervalMs: number;
  /** how often the SLA sweep flags missed ticket targets (modules/service); 0 disables the job */
  slaSweepIntervalMs: number;
  loginMaxAttemptsPerAccount: number;
  loginMaxAttemptsPerAddress: number;
  loginWindowSeconds: number;
  /** public web-form leads accepted per client address and minute */
  webLeadMaxPerMinute: number;
  /** lead rows `importLeads` takes in one request (over all its import fields) */
  importMaxRowsPerRequest: number;
  /** lead rows one user may import per minute */
  importMaxRowsPerMinute: number;
  /** largest WebSocket message accepted; a larger one closes the socket (1009) */
  wsMaxMessageBytes: number;
  queryMaxDepth: number;
  queryMaxAliases: number;
  queryMaxTokens: number;
  queryMaxCost: number;
  /** run queries and mutations compiled by graphql-jit (src/graphql/executor.ts); false: graphql-js alone */
  graphqlJit: boolean;
  shutdownGraceMs: number;
  /** whether this instance runs module event handlers from the outbox (every instance writes it) */
  outboxDispatch: boolean;
  /** how often the outbox is read for events of other instances and for retries */
  outboxPollMs: number;
  /** how long handled events stay in the outbox */
  outboxRetentionDays: number;
  /** whether the users and API keys behind credentials are kept between requests (src/org/org-cache.ts) */
  viewerCache: boolean;
  /** how long a kept user or key is trusted: the bound on writes this process hears no event of (other instances, SQL by hand) */
  viewerCacheTtlMs: number;
  logSql: boolean;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0 (true/false), got "${raw}"`);
}

function databaseUrl(env: Env): string {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === "") return "sqlite:data/crm.sqlite";
  if (raw.startsWith("sqlite:")) {
    if (raw.length === "sqlite:".length) throw new ConfigError("DATABASE_URL", "sqlite: needs a file path, e.g. sqlite:data/crm.sqlite");
    return raw;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL", `is not a URL: expected mysql://user:pass@host:port/db or sqlite:<path>`);
  }
  if (url.protocol !== "mysql:" && url.protocol !== "mariadb:") {
    throw new ConfigError("DATABASE_URL", `unsupported scheme "${url.protocol}": use mysql:// or sqlite:`);
  }
  if (url.pathname.replace(/^\//, "") === "") throw new ConfigError("DATABASE_URL", "names no database (mysql://user:pass@host:port/db)");
  return raw;
}

/**
 * Outside production without JWT_SECRET, a secret made for this process: a constant in the source
 * would let anyone who reads it forge tokens for any development server they can reach.
 */
const processSecret = randomBytes(32).toString("base64url");

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV || "development";
  const production = nodeEnv === "production";
  const jwtSecret = env.JWT_SECRET || "";
  if (production && jwtSecret === "") throw new ConfigError("JWT_SECRET", "is required when NODE_ENV=production");
  if (jwtSecret !== "" && jwtSecret.length < 32) throw new ConfigError("JWT_SECRET", "must be at least 32 characters");
  const modules = env.CRM_MODULES ? env.CRM_MODULES.split(",").map((m) => m.trim()).filter(Boolean) : null;
  if (modules && modules.some((m) => !/^[a-z][a-z0-9-]*$/.test(m))) {
    throw new ConfigError("CRM_MODULES", `must be a comma-separated list of module names, got "${env.CRM_MODULES}"`);
  }
  return {
    port: int(env, "PORT", 4000, 0, 65535),
    // Development listens on this machine only; production serves the network.
    host: env.HOST || (production ? "0.0.0.0" : "127.0.0.1"),
    nodeEnv,
    production,
    databaseUrl: databaseUrl(env),
    jwtSecret: jwtSecret || processSecret,
    jwtSecretGenerated: jwtSecret === "",
    jwtTtlSeconds: int(env, "JWT_TTL_SECONDS", 8 * 3600, 60, 30 * 24 * 3600),
    modules,
    seedDemo: flag(env, "SEED_DEMO", false),
    debugErrors: flag(env, "CRM_DEBUG_ERRORS", false),
    followUpSweepIntervalMs: int(env, "FOLLOW_UP_SWEEP_INTERVAL_MS", 3600_000, 0, 7 * 24 * 3600_000),
    quoteExpiryIntervalMs: int(env, "QUOTE_EXPIRY_INTERVAL_MS", 3600_000, 0, 7 * 24 * 3600_000),
    slaSweepIntervalMs: int(env, "SLA_SWEEP_INTERVAL_MS", 60_000, 0, 24 * 3600_000),
    loginMaxAttemptsPerAccount: int(env, "LOGIN_MAX_ATTEMPTS_PER_ACCOUNT", 5, 1, 1000),
    loginMaxAttemptsPerAddress: int(env, "LOGIN_MAX_ATTEMPTS_PER_ADDRESS", 20, 1, 100000),
    loginWindowSeconds: int(env, "LOGIN_WINDOW_SECONDS", 900, 1, 86400),
    webLeadMaxPerMinute: int(env, "WEB_LEAD_MAX_PER_MINUTE", 10, 1, 100000),
    importMaxRowsPerRequest: int(env, "IMPORT_MAX_ROWS_PER_REQUEST", 500, 1, 10000),
    importMaxRowsPerMinute: int(env, "IMPORT_MAX_ROWS_PER_MINUTE", 2000, 1, 1000000),
    wsMaxMessageBytes: int(env, "WS_MAX_MESSAGE_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
    queryMaxDepth: int(env, "QUERY_MAX_DEPTH", 8, 2, 100),
    queryMaxAliases: int(env, "QUERY_MAX_ALIASES", 15, 0, 1000),
    queryMaxTokens: int(env, "QUERY_MAX_TOKENS", 2000, 100, 100000),
    queryMaxCost: int(env, "QUERY_MAX_COST", 5000, 10, 1000000),
    graphqlJit: flag(env, "GRAPHQL_JIT", true),
    shutdownGraceMs: int(env, "SHUTDOWN_GRACE_MS", 10_000, 0, 600_000),
    outboxDispatch: flag(env, "OUTBOX_DISPATCH", true),
    outboxPollMs: int(env, "OUTBOX_POLL_MS", 5000, 100, 3600_000),
    outboxRetentionDays: int(env, "OUTBOX_RETENTION_DAYS", 7, 1, 3650),
    viewerCache: flag(env, "VIEWER_CACHE", true),
    viewerCacheTtlMs: int(env, "VIEWER_CACHE_TTL_MS", 10_000, 100, 3600_000),
    logSql: flag(env, "LOG_SQL", false),
  };
}
