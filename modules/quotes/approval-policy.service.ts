import type { EntityManager } from "typeorm";
import { requireTerritory } from "../../src/access/territory";
import { Role } from "../../src/access/roles";
import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { badInput } from "../../src/errors";
import { QuoteApprovalPolicy, QuoteApprovalPolicyRow } from "./approval-policy.entity";
import { APPROVER_ROLES, DEFAULT_POLICY, type ApprovalPolicy } from "./quote-approval";
import { ratio, unitsOf } from "./quote-decimal";
import type { QuoteApprovalPolicyInput } from "./quote.inputs";

/** The approval chain in force in a territory: its own, or the default. */
export async function policyOf(manager: EntityManager, territoryId: number): Promise<ApprovalPolicy> {
  const row = await manager.findOneBy(QuoteApprovalPolicyRow, { territoryId });
  return row ? { freeRatio: row.freeRatio, steps: JSON.parse(row.steps) } : DEFAULT_POLICY;
}

function shown(row: QuoteApprovalPolicyRow | null): QuoteApprovalPolicy {
  const policy = row ? { freeRatio: row.freeRatio, steps: JSON.parse(row.steps) } : DEFAULT_POLICY;
  return Object.assign(new QuoteApprovalPolicy(), { ...policy, steps: policy.steps.map((s: object) => ({ ...s })), isDefault: row === null, updatedAt: row?.updatedAt ?? null });
}

/** A territory's chain, for those who act in the territory (a territory's users their own, executives any). */
export async function readPolicy(ctx: Context, requestedTerritoryId: string): Promise<QuoteApprovalPolicy> {
  const territoryId = await requireTerritory(ctx, ctx.db.manager, requestedTerritoryId);
  return shown(await ctx.db.manager.findOneBy(QuoteApprovalPolicyRow, { territoryId }));
}

/**
 * A chain as given, checked: ratios from 0 to 1 with 4 decimals, steps falling strictly below the
 * free ratio and each other, the last at 0 (every ratio has an approver), roles among the approving
 * ones and never junior to the step before (a deeper discount never goes to a more junior role).
 */
export function checkedPolicy(input: QuoteApprovalPolicyInput): ApprovalPolicy {
  const freeRatio = ratio(input.freeRatio, "freeRatio");
  if (input.steps.length === 0) throw badInput("steps", "must have at least 1 step");
  let above = freeRatio;
  let seniority = 0;
  const steps = input.steps.map((step, i) => {
    const minRatio = ratio(step.minRatio, `steps.${i}.minRatio`);
    if (unitsOf(minRatio, 4) >= unitsOf(above, 4)) throw badInput(`steps.${i}.minRatio`, i === 0 ? "must be below freeRatio" : "must be below the previous step's minRatio");
    const rank = APPROVER_ROLES.indexOf(step.role);
    if (rank < 0) throw badInput(`steps.${i}.role`, `must be one of ${APPROVER_ROLES.join(", ")}`);
    if (rank < seniority) throw badInput(`steps.${i}.role`, "must not be junior to the previous step's role");
    above = minRatio;
    seniority = rank;
    return { minRatio, role: step.role as Role };
  });
  if (unitsOf(above, 4) !== 0n) throw badInput(`steps.${steps.length - 1}.minRatio`, "the last step must start at 0, so that every ratio has an approver");
  return { freeRatio, steps };
}

/** Sets a territory's chain (its head, or an executive); quotes submitted from now on follow it. Audited. */
export function setPolicy(ctx: Context, requestedTerritoryId: string, input: QuoteApprovalPolicyInput): Promise<QuoteApprovalPolicy> {
  return inTransaction(ctx, async (uow) => {
    const territoryId = await requireTerritory(ctx, uow.manager, requestedTerritoryId);
    const policy = checkedPolicy(input);
    const before = await policyOf(uow.manager, territoryId);
    const row = Object.assign(new QuoteApprovalPolicyRow(), { territoryId, freeRatio: policy.freeRatio, steps: JSON.stringify(policy.steps), updatedAt: new Date() });
    await uow.manager.save(QuoteApprovalPolicyRow, row);
    await uow.audit("QuoteApprovalPolicy", territoryId, "UPDATE", { policy: { from: before, to: policy } });
    return shown(row);
  });
}
