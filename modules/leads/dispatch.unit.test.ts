import { User } from "../../src/org/user.entity";
import { AssignmentRule } from "./assignment-rule.entity";
import { fit, nextInTurn, rankRules } from "./dispatch";

/**
 * The pure part of dispatch (modules/leads/dispatch.ts): how well a rule fits a lead, the order
 * of the rules, and whose turn it is in a team. chooseOwner itself reads the rules, users and the
 * team from the database and moves the turn with a versioned update: lead.test.ts covers it.
 */

let ids = 0;
const rule = (fields: Partial<AssignmentRule>): AssignmentRule =>
  Object.assign(new AssignmentRule(), { id: ++ids, territoryId: 1, region: null, industry: null, userId: 7, teamManagerId: null, priority: 100, lastAssignedUserId: null, version: 1, ...fields });
const lead = (territoryId: number | null, region: string | null = null, industry: string | null = null) => ({ territoryId, region, industry });
const member = (id: number) => Object.assign(new User(), { id });

describe("fit", () => {
  it("scores region and industry over one of them over the territory alone", () => {
    const l = lead(1, "Shanxi", "Steel");
    expect(fit(rule({ region: "Shanxi", industry: "Steel" }), l)).toBe(2);
    expect(fit(rule({ region: "Shanxi" }), l)).toBe(1);
    expect(fit(rule({ industry: "Steel" }), l)).toBe(1);
    expect(fit(rule({}), l)).toBe(0);
  });

  it("compares region and industry without case or surrounding spaces", () => {
    expect(fit(rule({ region: " shanxi " }), lead(1, "SHANXI"))).toBe(1);
    expect(fit(rule({ industry: "steel" }), lead(1, null, "  Steel"))).toBe(1);
    expect(fit(rule({ region: "Shanxi" }), lead(1, "Shan xi"))).toBe(-1);
  });

  it("does not fit a lead of another territory, of another region or industry, or without the region or industry it asks for", () => {
    expect(fit(rule({ territoryId: 2 }), lead(1))).toBe(-1);
    expect(fit(rule({ region: "Shanxi" }), lead(1, "Hebei"))).toBe(-1);
    expect(fit(rule({ industry: "Steel" }), lead(1, null, "Food"))).toBe(-1);
    expect(fit(rule({ region: "Shanxi" }), lead(1))).toBe(-1);
    expect(fit(rule({ region: "Shanxi", industry: "Steel" }), lead(1, "Shanxi", "Food"))).toBe(-1);
  });

  it("steers a lead without a territory by region or industry only, in any territory, never by 'any lead of territory X'", () => {
    expect(fit(rule({ territoryId: 2, region: "Shanxi" }), lead(null, "Shanxi"))).toBe(1);
    expect(fit(rule({ territoryId: 3, industry: "Steel" }), lead(null, null, "steel"))).toBe(1);
    expect(fit(rule({ territoryId: 2 }), lead(null, "Shanxi", "Steel"))).toBe(-1);
  });
});

describe("rankRules", () => {
  it("orders the fitting rules most specific first, then by lower priority number, then oldest (lowest id), and drops the others", () => {
    const territoryOnly = rule({ priority: 1 });
    const regionLate = rule({ region: "Shanxi", priority: 50 });
    const regionEarlyOld = rule({ region: "Shanxi", priority: 10 });
    const regionEarlyNew = rule({ region: "Shanxi", priority: 10 });
    const both = rule({ region: "Shanxi", industry: "Steel", priority: 999 });
    const otherTerritory = rule({ territoryId: 2, region: "Shanxi", industry: "Steel", priority: 1 });
    const otherRegion = rule({ region: "Hebei", priority: 1 });
    const ranked = rankRules([territoryOnly, regionLate, otherRegion, regionEarlyNew, otherTerritory, both, regionEarlyOld], lead(1, "Shanxi", "Steel"));
    expect(ranked.map((r) => r.id)).toEqual([both, regionEarlyOld, regionEarlyNew, regionLate, territoryOnly].map((r) => r.id));
  });

  it("returns nothing when no rule fits, and does not reorder the rules it was given", () => {
    const rules = [rule({ region: "Hebei" }), rule({ territoryId: 2 })];
    const before = [...rules];
    expect(rankRules(rules, lead(1, "Shanxi"))).toEqual([]);
    expect(rules).toEqual(before);
    expect(rankRules([], lead(1))).toEqual([]);
  });
});

describe("nextInTurn (the team's round-robin)", () => {
  const team = [member(11), member(12), member(13)];

  it("starts with the first member and gives each member one lead in turn, wrapping around", () => {
    const turns: number[] = [];
    let last: number | null = null;
    for (let i = 0; i < 7; i++) {
      last = nextInTurn(team, last).id;
      turns.push(last);
    }
    expect(turns).toEqual([11, 12, 13, 11, 12, 13, 11]);
  });

  it("goes on after the previous one even when that member has left the team (frozen, moved)", () => {
    expect(nextInTurn([member(11), member(13)], 12).id).toBe(13);
    expect(nextInTurn([member(11), member(12)], 13).id).toBe(11);
    expect(nextInTurn([member(20), member(30)], 5).id).toBe(20);
  });

  it("gives a team of one every lead", () => {
    expect(nextInTurn([member(11)], 11).id).toBe(11);
    expect(nextInTurn([member(11)], null).id).toBe(11);
  });
});
