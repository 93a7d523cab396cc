import { Tier } from "../accounts";
import { DEFAULT_SLA, dueTimes, mayReopen, minutesBetween, targetFor, type SlaRule } from "./sla";
import { TicketPriority } from "./ticket.entity";

const CREATED = new Date("2026-03-02T09:00:00.000Z");
const HOURS = { URGENT: [1, 8], HIGH: [4, 24], NORMAL: [8, 72], LOW: [24, 120] } as const;

describe("SLA targets and due times (PRODUCT.md, Service desk)", () => {
  it("gives the defaults for every priority × tier, due from creation on fixed dates", () => {
    for (const priority of Object.values(TicketPriority)) {
      for (const tier of Object.values(Tier)) {
        const target = targetFor([], priority, tier);
        expect(target.source).toBe("DEFAULT");
        const [first, resolution] = HOURS[priority];
        const due = dueTimes(CREATED, target, 0);
        expect(due.firstResponseDueAt).toEqual(new Date(CREATED.getTime() + first * 3600_000));
        expect(due.resolutionDueAt).toEqual(new Date(CREATED.getTime() + resolution * 3600_000));
      }
    }
    expect(dueTimes(CREATED, DEFAULT_SLA.URGENT, 0).resolutionDueAt.toISOString()).toBe("2026-03-02T17:00:00.000Z");
    expect(dueTimes(CREATED, DEFAULT_SLA.LOW, 0).resolutionDueAt.toISOString()).toBe("2026-03-07T09:00:00.000Z");
  });

  it("takes a territory's rule for the tier over its rule for every tier over the default", () => {
    const rules: SlaRule[] = [
      { priority: TicketPriority.HIGH, tier: null, firstResponseMinutes: 60, resolutionMinutes: 600 },
      { priority: TicketPriority.HIGH, tier: Tier.STRATEGIC, firstResponseMinutes: 30, resolutionMinutes: 240 },
    ];
    expect(targetFor(rules, TicketPriority.HIGH, Tier.STRATEGIC)).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 240, source: "TIER" });
    expect(targetFor(rules, TicketPriority.HIGH, Tier.RETAIL)).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 600, source: "ALL_TIERS" });
    expect(targetFor(rules, TicketPriority.LOW, Tier.STRATEGIC)).toEqual({ firstResponseMinutes: 1440, resolutionMinutes: 7200, source: "DEFAULT" });
    expect(dueTimes(CREATED, targetFor(rules, TicketPriority.HIGH, Tier.STRATEGIC), 0).resolutionDueAt.toISOString()).toBe("2026-03-02T13:00:00.000Z");
  });

  it("moves the due times by the minutes the clocks stood still, the first response only by those before it", () => {
    const due = dueTimes(CREATED, DEFAULT_SLA.NORMAL, 90, 30);
    expect(due.firstResponseDueAt.toISOString()).toBe("2026-03-02T17:30:00.000Z");
    expect(due.resolutionDueAt.toISOString()).toBe("2026-03-05T10:30:00.000Z");
    expect(minutesBetween(new Date("2026-03-02T09:00:00Z"), new Date("2026-03-02T10:30:59Z"))).toBe(90);
  });

  it("allows a reopen up to 30 days after resolution, that moment included, and not a minute later", () => {
    const resolved = new Date("2026-03-02T09:00:00.000Z");
    expect(mayReopen(resolved, new Date("2026-04-01T09:00:00.000Z"))).toBe(true);
    expect(mayReopen(resolved, new Date("2026-04-01T09:01:00.000Z"))).toBe(false);
  });
});
