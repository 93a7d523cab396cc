/**
 * Why the leads module refuses a write (`extensions.reason` beside CONFLICT), so that clients need
 * not parse messages. Refusals that come from the core or the accounts module keep their own reasons:
 * STALE_VERSION, OUTSIDE_TERRITORY, OUTSIDE_TEAM, DUPLICATE, ARCHIVED, IN_PUBLIC_POOL.
 */
export const LeadReason = {
  /** the lead is past that step: already qualified, assigned, disqualified or converted, or already assigned to that owner */
  AlreadyDecided: "ALREADY_DECIDED",
  /** converting: the lead is not assigned to an owner yet (dispatch or assign it first) */
  NotAssigned: "NOT_ASSIGNED",
  /** the lead is not routed to a territory yet (a web lead before dispatch): assign it first */
  NotRouted: "NOT_ROUTED",
  /** dispatching: no assignment rule fits the lead, or none whose user or team can take it: assign it by hand */
  NoRuleFits: "NO_RULE_FITS",
  /** dispatching: another dispatch took the same rule's turn at the same moment: try again */
  RuleBusy: "RULE_BUSY",
} as const;
