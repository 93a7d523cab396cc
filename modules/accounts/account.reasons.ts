/**
 * Why the accounts module refuses a write (`extensions.reason` beside FAILED_PRECONDITION), so that
 * clients need not parse messages.
 */
export const AccountReason = {
  /** the account is in the territory's public pool: read-only for reps and managers until a rep claims it or a head or executive transfers it */
  InPublicPool: "IN_PUBLIC_POOL",
} as const;
