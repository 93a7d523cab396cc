import { Tier } from "../accounts";
import { TicketPriority } from "./ticket.entity";

/**
 * The service-level rules of PRODUCT.md, "Service desk" (issue 13), as plain functions: what a
 * territory promises per priority and account tier, when a ticket is due, and how long it may be
 * reopened. Nothing else in the module knows these numbers.
 */

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

const HOUR = 60;

/** The defaults, for every tier unless a territory sets its own: URGENT 1h/8h, HIGH 4h/24h, NORMAL 8h/72h, LOW 24h/120h. */
export const DEFAULT_SLA: Record<TicketPriority, SlaTarget> = {
  [TicketPriority.URGENT]: { firstResponseMinutes: 1 * HOUR, resolutionMinutes: 8 * HOUR },
  [TicketPriority.HIGH]: { firstResponseMinutes: 4 * HOUR, resolutionMinutes: 24 * HOUR },
  [TicketPriority.NORMAL]: { firstResponseMinutes: 8 * HOUR, resolutionMinutes: 72 * HOUR },
  [TicketPriority.LOW]: { firstResponseMinutes: 24 * HOUR, resolutionMinutes: 120 * HOUR },
};

/** A territory's own target: for one tier, or for every tier (`tier` null). */
export interface SlaRule extends SlaTarget {
  priority: TicketPriority;
  tier: Tier | null;
}

/** The target of a priority and tier: the territory's rule for that tier, else its rule for every tier, else the default. */
export function targetFor(rules: readonly SlaRule[], priority: TicketPriority, tier: Tier): SlaTarget & { source: "TIER" | "ALL_TIERS" | "DEFAULT" } {
  const own = rules.find((r) => r.priority === priority && r.tier === tier);
  if (own) return { firstResponseMinutes: own.firstResponseMinutes, resolutionMinutes: own.resolutionMinutes, source: "TIER" };
  const all = rules.find((r) => r.priority === priority && r.tier === null);
  if (all) return { firstResponseMinutes: all.firstResponseMinutes, resolutionMinutes: all.resolutionMinutes, source: "ALL_TIERS" };
  return { ...DEFAULT_SLA[priority], source: "DEFAULT" };
}

const MINUTE = 60_000;
const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);

/** Whole minutes from `from` to `to` (a clock that stood still that long); never negative. */
export const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / MINUTE));

/**
 * The due times of a ticket: from its creation, plus the target, plus the minutes its clocks stood
 * still. The first-response clock counts only the pauses before the first response (`pausedBeforeResponse`);
 * once answered, its due time no longer matters and stays as it was.
 */
export function dueTimes(createdAt: Date, target: SlaTarget, pausedMinutes: number, pausedBeforeResponse = pausedMinutes): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return {
    firstResponseDueAt: addMinutes(createdAt, target.firstResponseMinutes + pausedBeforeResponse),
    resolutionDueAt: addMinutes(createdAt, target.resolutionMinutes + pausedMinutes),
  };
}

/** A RESOLVED or CLOSED ticket may be reopened up to 30 days after it was resolved or closed (the later of the two), that moment included. */
export const REOPEN_WINDOW_DAYS = 30;

export function mayReopen(stoppedAt: Date, now: Date): boolean {
  return now.getTime() - stoppedAt.getTime() <= REOPEN_WINDOW_DAYS * 24 * 60 * MINUTE;
}

/** Satisfaction is a whole score from 1 (poor) to 5 (excellent). */
export const SATISFACTION = { min: 1, max: 5 } as const;
