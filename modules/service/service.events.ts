/** The events of the service desk (src/events/domain-events.ts). */
import type { DomainEvent } from "../../src/events/domain-events";
import { Ticket } from "./ticket.entity";

export type SlaClockName = "FIRST_RESPONSE" | "RESOLUTION";

/**
 * A ticket missed an SLA target; `slaBreached` subscribers are fed from it. It carries the ticket as
 * the sweep flagged it (a snapshot), so deciding who hears of it reads nothing, and what they see is
 * the breach as it happened even if the ticket moved on since.
 */
export interface TicketBreachedEvent {
  ticket: Ticket;
  clock: SlaClockName;
  dueAt: string;
  breachedAt: string;
}

export const TICKET_BREACHED = "ticket.breached";

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "ticket.breached": TicketBreachedEvent;
  }
}

/** The event of a breach just flagged on `ticket` (a copy: the sweep goes on with its objects). */
export function ticketBreached(ticket: Ticket, clock: SlaClockName, dueAt: Date, breachedAt: Date): DomainEvent<typeof TICKET_BREACHED> {
  return { name: TICKET_BREACHED, payload: { ticket: Object.assign(new Ticket(), ticket), clock, dueAt: dueAt.toISOString(), breachedAt: breachedAt.toISOString() } };
}
