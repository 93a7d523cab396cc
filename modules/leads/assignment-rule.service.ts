import { Role } from "../../src/access/roles";
import type { Context } from "../../src/context";
import { diff, inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { badInput, notFound } from "../../src/errors";
import { parseId } from "../../src/graphql/ids";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import type { EntityManager } from "typeorm";
import { AssignmentRule } from "./assignment-rule.entity";
import type { AssignmentRuleInput } from "./lead.inputs";

const AUDITED: (keyof AssignmentRule)[] = ["territoryId", "region", "industry", "userId", "teamManagerId", "priority"];

/** Rules are managed by the head of their territory (executives: any); reading them, by those who dispatch. */
function reachesTerritory(ctx: Context, territoryId: number): boolean {
  return ctx.viewer!.role === Role.EXECUTIVE || ctx.viewer!.territoryIds.includes(territoryId);
}

export function listAssignmentRules(ctx: Context, territoryId?: number): Promise<AssignmentRule[]> {
  const viewer = ctx.viewer!;
  const qb = ctx.db.getRepository(AssignmentRule).createQueryBuilder("r").orderBy("r.territoryId").addOrderBy("r.priority").addOrderBy("r.id");
  if (viewer.role !== Role.EXECUTIVE) qb.andWhere(viewer.territoryIds.length ? "r.territoryId IN (:...own)" : "1 = 0", { own: viewer.territoryIds });
  if (territoryId !== undefined) qb.andWhere("r.territoryId = :t", { t: territoryId });
  return qb.getMany();
}

async function requireRule(ctx: Context, manager: EntityManager, id: number): Promise<AssignmentRule> {
  const rule = await manager.findOneBy(AssignmentRule, { id });
  if (!rule || !reachesTerritory(ctx, rule.territoryId)) throw notFound("AssignmentRule", id);
  return rule;
}

/** Checks an input against the organisation: a rule names exactly one user, or one team, of its territory. */
async function ruleFields(ctx: Context, manager: EntityManager, input: AssignmentRuleInput): Promise<Partial<AssignmentRule>> {
  const viewer = ctx.viewer!;
  let territoryId: number;
  if (input.territoryId) {
    territoryId = parseId(input.territoryId, "territoryId");
    if (!(await manager.existsBy(Territory, { id: territoryId }))) throw badInput("territoryId", `territory ${territoryId} does not exist`);
    if (!reachesTerritory(ctx, territoryId)) throw badInput("territoryId", "a head manages the rules of their own territory");
  } else if (viewer.territoryId !== null) territoryId = viewer.territoryId;
  else throw badInput("territoryId", "is required for users without a territory");
  const hasUser = input.userId !== null && input.userId !== undefined;
  const hasTeam = input.teamManagerId !== null && input.teamManagerId !== undefined;
  if (hasUser === hasTeam) throw badInput("userId", "name either a user or a team (teamManagerId), not both or neither");
  let userId: number | null = null;
  let teamManagerId: number | null = null;
  if (hasUser) {
    userId = parseId(input.userId!, "userId");
    const user = await manager.findOneBy(User, { id: userId });
    if (!user || user.frozen || user.territoryId !== territoryId || ![Role.SALES_REP, Role.SALES_MANAGER].includes(user.role)) {
      throw badInput("userId", "must be an active rep or manager of the rule's territory");
    }
  } else {
    teamManagerId = parseId(input.teamManagerId!, "teamManagerId");
    const lead = await manager.findOneBy(User, { id: teamManagerId });
    if (!lead || lead.territoryId !== territoryId || lead.role !== Role.SALES_MANAGER) throw badInput("teamManagerId", "must be a sales manager of the rule's territory");
  }
  const text = (value: string | null | undefined) => value?.trim() || null;
  return { territoryId, region: text(input.region), industry: text(input.industry), userId, teamManagerId, priority: input.priority ?? 100 };
}

export function createAssignmentRule(ctx: Context, input: AssignmentRuleInput): Promise<AssignmentRule> {
  return inTransaction(ctx, async (uow) => {
    const fields = await ruleFields(ctx, uow.manager, input);
    const rule = uow.manager.create(AssignmentRule, { ...fields, lastAssignedUserId: null, createdAt: new Date(), version: 1 });
    await uow.manager.insert(AssignmentRule, rule);
    await uow.audit("AssignmentRule", rule.id, "CREATE", diff({}, rule, AUDITED));
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
