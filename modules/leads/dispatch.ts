import { In, type EntityManager } from "typeorm";
import { TEAM_MEMBER_ROLES } from "../../src/access/roles";
import { conflict } from "../../src/errors";
import { User } from "../../src/org/user.entity";
import { AssignmentRule } from "./assignment-rule.entity";
import type { Lead } from "./lead.entity";
import { LeadReason } from "./lead.reasons";

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** How closely a rule fits a lead: region and industry > one of them > the territory alone; -1 when it does not fit. */
export function fit(rule: AssignmentRule, lead: Pick<Lead, "territoryId" | "region" | "industry">): number {
  if (lead.territoryId !== null && rule.territoryId !== lead.territoryId) return -1;
  if (rule.region !== null && !same(rule.region, lead.region)) return -1;
  if (rule.industry !== null && !same(rule.industry, lead.industry)) return -1;
  const specificity = (rule.region !== null ? 1 : 0) + (rule.industry !== null ? 1 : 0);
  // A lead not yet routed to a territory is steered by region or industry only, never by "any lead of territory X".
  if (lead.territoryId === null && specificity === 0) return -1;
  return specificity;
}

/** The rules that fit a lead, best first: most specific, then lowest priority number, then oldest. */
export function rankRules(rules: AssignmentRule[], lead: Pick<Lead, "territoryId" | "region" | "industry">): AssignmentRule[] {
  return rules
    .map((rule) => ({ rule, score: fit(rule, lead) }))
    .filter((r) => r.score >= 0)
    .sort((a, b) => b.score - a.score || a.rule.priority - b.rule.priority || a.rule.id - b.rule.id)
    .map((r) => r.rule);
}

/** The active reps of a team (those reporting to the manager), in a stable order for the round-robin. */
export async function teamMembers(manager: EntityManager, teamManagerId: number): Promise<User[]> {
  return manager.getRepository(User).find({ where: { managerId: teamManagerId, role: In([...TEAM_MEMBER_ROLES]), frozen: false }, order: { id: "ASC" } });
}

/** The next member after the one who got the previous lead, wrapping around: every member gets one lead in turn. */
export function nextInTurn(members: User[], lastAssignedUserId: number | null): User {
  return members.find((m) => lastAssignedUserId !== null && m.id > lastAssignedUserId) ?? members[0];
}

/**
 * Dispatch by assignment rules (PRODUCT.md, "Lead intake"): the best-fitting rule whose user (or
 * team) can take leads decides. A team's turn moves only when it gets the lead; a concurrent
 * dispatch through the same rule is a CONFLICT rather than two leads to the same rep.
 */
export async function chooseOwner(manager: EntityManager, lead: Lead): Promise<{ owner: User; rule: AssignmentRule }> {
  const candidates = await manager.getRepository(AssignmentRule).find(lead.territoryId === null ? {} : { where: { territoryId: lead.territoryId } });
  for (const rule of rankRules(candidates, lead)) {
    if (rule.userId !== null) {
      const user = await manager.findOneBy(User, { id: rule.userId });
      if (user && !user.frozen && user.territoryId === rule.territoryId) return { owner: user, rule };
      continue;
    }
    const members = (await teamMembers(manager, rule.teamManagerId!)).filter((m) => m.territoryId === rule.territoryId);
    if (members.length === 0) continue;
    const owner = nextInTurn(members, rule.lastAssignedUserId);
    const moved = await manager.update(AssignmentRule, { id: rule.id, version: rule.version }, { lastAssignedUserId: owner.id, version: rule.version + 1 });
    if (!moved.affected) throw conflict(`Assignment rule ${rule.id} was used by another dispatch at the same moment; try again`, { reason: LeadReason.RuleBusy });
    return { owner, rule };
  }
  throw conflict(`No assignment rule fits lead ${lead.id} (region ${lead.region ?? "none"}, industry ${lead.industry ?? "none"}); assign it by hand`, { reason: LeadReason.NoRuleFits, field: "id" });
}
