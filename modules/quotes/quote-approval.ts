import { Role } from "../../src/access/roles";
import { ratioAtLeast } from "./quote-decimal";

/**
 * Who must approve a quote, from its net/list ratio (PRODUCT.md, "Quotes"; issue 11). The chain is
 * data, per territory (QuoteApprovalPolicy); nothing else in the code knows the thresholds.
 */
export interface ApprovalStep {
  /** the step takes ratios at or above this (4 decimals) and below the previous step's */
  minRatio: string;
  role: Role;
}

export interface ApprovalPolicy {
  /** at or above this ratio no approval is needed */
  freeRatio: string;
  /** from the highest minRatio down; the last starts at 0 */
  steps: ApprovalStep[];
}

/** The roles that approve discounts, from the least to the most senior: a step's role is never junior to the one before. */
export const APPROVER_ROLES: readonly Role[] = [Role.SALES_MANAGER, Role.TERRITORY_HEAD, Role.EXECUTIVE];

/** PRODUCT.md: free at 95% of list and above; from 50% the sales manager; from 45% the territory head; below, an executive. */
export const DEFAULT_POLICY: ApprovalPolicy = {
  freeRatio: "0.9500",
  steps: [
    { minRatio: "0.5000", role: Role.SALES_MANAGER },
    { minRatio: "0.4500", role: Role.TERRITORY_HEAD },
    { minRatio: "0.0000", role: Role.EXECUTIVE },
  ],
};

/** The owner of a quote as the chain sees them: their role, and their own manager's. */
export interface QuoteOwner {
  role: Role;
  managerRole: Role | null;
}

/** Whether someone in `role` can stand above `owner` (src/access/hierarchy.ts isAbove): the sales manager step is the owner's own manager. */
function decidable(role: Role, owner: QuoteOwner): boolean {
  switch (role) {
    case Role.SALES_MANAGER:
      return owner.managerRole === Role.SALES_MANAGER && !APPROVER_ROLES.includes(owner.role);
    case Role.TERRITORY_HEAD:
      return owner.role !== Role.TERRITORY_HEAD && owner.role !== Role.EXECUTIVE;
    default:
      // An executive's own quote goes to another executive.
      return true;
  }
}

/** The approval a ratio needs: its step (1 = the first of the policy) and role, or null when it is free. */
export interface RequiredApproval {
  step: number;
  role: Role;
}

/**
 * The approval a quote at `ratio` needs under `policy`, or null when none: the step the ratio falls
 * in (boundaries belong to the step they start: 0.50 is the manager's, 0.4999 the head's). Nobody
 * approves their own quote: when nobody in the step's role stands above the owner (a manager's own
 * quote, a rep reporting to no sales manager), it goes to the next step up, and past the policy's
 * last step to an executive.
 */
export function requiredApproval(ratio: string, policy: ApprovalPolicy, owner: QuoteOwner): RequiredApproval | null {
  if (ratioAtLeast(ratio, policy.freeRatio)) return null;
  const first = policy.steps.findIndex((step) => ratioAtLeast(ratio, step.minRatio));
  for (let i = first < 0 ? policy.steps.length - 1 : first; i < policy.steps.length; i++) {
    if (decidable(policy.steps[i].role, owner)) return { step: i + 1, role: policy.steps[i].role };
  }
  return { step: policy.steps.length + 1, role: Role.EXECUTIVE };
}
