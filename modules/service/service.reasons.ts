/**
 * Why the service module refuses (`extensions.reason`), so that clients need not parse messages.
 * Refusals from the core keep their own: STALE_VERSION, OUTSIDE_TERRITORY.
 */
export const ServiceReason = {
  /** createTicket: the account does not exist or is outside the caller's reach (a partner key: outside its territories) */
  AccountOutOfReach: "ACCOUNT_OUT_OF_REACH",
  /** the ticket is not in a status the operation starts from (the message names both) */
  WrongStatus: "WRONG_STATUS",
  /** reopenTicket: more than 30 days have passed since the ticket was resolved or closed */
  ReopenWindowPassed: "REOPEN_WINDOW_PASSED",
  /** rateTicket: the ticket is not RESOLVED or CLOSED */
  NotResolved: "NOT_RESOLVED",
  /** rateTicket: the ticket was rated already (once only) */
  AlreadyRated: "ALREADY_RATED",
  /** rateTicket: the caller is not the creator's side (the user or key who entered it, or the account's owner) */
  NotCreatorSide: "NOT_CREATOR_SIDE",
  /** createArticle: a group article (for every territory) is written by executives only */
  GroupArticle: "GROUP_ARTICLE",
  /** linkArticle: the article does not exist or is outside the caller's reach */
  ArticleOutOfReach: "ARTICLE_OUT_OF_REACH",
} as const;
