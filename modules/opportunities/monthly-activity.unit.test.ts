import { activityClockChanges, isStale, MONTHLY_ACTIVITY_DAYS, staleBefore } from "./monthly-activity";

/** "At least one activity a month" (modules/opportunities/monthly-activity.ts), for leads and opportunities alike. */

const DAY = 24 * 3600_000;
const asOf = new Date("2027-03-01T12:00:00Z");
const daysBefore = (days: number, ms = 0) => new Date(asOf.getTime() - days * DAY - ms);

describe("monthly staleness", () => {
  it("is 30 days", () => {
    expect(MONTHLY_ACTIVITY_DAYS).toBe(30);
    expect(staleBefore(asOf)).toEqual(daysBefore(30));
  });

  it("flags an open record whose clock is more than 30 days before the moment asked about, not one at 30 days exactly", () => {
    expect(isStale(daysBefore(29), true, asOf)).toBe(false);
    expect(isStale(daysBefore(30), true, asOf)).toBe(false);
    expect(isStale(daysBefore(30, 1), true, asOf)).toBe(true);
    expect(isStale(daysBefore(400), true, asOf)).toBe(true);
  });

  it("never flags a closed record", () => {
    expect(isStale(daysBefore(400), false, asOf)).toBe(false);
  });

  it("is computed for the moment asked about: a record goes stale as that moment moves on", () => {
    const clock = daysBefore(20);
    expect(isStale(clock, true, asOf)).toBe(false);
    expect(isStale(clock, true, new Date(asOf.getTime() + 10 * DAY + 1))).toBe(true);
    // A clock after the moment asked about (a record entered later) is not stale then.
    expect(isStale(new Date(asOf.getTime() + DAY), true, asOf)).toBe(false);
  });
});

describe("activityClockChanges", () => {
  it("changes nothing for an activity that is not done (a planned one is no contact)", () => {
    expect(activityClockChanges({ activityClockAt: daysBefore(40), lastActivityAt: null }, null)).toBeNull();
  });

  it("moves the last activity and the clock forward to a done activity", () => {
    const doneAt = daysBefore(1);
    expect(activityClockChanges({ activityClockAt: daysBefore(40), lastActivityAt: null }, doneAt)).toEqual({ lastActivityAt: doneAt, activityClockAt: doneAt });
    expect(activityClockChanges({ activityClockAt: daysBefore(40), lastActivityAt: daysBefore(40) }, doneAt)).toEqual({ lastActivityAt: doneAt, activityClockAt: doneAt });
  });

  it("never moves them back for an activity logged late, done before what the record has", () => {
    const clock = daysBefore(5);
    const last = daysBefore(3);
    expect(activityClockChanges({ activityClockAt: clock, lastActivityAt: last }, daysBefore(10))).toEqual({ lastActivityAt: last, activityClockAt: clock });
    // Between the two: the last activity stays, the clock (which started when the record came in) moves.
    expect(activityClockChanges({ activityClockAt: daysBefore(5), lastActivityAt: daysBefore(1) }, daysBefore(4))).toEqual({ lastActivityAt: daysBefore(1), activityClockAt: daysBefore(4) });
    // A record with no activity yet whose clock is later than the activity (entered after it was done).
    expect(activityClockChanges({ activityClockAt: daysBefore(2), lastActivityAt: null }, daysBefore(6))).toEqual({ lastActivityAt: daysBefore(6), activityClockAt: daysBefore(2) });
  });
});
