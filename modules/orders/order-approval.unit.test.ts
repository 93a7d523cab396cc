import { Role } from "../../src/access/roles";
import { RiskGrade } from "../accounts";
import { DEFAULT_ORDER_POLICY, needsPrepayment, orderApprovalChain, type OrderOwner } from "./order-approval";
import { ContractTemplate } from "./order.entity";

const rep: OrderOwner = { role: Role.SALES_REP, managerRole: Role.SALES_MANAGER };
const chain = (amount: string, netRatio: string, template = ContractTemplate.STANDARD, overCreditLimit = false, owner = rep) =>
  orderApprovalChain({ amount, netRatio, template, overCreditLimit }, DEFAULT_ORDER_POLICY, owner);
const COUNTERSIGN = [Role.BUSINESS_MANAGER, Role.TERRITORY_HEAD, Role.EXECUTIVE];

describe("the order approval chain (PRODUCT.md)", () => {
  it("leaves a standard order within the limits to the sales manager, boundaries included", () => {
    expect(chain("200000.00", "0.4500")).toEqual([Role.SALES_MANAGER]);
    expect(chain("200000.01", "0.4500")).toEqual(COUNTERSIGN);
    expect(chain("200000.00", "0.4499")).toEqual(COUNTERSIGN);
    expect(chain("100.00", "1.0000", ContractTemplate.CUSTOM)).toEqual(COUNTERSIGN);
  });

  it("ends with an executive over the credit limit, whatever else applies", () => {
    expect(chain("100.00", "1.0000", ContractTemplate.STANDARD, true)).toEqual([Role.SALES_MANAGER, Role.EXECUTIVE]);
    expect(chain("300000.00", "1.0000", ContractTemplate.STANDARD, true)).toEqual(COUNTERSIGN);
  });

  it("never lets the owner decide: a manager's or head's own order takes the countersign chain without their step", () => {
    expect(chain("100.00", "1.0000", ContractTemplate.STANDARD, false, { role: Role.SALES_MANAGER, managerRole: Role.TERRITORY_HEAD })).toEqual(COUNTERSIGN);
    expect(chain("100.00", "1.0000", ContractTemplate.STANDARD, false, { role: Role.TERRITORY_HEAD, managerRole: null })).toEqual([Role.BUSINESS_MANAGER, Role.EXECUTIVE]);
    expect(chain("100.00", "1.0000", ContractTemplate.STANDARD, false, { role: Role.BUSINESS_MANAGER, managerRole: Role.TERRITORY_HEAD })).toEqual([Role.TERRITORY_HEAD, Role.EXECUTIVE]);
  });

  it("asks prepayment of HIGH risk accounts only, by default", () => {
    expect([RiskGrade.LOW, RiskGrade.MEDIUM, RiskGrade.HIGH, null].map((g) => needsPrepayment(g, DEFAULT_ORDER_POLICY))).toEqual([false, false, true, false]);
  });
});
