import type { DomainEvent } from "../../src/events/domain-events";
import { Lead } from "./lead.entity";

/** Published after the commit of every assignment; `leadAssigned` subscribers are fed from it. */
export interface LeadAssignedEvent {
  leadId: number;
  /** the lead as this assignment left it: subscribers see it so, even if it has moved on since */
  lead: Lead;
  territoryId: number;
  ownerId: number;
  previousOwnerId: number | null;
  assignedById: number;
  assignedAt: string;
  via: "RULE" | "HAND";
}

export const LEAD_ASSIGNED = "lead.assigned";

declare module "../../src/events/domain-events" {
  interface DomainEvents {
    "lead.assigned": LeadAssignedEvent;
  }
}

/** The event of an assignment just written to `lead`: its new owner and territory, who assigned it and when. */
export function leadAssigned(lead: Lead, previousOwnerId: number | null, via: LeadAssignedEvent["via"]): DomainEvent<typeof LEAD_ASSIGNED> {
  return {
    name: LEAD_ASSIGNED,
    payload: {
      leadId: lead.id,
      // A copy: the entity object goes on changing in the writer's hands, and a later reassignment
      // (to another territory) must not show through an earlier event's delivery.
      lead: Object.assign(new Lead(), lead),
      territoryId: lead.territoryId!,
      ownerId: lead.ownerId!,
      previousOwnerId,
      assignedById: lead.assignedById!,
      assignedAt: lead.assignedAt!.toISOString(),
      via,
    },
  };
}
