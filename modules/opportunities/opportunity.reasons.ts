/**
 * Why the opportunities module refuses a write (`extensions.reason` beside CONFLICT or FORBIDDEN),
 * so that clients need not parse messages. Refusals that come from the core or the accounts module
 * keep their own reasons: STALE_VERSION, OUTSIDE_TERRITORY, ARCHIVED (the opportunity's account is
 * archived), IN_PUBLIC_POOL.
 */
export const OpportunityReason = {
  /** the opportunity is not OPEN (a close is requested, or it is WON or LOST): it changes no more until the request is rejected */
  NotOpen: "NOT_OPEN",
  /** the decision is taken: the opportunity is already at that stage, or has no close request to confirm or reject (none was made, or it was already confirmed or rejected) */
  AlreadyDecided: "ALREADY_DECIDED",
  /** requesting a close: only the opportunity's owner requests it */
  NotOwner: "NOT_OWNER",
  /** confirming or rejecting a close: only someone above the owner in the organisation decides, never the owner */
  NotAboveOwner: "NOT_ABOVE_OWNER",
} as const;
