/** The events of the leads module besides `lead.assigned` (lead-assigned.event.ts). */

export interface LeadCreatedEvent {
  leadId: number;
}

/** A lead converted into an account (new or linked) and an opportunity. */
export interface LeadConvertedEvent {
  leadId: number;
  accountId: number;
  opportunityId: number;
}

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "lead.created": LeadCreatedEvent;
    "lead.converted": LeadConvertedEvent;
  }
}
