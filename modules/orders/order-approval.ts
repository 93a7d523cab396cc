import { Role } from "../../src/access/roles";
import { RiskGrade } from "../accounts";
import { cents, ratioUnits } from "./cents";
import { ContractTemplate } from "./order.entity";

/**
 * Who approves an order (PRODUCT.md, "Orders, contracts and receivables"; issue 12). The limits are
 * data, per territory (OrderApprovalPolicy); nothing else in the code knows them.
 */
export interface OrderApprovalPolicy {
  /** the largest amount the sales manager approves alone ("200000.00") */
  standardMaxAmount: string;
  /** the lowest net ratio the sales manager approves alone ("0.4500") */
  minNetRatio: string;
  /** the countersign chain, in order */
  countersign: Role[];
  /** the risk grades whose orders need prepayment */
  prepaymentRiskGrades: RiskGrade[];
}

/** The roles a countersign step may name, from the least to the most senior. */
export const COUNTERSIGN_ROLES: readonly Role[] = [Role.BUSINESS_MANAGER, Role.TERRITORY_HEAD, Role.EXECUTIVE];

/** PRODUCT.md: up to 200,000 at a net ratio of 45% or more on the standard template, the sales manager alone; else business manager, head, executive; HIGH risk prepays. */
export const DEFAULT_ORDER_POLICY: OrderApprovalPolicy = {
  standardMaxAmount: "200000.00",
  minNetRatio: "0.4500",
  countersign: [Role.BUSINESS_MANAGER, Role.TERRITORY_HEAD, Role.EXECUTIVE],
  prepaymentRiskGrades: [RiskGrade.HIGH],
};

/** The order's owner as the chain sees them: their role, and their own manager's. */
export interface OrderOwner {
  role: Role;
  managerRole: Role | null;
}


/** What decides the chain: the order's figures, and whether it takes the account over its credit limit. */
export interface OrderFacts {
  amount: string;
  netRatio: string;
  template: ContractTemplate;
  overCreditLimit: boolean;
}

/** Whether the sales manager approves alone: at most the amount limit, at least the ratio, the standard template (boundaries included). */
export const withinStandardLimits = (order: OrderFacts, policy: OrderApprovalPolicy) =>
  order.template === ContractTemplate.STANDARD && cents(order.amount) <= cents(policy.standardMaxAmount) && ratioUnits(order.netRatio) >= ratioUnits(policy.minNetRatio);

/** Whether someone in `role` can stand above `owner` (nobody decides on their own order). */
function decidable(role: Role, owner: OrderOwner): boolean {
  switch (role) {
    case Role.BUSINESS_MANAGER:
      return owner.role !== Role.BUSINESS_MANAGER;
    case Role.TERRITORY_HEAD:
      return owner.role !== Role.TERRITORY_HEAD && owner.role !== Role.EXECUTIVE;
    default:
      return true;
  }
}

/**
 * The approval chain of an order, in order: the owner's sales manager alone within the standard
 * limits (when the owner is a rep reporting to one), otherwise the countersign chain without the
 * steps nobody could take above the owner (a head's own order skips the head). Over the credit limit
 * the chain ends with an executive whatever else applies.
 */
export function orderApprovalChain(order: OrderFacts, policy: OrderApprovalPolicy, owner: OrderOwner): Role[] {
  const managerAlone = withinStandardLimits(order, policy) && owner.role === Role.SALES_REP && owner.managerRole === Role.SALES_MANAGER;
  const chain = managerAlone ? [Role.SALES_MANAGER] : policy.countersign.filter((role) => decidable(role, owner));
  if ((order.overCreditLimit || chain.length === 0) && chain[chain.length - 1] !== Role.EXECUTIVE) chain.push(Role.EXECUTIVE);
  return chain;
}

/** Whether an account's risk grade needs prepayment under the policy. */
export const needsPrepayment = (riskGrade: RiskGrade | null, policy: OrderApprovalPolicy) => riskGrade !== null && policy.prepaymentRiskGrades.includes(riskGrade);
