import { isAbove, type Subordinate } from "./hierarchy";
import { Role } from "./roles";
import type { Viewer } from "./viewer";

/** Who stands above whom (src/access/hierarchy.ts): who confirms or rejects a close request. */

const COAL = 1;
const FOOD = 2;

const viewer = (id: number, role: Role, territoryId: number | null, fields: Partial<Viewer> = {}): Viewer => ({
  kind: "user",
  id,
  name: `user ${id}`,
  role,
  territoryId,
  territoryIds: territoryId === null ? [] : [territoryId],
  teamIds: [id],
  ...fields,
});
const person = (id: number, role: Role, territoryId: number | null, managerId: number | null = null): Subordinate => ({ id, role, territoryId, managerId });

const exec = viewer(1, Role.EXECUTIVE, null);
const headCoal = viewer(2, Role.TERRITORY_HEAD, COAL);
const managerCoal = viewer(3, Role.SALES_MANAGER, COAL, { teamIds: [3, 4, 5] });

const repOfManager = person(4, Role.SALES_REP, COAL, 3);
const repOfAnotherManager = person(6, Role.SALES_REP, COAL, 9);
const foodRep = person(7, Role.SALES_REP, FOOD, 8);

describe("isAbove", () => {
  it("puts an executive above everyone else, another executive included, but never above themselves", () => {
    for (const p of [repOfManager, foodRep, person(2, Role.TERRITORY_HEAD, COAL), person(10, Role.EXECUTIVE, null), person(11, Role.SYSTEM_ADMIN, null)]) expect(isAbove(exec, p)).toBe(true);
    expect(isAbove(exec, person(1, Role.EXECUTIVE, null))).toBe(false);
  });

  it("puts a territory head above the staff of their territory below head, and no one else", () => {
    for (const role of [Role.SALES_MANAGER, Role.SALES_REP, Role.BUSINESS_MANAGER, Role.FINANCE, Role.SERVICE_AGENT, Role.MARKETER, Role.TERRITORY_ADMIN]) {
      expect({ role, above: isAbove(headCoal, person(20, role, COAL, 3)) }).toEqual({ role, above: true });
    }
    expect(isAbove(headCoal, repOfAnotherManager)).toBe(true);
    expect(isAbove(headCoal, person(21, Role.TERRITORY_HEAD, COAL))).toBe(false);
    expect(isAbove(headCoal, person(22, Role.EXECUTIVE, null))).toBe(false);
    expect(isAbove(headCoal, person(23, Role.EXECUTIVE, COAL))).toBe(false);
    expect(isAbove(headCoal, foodRep)).toBe(false);
    expect(isAbove(headCoal, person(24, Role.SYSTEM_ADMIN, null))).toBe(false);
    expect(isAbove(headCoal, person(2, Role.TERRITORY_HEAD, COAL))).toBe(false);
  });

  it("follows the head's territories, not only their home territory", () => {
    const headOfBoth = viewer(30, Role.TERRITORY_HEAD, COAL, { territoryIds: [COAL, FOOD] });
    expect(isAbove(headOfBoth, foodRep)).toBe(true);
  });

  it("puts a sales manager above the reps who report to them only", () => {
    expect(isAbove(managerCoal, repOfManager)).toBe(true);
    expect(isAbove(managerCoal, repOfAnotherManager)).toBe(false);
    expect(isAbove(managerCoal, person(12, Role.SALES_REP, COAL))).toBe(false);
    expect(isAbove(managerCoal, person(3, Role.SALES_MANAGER, COAL, 3))).toBe(false);
  });

  it("puts no other role above anyone, and no partner", () => {
    for (const role of [Role.SALES_REP, Role.BUSINESS_MANAGER, Role.FINANCE, Role.SERVICE_AGENT, Role.MARKETER, Role.TERRITORY_ADMIN, Role.SYSTEM_ADMIN]) {
      const v = viewer(40, role, COAL, { teamIds: [40, 4] });
      expect({ role, above: isAbove(v, person(4, Role.SALES_REP, COAL, 40)) }).toEqual({ role, above: false });
    }
    const partner: Viewer = { ...exec, kind: "partner", id: 50, role: Role.PARTNER };
    expect(isAbove(partner, repOfManager)).toBe(false);
    // A partner key's id is no user id: even an "executive" partner with the id of a user decides nothing.
    expect(isAbove({ ...exec, kind: "partner" }, repOfManager)).toBe(false);
  });
});
