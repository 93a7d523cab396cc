/**
 * Why the accounts module refuses a write (`extensions.reason` beside FAILED_PRECONDITION), so that
 * clients need not parse messages.
 */
export const AccountReason = {
  /** the account is archived: it, its contacts and its activities take no more writes */
  Archived: "ARCHIVED",
  /** an account with the same normalised name or registration number exists (first entered wins) */
  Duplicate: "DUPLICATE",
  /** the account was already approved, archived or given to that owner: the decision is taken */
  AlreadyDecided: "ALREADY_DECIDED",
  /** claiming: the account is not in the public pool */
  NotInPool: "NOT_IN_POOL",
  /** claiming: the rep holds as many claimed accounts as the territory's limit allows */
  ClaimLimit: "CLAIM_LIMIT",
  /** the account is in the territory's public pool: read-only for reps and managers until a rep claims it or a head or executive transfers it */
  InPublicPool: "IN_PUBLIC_POOL",
} as const;
