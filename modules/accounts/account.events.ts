/** The events of the accounts module (src/events/domain-events.ts). */

export interface AccountCreatedEvent {
  accountId: number;
}

/** An account given to another owner; when an executive moved it, to another territory too. */
export interface AccountTransferredEvent {
  accountId: number;
  from: number | null;
  to: number;
  fromTerritoryId: number;
  toTerritoryId: number;
}

/** The follow-up rule put a quiet account into its territory's public pool. */
export interface AccountReclaimedEvent {
  accountId: number;
  previousOwnerId: number | null;
}

export interface ActivityLoggedEvent {
  activityId: number;
  accountId: number | null;
  relatedType: string | null;
  relatedId: number | null;
}

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "account.created": AccountCreatedEvent;
    "account.transferred": AccountTransferredEvent;
    "account.reclaimed": AccountReclaimedEvent;
    "activity.logged": ActivityLoggedEvent;
  }
}
