import { In } from "typeorm";
import type { Services } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import type { Stored } from "../../src/events/domain-events";
import type { AccountTransferredEvent } from "../accounts";
import { Ticket, TicketStatus } from "./ticket.entity";

/** The tickets still being worked; RESOLVED and CLOSED ones stay where they were handled, and count there. */
const FOLLOWING = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING];

/**
 * When an executive moves an account to another territory, its tickets still being worked follow it:
 * otherwise they would stay behind with a desk that no longer serves the customer, out of the new
 * owner's reach. They arrive unassigned, as their assignee works the old territory's tickets only,
 * for the new territory's desk to take up, and keep the SLA targets and due times promised when they
 * were entered. Runs from the outbox, at least once: moving only what is still in the old territory
 * makes a second run change nothing.
 */
export async function followTransferredAccount(services: Services, event: Stored<AccountTransferredEvent>): Promise<void> {
  if (event.fromTerritoryId === event.toTerritoryId) return;
  await inTransaction({ ...services, viewer: null }, async (uow) => {
    const working = await uow.manager.find(Ticket, {
      where: { accountId: event.accountId, territoryId: event.fromTerritoryId, status: In(FOLLOWING) },
      order: { id: "ASC" },
    });
    for (const ticket of working) {
      await versionedUpdate(uow, Ticket, ticket, { territoryId: event.toTerritoryId, assigneeId: null }, { action: "FOLLOW_ACCOUNT", audited: ["territoryId", "assigneeId"] });
    }
  });
}
