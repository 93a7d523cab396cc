import type { EntityManager } from "typeorm";
import { requireTerritory } from "../../src/access/territory";
import type { Role } from "../../src/access/roles";
import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { money } from "../../src/domain/money";
import { badInput } from "../../src/errors";
import type { RiskGrade } from "../accounts";
import { ratioInput } from "./cents";
import { COUNTERSIGN_ROLES, DEFAULT_ORDER_POLICY, type OrderApprovalPolicy as Policy } from "./order-approval";
import { OrderApprovalPolicy, OrderApprovalPolicyRow } from "./order-approval-policy.entity";
import type { OrderApprovalPolicyInput } from "./order.inputs";

const parsed = (row: OrderApprovalPolicyRow): Policy => ({
  standardMaxAmount: row.standardMaxAmount,
  minNetRatio: row.minNetRatio,
  countersign: JSON.parse(row.countersign),
  prepaymentRiskGrades: JSON.parse(row.prepaymentRiskGrades),
});

/** The order approval policy in force in a territory: its own, or the default. */
export async function orderPolicyOf(manager: EntityManager, territoryId: number): Promise<Policy> {
  const row = await manager.findOneBy(OrderApprovalPolicyRow, { territoryId });
  return row ? parsed(row) : DEFAULT_ORDER_POLICY;
}

function shown(row: OrderApprovalPolicyRow | null): OrderApprovalPolicy {
  const policy = row ? parsed(row) : DEFAULT_ORDER_POLICY;
  return Object.assign(new OrderApprovalPolicy(), { ...policy, countersign: [...policy.countersign], prepaymentRiskGrades: [...policy.prepaymentRiskGrades], isDefault: row === null, updatedAt: row?.updatedAt ?? null });
}

/** A territory's policy, for those who act in the territory (its users their own, executives any). */
export async function readOrderPolicy(ctx: Context, requestedTerritoryId: string): Promise<OrderApprovalPolicy> {
  const territoryId = await requireTerritory(ctx, ctx.db.manager, requestedTerritoryId);
  return shown(await ctx.db.manager.findOneBy(OrderApprovalPolicyRow, { territoryId }));
}

/** A policy as given, checked: a positive amount, a ratio from 0 to 1, 1 to 5 countersign roles never junior to the one before. */
export function checkedOrderPolicy(input: OrderApprovalPolicyInput): Policy {
  const standardMaxAmount = money(input.standardMaxAmount, "standardMaxAmount");
  const minNetRatio = ratioInput(input.minNetRatio, "minNetRatio");
  if (input.countersign.length === 0) throw badInput("countersign", "must have at least 1 step");
  let seniority = 0;
  const countersign = input.countersign.map((role, i) => {
    const rank = COUNTERSIGN_ROLES.indexOf(role);
    if (rank < 0) throw badInput(`countersign.${i}`, `must be one of ${COUNTERSIGN_ROLES.join(", ")}`);
    if (rank < seniority) throw badInput(`countersign.${i}`, "must not be junior to the step before");
    seniority = rank;
    return role as Role;
  });
  return { standardMaxAmount, minNetRatio, countersign, prepaymentRiskGrades: [...new Set(input.prepaymentRiskGrades)] as RiskGrade[] };
}

/** Sets a territory's policy (its head, or an executive); orders submitted from then on follow it. Audited. */
export function setOrderPolicy(ctx: Context, requestedTerritoryId: string, input: OrderApprovalPolicyInput): Promise<OrderApprovalPolicy> {
  return inTransaction(ctx, async (uow) => {
    const territoryId = await requireTerritory(ctx, uow.manager, requestedTerritoryId);
    const policy = checkedOrderPolicy(input);
    const before = await orderPolicyOf(uow.manager, territoryId);
    const row = Object.assign(new OrderApprovalPolicyRow(), {
      territoryId,
      standardMaxAmount: policy.standardMaxAmount,
      minNetRatio: policy.minNetRatio,
      countersign: JSON.stringify(policy.countersign),
      prepaymentRiskGrades: JSON.stringify(policy.prepaymentRiskGrades),
      updatedAt: new Date(),
    });
    await uow.manager.save(OrderApprovalPolicyRow, row);
    await uow.audit("OrderApprovalPolicy", territoryId, "UPDATE", { policy: { from: before, to: policy } });
    return shown(row);
  });
}
