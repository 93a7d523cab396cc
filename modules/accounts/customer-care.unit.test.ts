import type { Context } from "../../src/context";
import { Contact } from "./contact.entity";
import { CareReminderKind, careReminders } from "./customer-care";

/**
 * The birthday window of the customer-care list (modules/accounts/customer-care.ts), leap days
 * included. careReminders reads contacts and holidays from the database, so it is not pure: here
 * both queries are stubbed, the contacts one answering with the contacts whose month-day the
 * function asks for. What is tested is its own rule: which month-days it asks for and on which date
 * it shows each birthday; which contacts are in reach, and the SQL, are follow-up.test.ts's.
 */

type Params = Record<string, unknown>;

/** A query builder that takes any chain of calls, keeps the named parameters and answers getMany with `rows(parameters)`. */
function queryBuilder(rows: (params: Params) => unknown[]): unknown {
  const params: Params = {};
  const qb: unknown = new Proxy(
    {},
    {
      get: (_, prop) => {
        if (prop === "then") return undefined;
        if (prop === "getMany") return async () => rows(params);
        return (...args: unknown[]) => {
          for (const arg of args) if (arg && typeof arg === "object" && Object.getPrototypeOf(arg) === Object.prototype) Object.assign(params, arg);
          return qb;
        };
      },
    },
  );
  return qb;
}

/** Birthdays as stored: month * 100 + day. */
const contacts = (...birthdays: [string, number][]) =>
  birthdays.map(([name, birthMonthDay]) => Object.assign(new Contact(), { id: birthMonthDay, name, birthMonthDay, accountId: 1, account: { id: 1, name: "Acme" } }));

/** Runs careReminders on `today` with these contacts; returns the month-days it asked for, the holiday range and its birthdays as [name, date]. */
async function remind(today: string, days: number, people: Contact[]) {
  let asked: number[] = [];
  let holidays: Params = {};
  const ctx = {
    viewer: null,
    scope: { apply: (qb: unknown) => qb },
    db: {
      getRepository: (entity: unknown) => ({
        createQueryBuilder: () =>
          entity === Contact
            ? queryBuilder((params) => {
                asked = params.mds as number[];
                return people.filter((c) => asked.includes(c.birthMonthDay!));
              })
            : queryBuilder((params) => {
                holidays = params;
                return [];
              }),
      }),
    },
  } as unknown as Context;
  const reminders = await careReminders(ctx, days, new Date(today));
  for (const r of reminders) expect(r.kind).toBe(CareReminderKind.BIRTHDAY);
  return { asked: [...asked].sort((a, b) => a - b), holidays, birthdays: reminders.map((r) => [r.contact!.name, r.date]) };
}

const everyone = contacts(["Feb 27", 227], ["Feb 28", 228], ["Leap Day", 229], ["Mar 1", 301], ["Mar 2", 302], ["Dec 31", 1231], ["Jan 1", 101], ["Jan 3", 103]);

describe("careReminders' birthday window", () => {
  it("shows a 29 February birthday on 28 February in a year without one", async () => {
    const r = await remind("2027-02-27T10:00:00Z", 2, everyone);
    expect(r.asked).toEqual([227, 228, 229, 301]);
    expect(r.birthdays).toEqual([
      ["Feb 27", "2027-02-27"],
      ["Feb 28", "2027-02-28"],
      ["Leap Day", "2027-02-28"],
      ["Mar 1", "2027-03-01"],
    ]);
  });

  it("shows it on its own day in a leap year, not on 28 February", async () => {
    const r = await remind("2028-02-27T10:00:00Z", 3, everyone);
    expect(r.asked).toEqual([227, 228, 229, 301]);
    expect(r.birthdays).toEqual([
      ["Feb 27", "2028-02-27"],
      ["Feb 28", "2028-02-28"],
      ["Leap Day", "2028-02-29"],
      ["Mar 1", "2028-03-01"],
    ]);
  });

  it("follows the Gregorian rule: 2100 has no 29 February, 2000 had one", async () => {
    expect((await remind("2100-02-28T00:00:00Z", 0, everyone)).birthdays).toEqual([
      ["Feb 28", "2100-02-28"],
      ["Leap Day", "2100-02-28"],
    ]);
    expect((await remind("2000-02-28T00:00:00Z", 0, everyone)).birthdays).toEqual([["Feb 28", "2000-02-28"]]);
  });

  it("does not show a 29 February birthday when 28 February is outside the window", async () => {
    const r = await remind("2027-03-01T00:00:00Z", 1, everyone);
    expect(r.asked).toEqual([301, 302]);
    expect(r.birthdays).toEqual([
      ["Mar 1", "2027-03-01"],
      ["Mar 2", "2027-03-02"],
    ]);
  });

  it("runs from today to `days` ahead by the UTC calendar, across the year's end", async () => {
    const r = await remind("2026-12-31T23:30:00Z", 2, everyone);
    expect(r.asked).toEqual([101, 102, 1231]);
    expect(r.birthdays).toEqual([
      ["Dec 31", "2026-12-31"],
      ["Jan 1", "2027-01-01"],
    ]);
    expect(r.holidays).toMatchObject({ from: "2026-12-31", to: "2027-01-02" });
  });

  it("with 0 days is today only", async () => {
    const r = await remind("2027-01-03T08:00:00Z", 0, everyone);
    expect(r.asked).toEqual([103]);
    expect(r.birthdays).toEqual([["Jan 3", "2027-01-03"]]);
  });
});
