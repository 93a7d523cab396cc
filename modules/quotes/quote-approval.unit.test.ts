import { Role } from "../../src/access/roles";
import { DEFAULT_POLICY, requiredApproval, type ApprovalPolicy, type QuoteOwner } from "./quote-approval";

const rep: QuoteOwner = { role: Role.SALES_REP, managerRole: Role.SALES_MANAGER };
const manager: QuoteOwner = { role: Role.SALES_MANAGER, managerRole: Role.TERRITORY_HEAD };
const head: QuoteOwner = { role: Role.TERRITORY_HEAD, managerRole: null };
const exec: QuoteOwner = { role: Role.EXECUTIVE, managerRole: null };
const ops: QuoteOwner = { role: Role.BUSINESS_MANAGER, managerRole: Role.TERRITORY_HEAD };

describe("requiredApproval (the default chain)", () => {
  it.each([
    ["1.2000", null],
    ["1.0000", null],
    ["0.9500", null],
    ["0.9499", Role.SALES_MANAGER],
    ["0.5001", Role.SALES_MANAGER],
    ["0.5000", Role.SALES_MANAGER],
    ["0.4999", Role.TERRITORY_HEAD],
    ["0.4500", Role.TERRITORY_HEAD],
    ["0.4499", Role.EXECUTIVE],
    ["0.0000", Role.EXECUTIVE],
  ])("sends a rep's quote at %s to %s", (ratio, role) => {
    expect(requiredApproval(ratio, DEFAULT_POLICY, rep)?.role ?? null).toBe(role);
  });

  it("numbers the steps as the policy orders them", () => {
    expect(requiredApproval("0.6000", DEFAULT_POLICY, rep)).toEqual({ step: 1, role: Role.SALES_MANAGER });
    expect(requiredApproval("0.4600", DEFAULT_POLICY, rep)).toEqual({ step: 2, role: Role.TERRITORY_HEAD });
    expect(requiredApproval("0.1000", DEFAULT_POLICY, rep)).toEqual({ step: 3, role: Role.EXECUTIVE });
  });

  it("never lets anyone approve their own quote: it goes to the next step up", () => {
    expect(requiredApproval("0.6000", DEFAULT_POLICY, manager)).toEqual({ step: 2, role: Role.TERRITORY_HEAD });
    expect(requiredApproval("0.6000", DEFAULT_POLICY, head)).toEqual({ step: 3, role: Role.EXECUTIVE });
    expect(requiredApproval("0.4600", DEFAULT_POLICY, head)).toEqual({ step: 3, role: Role.EXECUTIVE });
    expect(requiredApproval("0.6000", DEFAULT_POLICY, exec)).toEqual({ step: 3, role: Role.EXECUTIVE });
    // A business manager reports to the head, not to a sales manager.
    expect(requiredApproval("0.6000", DEFAULT_POLICY, ops)).toEqual({ step: 2, role: Role.TERRITORY_HEAD });
  });

  it("follows a changed policy, and goes to an executive past a policy's last step", () => {
    const policy: ApprovalPolicy = { freeRatio: "0.9000", steps: [{ minRatio: "0.7000", role: Role.SALES_MANAGER }, { minRatio: "0.0000", role: Role.TERRITORY_HEAD }] };
    expect(requiredApproval("0.9000", policy, rep)).toBeNull();
    expect(requiredApproval("0.8999", policy, rep)?.role).toBe(Role.SALES_MANAGER);
    expect(requiredApproval("0.7000", policy, rep)?.role).toBe(Role.SALES_MANAGER);
    expect(requiredApproval("0.6999", policy, rep)?.role).toBe(Role.TERRITORY_HEAD);
    expect(requiredApproval("0.6999", policy, head)).toEqual({ step: 3, role: Role.EXECUTIVE });
  });
});
