import { In } from "typeorm";
import type { Services } from "../../src/context";
import type { Stored } from "../../src/events/domain-events";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import type { AccountTransferredEvent } from "../accounts";
import { Opportunity, OpportunityStatus } from "./opportunity.entity";
import { probabilityOf } from "./pipeline";

/**
 * When an executive moves an account to another territory, its open opportunities follow it to the
 * account's new owner, at the new territory's probability for their stage: otherwise they would stay
 * behind in a territory that no longer has the customer, out of the new owner's reach. Closed ones
 * stay where they were won or lost, and count there. Runs from the outbox, at least once: moving only
 * what is still in the old territory makes a second run change nothing.
 */
export async function followTransferredAccount(services: Services, event: Stored<AccountTransferredEvent>): Promise<void> {
  if (event.fromTerritoryId === event.toTerritoryId) return;
  await inTransaction({ ...services, viewer: null }, async (uow) => {
    const open = await uow.manager.find(Opportunity, {
      where: { accountId: event.accountId, territoryId: event.fromTerritoryId, status: In([OpportunityStatus.OPEN, OpportunityStatus.CLOSE_REQUESTED]) },
      order: { id: "ASC" },
    });
    for (const opportunity of open) {
      const probability = await probabilityOf(uow.manager, event.toTerritoryId, opportunity.stage);
      await versionedUpdate(uow, Opportunity, opportunity, { territoryId: event.toTerritoryId, ownerId: event.to, probability }, {
        action: "FOLLOW_ACCOUNT",
        audited: ["territoryId", "ownerId", "probability"],
      });
    }
  });
}
