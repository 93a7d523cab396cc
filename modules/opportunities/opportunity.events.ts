/** The events of opportunities (src/events/domain-events.ts). */

export interface OpportunityCreatedEvent {
  opportunityId: number;
}

/** The owner asked to close as WON or LOST; someone above them decides. */
export interface OpportunityCloseRequestedEvent {
  opportunityId: number;
  outcome: "WON" | "LOST";
}

/** A close was confirmed: only confirmed outcomes count in reports. */
export interface OpportunityClosedEvent {
  opportunityId: number;
  outcome: "WON" | "LOST";
}

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "opportunity.created": OpportunityCreatedEvent;
    "opportunity.close-requested": OpportunityCloseRequestedEvent;
    "opportunity.closed": OpportunityClosedEvent;
  }
}
