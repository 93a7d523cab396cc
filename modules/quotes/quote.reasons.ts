/**
 * Why the quotes module refuses (`extensions.reason`), so that clients need not parse messages.
 * Refusals from the core keep their own: STALE_VERSION, OUTSIDE_TERRITORY; from accounts ARCHIVED.
 */
export const QuoteReason = {
  /** createQuote: the opportunity does not exist or is outside the caller's reach */
  OpportunityOutOfReach: "OPPORTUNITY_OUT_OF_REACH",
  /** createQuote, reviseQuote, acceptQuote: the opportunity is not OPEN (a close is requested, or it is won or lost) */
  OpportunityNotOpen: "OPPORTUNITY_NOT_OPEN",
  /** createQuote: the opportunity's account is not APPROVED */
  AccountNotApproved: "ACCOUNT_NOT_APPROVED",
  /** createQuote: the account has had no VISIT or MEETING activity ("no quote without a face-to-face contact") */
  NoFaceToFaceContact: "NO_FACE_TO_FACE_CONTACT",
  /** the quote is not in a status the operation starts from (the message names both) */
  WrongStatus: "WRONG_STATUS",
  /** sendQuote: the quote's validUntil has passed */
  ValidityPassed: "VALIDITY_PASSED",
  /** approveQuote, rejectQuote: the quote waits for another role (the message names it) */
  ApproverRole: "APPROVER_ROLE",
  /** approveQuote, rejectQuote: the caller does not stand above the quote's owner, or does not reach the quote (nobody decides on their own quote) */
  NotAboveOwner: "NOT_ABOVE_OWNER",
} as const;
