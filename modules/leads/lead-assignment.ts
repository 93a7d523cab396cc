import type { Context } from "../../src/context";
import { diff, inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { conflict } from "../../src/errors";
import { assertAssignableOwner } from "../../src/org/assignable-owner";
import { User } from "../../src/org/user.entity";
import { chooseOwner } from "./dispatch";
import { leadAssigned, type LeadAssignedEvent } from "./lead-assigned.event";
import { Lead, LeadStatus } from "./lead.entity";
import { LeadPermission } from "./lead.permissions";
import { LeadReason } from "./lead.reasons";
import { LEAD_AUDITED, requireLead } from "./lead.service";

const ASSIGNABLE = [LeadStatus.NEW, LeadStatus.QUALIFIED, LeadStatus.ASSIGNED];

/** Gives a lead to its new owner, audits it (with the rule that chose the owner) and announces it (after commit) to those who watch. */
async function give(ctx: Context, uow: UnitOfWork, lead: Lead, owner: User, via: LeadAssignedEvent["via"], ruleId: number | null): Promise<Lead> {
  const viewer = ctx.viewer!;
  const previousOwnerId = lead.ownerId;
  const changes: Partial<Lead> = { status: LeadStatus.ASSIGNED, ownerId: owner.id, territoryId: owner.territoryId, assignedById: viewer.id, assignedAt: new Date() };
  const byRule = ruleId === null ? {} : { changes: { ...diff(lead, { ...lead, ...changes }, LEAD_AUDITED), ruleId: { from: null, to: ruleId } } };
  const updated = await versionedUpdate(uow, Lead, lead, changes, { action: via === "RULE" ? "DISPATCH" : "ASSIGN", audited: LEAD_AUDITED, ...byRule });
  uow.emit(leadAssigned(updated, previousOwnerId, via));
  return updated;
}

/** A NEW or QUALIFIED lead goes to the owner the assignment rules choose. */
export function dispatchLead(ctx: Context, id: number): Promise<Lead> {
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, id);
    if (lead.status !== LeadStatus.NEW && lead.status !== LeadStatus.QUALIFIED) {
      throw conflict(`Lead ${id} is ${lead.status}; only NEW and QUALIFIED leads are dispatched (reassign with assignLead)`, { reason: LeadReason.AlreadyDecided });
    }
    const { owner, rule } = await chooseOwner(uow.manager, lead);
    return give(ctx, uow, lead, owner, "RULE", rule.id);
  });
}

/**
 * Assignment by hand, to whom assertAssignableOwner allows: a business manager or head inside the
 * territory, a manager within their team; only an executive moves a lead to another territory
 * (or routes a lead that has none yet).
 */
export function assignLead(ctx: Context, id: number, ownerId: number): Promise<Lead> {
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, id);
    if (!ASSIGNABLE.includes(lead.status)) throw conflict(`Lead ${id} is ${lead.status} and can no longer be assigned`, { reason: LeadReason.AlreadyDecided });
    const owner = await assertAssignableOwner(ctx, uow.manager, ownerId, { territoryId: lead.territoryId, acrossTerritories: LeadPermission.AssignAcrossTerritories, what: "lead" });
    if (owner.id === lead.ownerId) throw conflict(`Lead ${id} is already assigned to ${owner.name}`, { reason: LeadReason.AlreadyDecided, field: "ownerId" });
    return give(ctx, uow, lead, owner, "HAND", null);
  });
}

/**
 * Who hears of an assignment (PRODUCT.md: "pushed live to the new owner and to the managers above
 * them"): the new owner, their manager, the territory's head and business managers, executives.
 * Among the roles that may watch (the selling roles), that is exactly the Scope's reach over the
 * lead as it now stands, so the same rule that filters rows filters events.
 */
export function hearsOfAssignment(ctx: Context, event: LeadAssignedEvent): boolean {
  return ctx.permissions.has(ctx.viewer, LeadPermission.WatchAssignments) && ctx.scope.covers({ territoryId: event.territoryId, ownerId: event.ownerId });
}
