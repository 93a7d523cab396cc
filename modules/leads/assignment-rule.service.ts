import { LEAD_TAKING_ROLES, TEAM_LEADING_ROLES } from "../../src/access/roles";
import { actsIn, requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { diff, inTransaction } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { badInput, notFound } from "../../src/errors";
import { parseId } from "../../src/graphql/ids";
import { User } from "../../src/org/user.entity";
import type { EntityManager } from "typeorm";
import { AssignmentRule } from "./assignment-rule.entity";
import type { AssignmentRuleInput } from "./lead.inputs";

const AUDITED: (keyof AssignmentRule)[] = ["territoryId", "region", "industry", "userId", "teamManagerId", "priority"];

/**
 * The rules of the territories the caller acts in (actsIn: a head their own, executives every one),
 * or of one of them; another territory's rules are as unknown as missing ones (an empty list).
 * Rules are a territory's configuration, a handful each: the one territory rule filters them.
 */
export async function listAssignmentRules(ctx: Context, territoryId?: number): Promise<AssignmentRule[]> {
  if (territoryId !== undefined && !actsIn(ctx, territoryId)) return [];
  const qb = ctx.db.getRepository(AssignmentRule).createQueryBuilder("r").orderBy("r.territoryId").addOrderBy("r.priority").addOrderBy("r.id");
  if (territoryId !== undefined) qb.andWhere("r.territoryId = :t", { t: territoryId });
  return (await qb.getMany()).filter((rule) => actsIn(ctx, rule.territoryId));
}

/** A rule of a territory the caller acts in; another territory's rule is NOT_FOUND, like a missing one. */
async function requireRule(ctx: Context, manager: EntityManager, id: number): Promise<AssignmentRule> {
  const rule = await manager.findOneBy(AssignmentRule, { id });
  if (!rule || !actsIn(ctx, rule.territoryId)) throw notFound("AssignmentRule", id);
  return rule;
}

/** Checks an input against the organisation: a rule names exactly one user, or one team, of its territory. */
async function ruleFields(ctx: Context, manager: EntityManager, input: AssignmentRuleInput): Promise<Partial<AssignmentRule>> {
  // A head manages the rules of their own territory, an executive those of any (FORBIDDEN, OUTSIDE_TERRITORY, else).
  const territoryId = await requireTerritory(ctx, manager, input.territoryId || null);
  const hasUser = input.userId !== null && input.userId !== undefined;
  const hasTeam = input.teamManagerId !== null && input.teamManagerId !== undefined;
  if (hasUser === hasTeam) throw badInput("userId", "name either a user or a team (teamManagerId), not both or neither");
  let userId: number | null = null;
  let teamManagerId: number | null = null;
  if (hasUser) {
    userId = parseId(input.userId!, "userId");
    const user = await manager.findOneBy(User, { id: userId });
    if (!user || user.frozen || user.territoryId !== territoryId || !LEAD_TAKING_ROLES.includes(user.role)) {
      throw badInput("userId", "must be an active rep or manager of the rule's territory");
    }
  } else {
    teamManagerId = parseId(input.teamManagerId!, "teamManagerId");
    const lead = await manager.findOneBy(User, { id: teamManagerId });
    if (!lead || lead.territoryId !== territoryId || !TEAM_LEADING_ROLES.includes(lead.role)) throw badInput("teamManagerId", "must be a sales manager of the rule's territory");
  }
  const text = (value: string | null | undefined) => value?.trim() || null;
  return { territoryId, region: text(input.region), industry: text(input.industry), userId, teamManagerId, priority: input.priority ?? 100 };
}

export function createAssignmentRule(ctx: Context, input: AssignmentRuleInput): Promise<AssignmentRule> {
  return inTransaction(ctx, async (uow) => {
    const fields = await ruleFields(ctx, uow.manager, input);
    const rule = uow.manager.create(AssignmentRule, { ...fields, lastAssignedUserId: null, createdAt: new Date(), version: 1 });
    await insertAudited(uow, AssignmentRule, rule, AUDITED);
    return rule;
  });
}

export function updateAssignmentRule(ctx: Context, id: number, version: number, input: AssignmentRuleInput): Promise<AssignmentRule> {
  return inTransaction(ctx, async (uow) => {
    const rule = await requireRule(ctx, uow.manager, id);
    const fields = await ruleFields(ctx, uow.manager, { ...input, territoryId: input.territoryId ?? String(rule.territoryId) });
    return versionedUpdate(uow, AssignmentRule, rule, fields, { expectedVersion: version, action: "UPDATE", audited: AUDITED });
  });
}

export function deleteAssignmentRule(ctx: Context, id: number): Promise<boolean> {
  return inTransaction(ctx, async (uow) => {
    const rule = await requireRule(ctx, uow.manager, id);
    await uow.manager.delete(AssignmentRule, { id });
    await uow.audit("AssignmentRule", id, "DELETE", diff(rule, {}, AUDITED));
    return true;
  });
}
