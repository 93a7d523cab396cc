import { codes, startTestGateway, uniqueNames, type TestGateway } from "../../test/harness";
import { Account } from "./account.entity";
import { Activity } from "./activity.entity";

/**
 * The follow-up rule (docs/business-rules.md, "Follow-up rule"). Time passes by moving an account's data into
 * the past (`age`), and the sweep then runs as of now: a sweep may not run as of a later moment, so
 * nothing here waits for a clock or sweeps into the future. A sweep as of a past moment is allowed
 * and pins the exact boundaries. Claiming from the public pool and the customer-care reminders are
 * tested here too.
 */

let t: TestGateway;
let territoryIds: Record<"COAL" | "FOOD", string>;
beforeAll(async () => {
  t = await startTestGateway();
  territoryIds = await t.territoryIds();
});
afterAll(() => t.stop());

const uniqueName = uniqueNames();
const DAY = 86400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const DEFAULT_POLICY = { warnFirstDays: 30, warnSecondDays: 60, reclaimDays: 90, maxClaimedPerRep: 50, careReminderDays: 7 };

const SWEEP = `mutation($asOf: DateTimeISO!) { runFollowUpSweep(asOf: $asOf) { asOf warned30 warned60 reclaimed cleared } }`;
const STATE = `query($id: ID!) { account(id: $id) { id followUpState inPublicPool owner { id } lastContactAt version } }`;
const CLAIM = `mutation($id: ID!) { claimAccount(id: $id) { id owner { id } inPublicPool followUpState } }`;
const AUDIT = `query($id: ID!) { auditTrail(entityType: "Account", entityId: $id) { action actor changes } }`;
const SET_POLICY = `mutation($t: ID!, $input: FollowUpPolicyInput!) { setFollowUpPolicy(territoryId: $t, input: $input) { maxClaimedPerRep reclaimDays } }`;
const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id doneAt } }`;
const POOL = `{ accounts(first: 100, filter: { inPublicPool: true }) { edges { node { id owner { id } } } } }`;

/** An approved account owned by `email` (a rep's account, approved by the territory head); returns its id. */
async function ownedAccount(email: string): Promise<string> {
  const territory = email.includes(".coal@") ? "coal" : "food";
  const created = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id approvalStatus } }`, { input: { name: uniqueName("Quiet customer") } }, await t.token(email));
  expect(created.errors).toBeUndefined();
  const id = created.data.createAccount.id;
  if (created.data.createAccount.approvalStatus === "PENDING") {
    const approved = await t.gql(`mutation($id: ID!) { approveAccount(id: $id) { approvalStatus } }`, { id }, await t.token(`head.${territory}@demo.test`));
    expect(approved.data.approveAccount.approvalStatus).toBe("APPROVED");
  }
  return id;
}

/**
 * Moves an account's story `days` into the past, as if all of it had happened that long ago: its
 * own times (assigned, last contact, claimed, approved, created, updated) and those of its
 * activities. Written straight to the database, since no request may rewrite history; the dates
 * are computed here and bound as parameters, which both SQLite and MySQL store alike. Returns when
 * the current owner got the account, after the move.
 */
async function age(id: string, days: number): Promise<{ assignedAt: number }> {
  const back = (d: Date | null) => (d === null ? null : new Date(d.getTime() - days * DAY));
  return t.gateway.services.db.transaction(async (m) => {
    const a = await m.findOneByOrFail(Account, { id: Number(id) });
    const assignedAt = back(a.assignedAt)!;
    await m
      .createQueryBuilder()
      .update(Account)
      .set({ assignedAt, lastContactAt: back(a.lastContactAt), claimedAt: back(a.claimedAt), approvedAt: back(a.approvedAt), createdAt: back(a.createdAt)!, updatedAt: back(a.updatedAt)! })
      .where("id = :id", { id: a.id })
      .execute();
    for (const activity of await m.findBy(Activity, { accountId: a.id })) {
      await m
        .createQueryBuilder()
        .update(Activity)
        .set({ dueAt: back(activity.dueAt), doneAt: back(activity.doneAt), createdAt: back(activity.createdAt)! })
        .where("id = :id", { id: activity.id })
        .execute();
    }
    return { assignedAt: assignedAt.getTime() };
  });
}

/** Runs the sweep as `email`, as of `asOf`; by default as of now, taken just before the request. */
async function sweep(asOf?: string, email = "exec@demo.test") {
  const token = await t.token(email);
  const r = await t.gql(SWEEP, { asOf: asOf ?? new Date().toISOString() }, token);
  expect(r.errors).toBeUndefined();
  return r.data.runFollowUpSweep;
}

async function state(id: string, email = "head.coal@demo.test") {
  const r = await t.gql(STATE, { id }, await t.token(email));
  expect(r.errors).toBeUndefined();
  return r.data.account;
}

async function trail(id: string, email = "head.coal@demo.test"): Promise<{ action: string; actor: string; changes: unknown }[]> {
  const r = await t.gql(AUDIT, { id }, await t.token(email));
  expect(r.errors).toBeUndefined();
  return r.data.auditTrail;
}

describe("the follow-up sweep", () => {
  it("flags WARN_30 after 31 quiet days, WARN_60 after 61, and reclaims into the public pool after 91, audited", async () => {
    const rep = await t.userId("rep1.coal@demo.test");
    const exec = await t.userId("exec@demo.test");
    const id = await ownedAccount("rep1.coal@demo.test");
    expect(await state(id)).toMatchObject({ followUpState: "OK", inPublicPool: false, owner: { id: rep } });

    await age(id, 31);
    const at31 = await sweep();
    expect(at31.warned30).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toMatchObject({ followUpState: "WARN_30", inPublicPool: false, owner: { id: rep } });

    await age(id, 30);
    await sweep();
    expect(await state(id)).toMatchObject({ followUpState: "WARN_60", inPublicPool: false, owner: { id: rep } });

    await age(id, 30);
    const at91 = await sweep();
    expect(at91.reclaimed).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toMatchObject({ followUpState: "OK", inPublicPool: true, owner: null });

    // The former owner still sees it, now in the pool, like every rep of the territory.
    const pool = await t.gql(POOL, {}, await t.token("rep2.coal@demo.test"));
    expect(pool.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);

    const sweeps = (await trail(id, "manager.coal@demo.test")).filter((e) => e.actor === `user:${exec}`);
    expect(sweeps.map((e) => [e.action, e.changes])).toEqual([
      ["FOLLOW_UP", { followUpState: { from: "OK", to: "WARN_30" } }],
      ["FOLLOW_UP", { followUpState: { from: "WARN_30", to: "WARN_60" } }],
      ["RECLAIM", { ownerId: { from: Number(rep), to: null }, inPublicPool: { from: false, to: true } }],
    ]);
  });

  it("exactly 30, 60 and 90 quiet days are not yet past the periods; a millisecond more is", async () => {
    const id = await ownedAccount("rep1.coal@demo.test");
    const { assignedAt } = await age(id, 91);
    const at = (days: number, ms = 0) => new Date(assignedAt + days * DAY + ms).toISOString();

    await sweep(at(30));
    expect(await state(id)).toMatchObject({ followUpState: "OK", inPublicPool: false });
    await sweep(at(30, 1));
    expect(await state(id)).toMatchObject({ followUpState: "WARN_30", inPublicPool: false });
    await sweep(at(60));
    expect(await state(id)).toMatchObject({ followUpState: "WARN_30", inPublicPool: false });
    await sweep(at(60, 1));
    expect(await state(id)).toMatchObject({ followUpState: "WARN_60", inPublicPool: false });
    await sweep(at(90));
    expect(await state(id)).toMatchObject({ followUpState: "WARN_60", inPublicPool: false });
    await sweep(at(90, 1));
    expect(await state(id)).toMatchObject({ followUpState: "OK", inPublicPool: true, owner: null });
  });

  it("leaves accounts alone that were active within the period, and pending accounts", async () => {
    const id = await ownedAccount("manager.coal@demo.test");
    await age(id, 29);
    await sweep();
    expect((await state(id)).followUpState).toBe("OK");
    const pending = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id approvalStatus } }`, { input: { name: uniqueName("Pending quiet") } }, await t.token("rep2.coal@demo.test"));
    expect(pending.data.createAccount.approvalStatus).toBe("PENDING");
    await age(pending.data.createAccount.id, 120);
    await sweep();
    expect(await state(pending.data.createAccount.id)).toMatchObject({ followUpState: "OK", inPublicPool: false, owner: { id: await t.userId("rep2.coal@demo.test") } });
  });

  it("a logged activity clears the flag and restarts the clock; a planned one does not", async () => {
    const id = await ownedAccount("rep2.coal@demo.test");
    const rep = await t.token("rep2.coal@demo.test");
    await age(id, 31);
    await sweep();
    expect((await state(id)).followUpState).toBe("WARN_30");

    const planned = await t.gql(LOG, { input: { type: "TASK", subject: "Call back next week", accountId: id, dueAt: new Date(Date.now() + 7 * DAY).toISOString() } }, rep);
    expect(planned.errors).toBeUndefined();
    expect(planned.data.logActivity.doneAt).toBeNull();
    expect(await state(id)).toMatchObject({ followUpState: "WARN_30", lastContactAt: null });

    const call = await t.gql(LOG, { input: { type: "CALL", subject: "Checked the delivery plan", accountId: id } }, rep);
    expect(call.errors).toBeUndefined();
    const contactAt = Date.parse(call.data.logActivity.doneAt);
    const after = await state(id);
    expect(after.followUpState).toBe("OK");
    expect(Date.parse(after.lastContactAt)).toBe(contactAt);
    expect((await trail(id, "manager.coal@demo.test")).at(-1)).toMatchObject({
      action: "FOLLOW_UP",
      actor: `user:${await t.userId("rep2.coal@demo.test")}`,
      changes: { followUpState: { from: "WARN_30", to: "OK" } },
    });

    // 29 days after the call (60 after the account was assigned) it is still fine; 31 days after, it is flagged again.
    await age(id, 29);
    expect(Date.parse((await state(id)).lastContactAt)).toBe(contactAt - 29 * DAY);
    await sweep();
    expect((await state(id)).followUpState).toBe("OK");
    await age(id, 2);
    await sweep();
    expect((await state(id)).followUpState).toBe("WARN_30");
  });

  it("keeps the latest contact time when activities with different times are logged at once", async () => {
    const id = await ownedAccount("rep2.coal@demo.test");
    const rep = await t.token("rep2.coal@demo.test");
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const logs = await Promise.all([5, 1, 4, 2, 3].map((h) => t.gql(LOG, { input: { type: "CALL", subject: `Call ${h} hours ago`, accountId: id, doneAt: hoursAgo(h) } }, rep)));
    expect(logs.flatMap((r) => r.errors ?? [])).toEqual([]);
    const latest = Math.max(...logs.map((r) => Date.parse(r.data.logActivity.doneAt)));
    expect(Date.parse((await state(id)).lastContactAt)).toBe(latest);
    expect((await t.gql(LOG, { input: { type: "NOTE", subject: "Late note of an old call", accountId: id, doneAt: hoursAgo(30) } }, rep)).errors).toBeUndefined();
    expect(Date.parse((await state(id)).lastContactAt)).toBe(latest);
  });

  it("the sweep clears a flag itself once the account is inside the period again", async () => {
    const id = await ownedAccount("rep2.coal@demo.test");
    await age(id, 31);
    await sweep();
    expect((await state(id)).followUpState).toBe("WARN_30");
    // As of three weeks ago the account had been quiet for only ten days.
    const earlier = await sweep(daysAgo(21));
    expect(earlier.cleared).toBeGreaterThanOrEqual(1);
    expect((await state(id)).followUpState).toBe("OK");
  });

  it("follows each territory's own configured periods", async () => {
    const head = await t.token("head.food@demo.test");
    const short = { ...DEFAULT_POLICY, warnFirstDays: 5, warnSecondDays: 10, reclaimDays: 15 };
    expect((await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: short }, head)).errors).toBeUndefined();
    try {
      const food = await ownedAccount("rep1.food@demo.test");
      const coal = await ownedAccount("rep1.coal@demo.test");
      const ageBoth = async (days: number) => {
        await age(food, days);
        await age(coal, days);
      };
      await ageBoth(6);
      await sweep();
      expect((await state(food, "head.food@demo.test")).followUpState).toBe("WARN_30");
      expect((await state(coal)).followUpState).toBe("OK");
      await ageBoth(5);
      await sweep();
      expect((await state(food, "head.food@demo.test")).followUpState).toBe("WARN_60");
      await ageBoth(5);
      await sweep();
      expect(await state(food, "head.food@demo.test")).toMatchObject({ inPublicPool: true, owner: null });
      expect(await state(coal)).toMatchObject({ followUpState: "OK", inPublicPool: false });
    } finally {
      await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: DEFAULT_POLICY }, head);
    }
  });

  it("is run by executives and system admins only; a head configures only their own territory", async () => {
    const asOf = new Date().toISOString();
    for (const email of ["head.coal@demo.test", "manager.coal@demo.test", "rep1.coal@demo.test", "admin.coal@demo.test"]) {
      expect(codes(await t.gql(SWEEP, { asOf }, await t.token(email)))).toEqual(["FORBIDDEN"]);
    }
    expect((await t.gql(SWEEP, { asOf }, await t.token("sysadmin@demo.test"))).errors).toBeUndefined();
    const other = await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: DEFAULT_POLICY }, await t.token("head.coal@demo.test"));
    expect(codes(other)).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(SET_POLICY, { t: territoryIds.COAL, input: DEFAULT_POLICY }, await t.token("manager.coal@demo.test")))).toEqual(["FORBIDDEN"]);
  });

  it("refuses to run as of a moment later than now, and changes nothing", async () => {
    const rep = await t.userId("rep1.coal@demo.test");
    const id = await ownedAccount("rep1.coal@demo.test");
    await age(id, 91);
    const before = await state(id);
    expect(before).toMatchObject({ followUpState: "OK", inPublicPool: false, owner: { id: rep } });

    for (const email of ["exec@demo.test", "sysadmin@demo.test"]) {
      const token = await t.token(email);
      for (const asOf of [new Date(Date.now() + 60_000).toISOString(), "2099-01-01T00:00:00Z"]) {
        const refused = await t.gql(SWEEP, { asOf }, token);
        expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
        expect(refused.errors![0].extensions!.field).toBe("asOf");
        expect(refused.data).toBeNull();
      }
    }

    expect(await state(id)).toEqual(before);
    const pool = await t.gql(POOL, {}, await t.token("rep2.coal@demo.test"));
    expect(pool.errors).toBeUndefined();
    expect(pool.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    const actions = (await trail(id, "exec@demo.test")).map((e) => e.action);
    expect(actions).not.toContain("RECLAIM");
    expect(actions).not.toContain("FOLLOW_UP");

    // It was due: swept as of now, it goes to the pool.
    expect((await sweep()).reclaimed).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toMatchObject({ inPublicPool: true, owner: null });
    expect((await trail(id, "exec@demo.test")).map((e) => e.action)).toContain("RECLAIM");
  });

  it("runs as of exactly now", async () => {
    const id = await ownedAccount("rep1.coal@demo.test");
    await age(id, 91);
    const token = await t.token("exec@demo.test");
    const asOf = new Date().toISOString();
    const r = await t.gql(SWEEP, { asOf }, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.runFollowUpSweep.asOf).toBe(asOf);
    expect(r.data.runFollowUpSweep.reclaimed).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toMatchObject({ inPublicPool: true, owner: null });
  });

  it("audits the changes of a sweep as the caller who ran it: the executive, or a system admin", async () => {
    const rep = await t.userId("rep1.coal@demo.test");
    for (const email of ["exec@demo.test", "sysadmin@demo.test"]) {
      const actor = `user:${await t.userId(email)}`;
      const id = await ownedAccount("rep1.coal@demo.test");
      await age(id, 31);
      await sweep(undefined, email);
      expect((await state(id)).followUpState).toBe("WARN_30");
      await age(id, 60);
      await sweep(undefined, email);
      expect(await state(id)).toMatchObject({ inPublicPool: true, owner: null });

      // A system admin may run sweeps but not read audit trails: the head reads it.
      const entries = await trail(id);
      expect(entries.map((e) => e.actor)).not.toContain("system");
      expect(entries.filter((e) => e.action === "FOLLOW_UP" || e.action === "RECLAIM")).toEqual([
        { action: "FOLLOW_UP", actor, changes: { followUpState: { from: "OK", to: "WARN_30" } } },
        { action: "RECLAIM", actor, changes: { ownerId: { from: Number(rep), to: null }, inPublicPool: { from: false, to: true } } },
      ]);
    }
  });
});

describe("claiming from the public pool", () => {
  it("a rep of the territory claims a reclaimed account; a rep of another territory cannot find it", async () => {
    const id = await ownedAccount("rep1.coal@demo.test");
    await age(id, 91);
    await sweep();
    expect(await state(id)).toMatchObject({ inPublicPool: true, owner: null });

    const foreign = await t.gql(CLAIM, { id }, await t.token("rep1.food@demo.test"));
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(foreign).toEqual({ ...(await t.gql(CLAIM, { id: "987654" }, await t.token("rep1.food@demo.test"))), errors: [expect.objectContaining({ extensions: { code: "NOT_FOUND" } })] });
    expect(codes(await t.gql(CLAIM, { id }, await t.token("manager.coal@demo.test")))).toEqual(["FORBIDDEN"]);

    const rep2 = await t.userId("rep2.coal@demo.test");
    const claimed = await t.gql(CLAIM, { id }, await t.token("rep2.coal@demo.test"));
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data.claimAccount).toEqual({ id, owner: { id: rep2 }, inPublicPool: false, followUpState: "OK" });
    // Out of the pool, it left the former owner's reach.
    expect((await t.gql(STATE, { id }, await t.token("rep1.coal@demo.test"))).data.account).toBeNull();
    const again = await t.gql(CLAIM, { id }, await t.token("rep2.coal@demo.test"));
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors![0].extensions!.reason).toBe("NOT_IN_POOL");
    expect((await trail(id)).at(-1)).toMatchObject({ action: "CLAIM", actor: `user:${rep2}`, changes: { ownerId: { from: null, to: Number(rep2) } } });
  });

  it("refuses a claim beyond the territory's limit with CONFLICT", async () => {
    const head = await t.token("head.coal@demo.test");
    const rep = await t.token("rep1.coal@demo.test");
    const pool = await t.gql(`{ accounts(first: 2, filter: { inPublicPool: true }) { edges { node { id } } } }`, {}, rep);
    const [first, second] = pool.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(second).toBeDefined();
    const set = await t.gql(SET_POLICY, { t: territoryIds.COAL, input: { ...DEFAULT_POLICY, maxClaimedPerRep: 1 } }, head);
    expect(set.data.setFollowUpPolicy.maxClaimedPerRep).toBe(1);
    try {
      expect((await t.gql(CLAIM, { id: first }, rep)).errors).toBeUndefined();
      const over = await t.gql(CLAIM, { id: second }, rep);
      expect(codes(over)).toEqual(["CONFLICT"]);
      expect(over.errors![0].message).toMatch(/limit is 1/);
      expect(over.errors![0].extensions!.reason).toBe("CLAIM_LIMIT");
      expect(await state(second)).toMatchObject({ inPublicPool: true, owner: null });
    } finally {
      await t.gql(SET_POLICY, { t: territoryIds.COAL, input: DEFAULT_POLICY }, head);
    }
    expect((await t.gql(CLAIM, { id: second }, rep)).data.claimAccount.inPublicPool).toBe(false);
  });

  it("holds the limit against claims sent at once", async () => {
    const accounts: string[] = [];
    for (let i = 0; i < 6; i++) accounts.push(await ownedAccount("rep1.food@demo.test"));
    for (const id of accounts) await age(id, 91);
    await sweep();
    const head = await t.token("head.food@demo.test");
    expect((await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: { ...DEFAULT_POLICY, maxClaimedPerRep: 2 } }, head)).errors).toBeUndefined();
    try {
      const rep = await t.token("rep2.food@demo.test");
      const claims = await Promise.all(accounts.map((id) => t.gql(CLAIM, { id }, rep)));
      expect(claims.filter((r) => !r.errors)).toHaveLength(2);
      for (const refused of claims.filter((r) => r.errors)) {
        expect(codes(refused)).toEqual(["CONFLICT"]);
        expect(refused.errors![0].message).toMatch(/limit is 2/);
      }
      const owners = await Promise.all(accounts.map(async (id) => (await state(id, "head.food@demo.test")).owner?.id ?? null));
      expect(owners.filter((owner) => owner !== null)).toEqual([await t.userId("rep2.food@demo.test"), await t.userId("rep2.food@demo.test")]);
    } finally {
      await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: DEFAULT_POLICY }, head);
    }
  });

  it("refuses claiming an account that is not in the pool", async () => {
    const id = await ownedAccount("rep2.coal@demo.test");
    expect(codes(await t.gql(CLAIM, { id }, await t.token("rep2.coal@demo.test")))).toEqual(["CONFLICT"]);
  });
});

describe("customer care reminders", () => {
  it("a contact's birthday three days from today shows up for the owner, and for nobody outside the reach", async () => {
    const id = await ownedAccount("manager.coal@demo.test");
    const day = new Date(Date.now() + 3 * DAY);
    const mmdd = day.toISOString().slice(5, 10);
    const name = uniqueName("Birthday Person");
    const contact = await t.gql(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id birthday } }`,
      { input: { accountId: id, name, birthday: `1984-${mmdd}`, isKeyPerson: true } },
      await t.token("manager.coal@demo.test"),
    );
    expect(contact.errors).toBeUndefined();
    const REMINDERS = `query($days: Int) { careReminders(days: $days) { kind date title contact { id name } account { id } } }`;
    const mine = await t.gql(REMINDERS, {}, await t.token("manager.coal@demo.test"));
    expect(mine.errors).toBeUndefined();
    const reminder = mine.data.careReminders.filter((r: { contact: { name: string } | null }) => r.contact?.name === name);
    expect(reminder).toEqual([
      { kind: "BIRTHDAY", date: day.toISOString().slice(0, 10), title: `Birthday of ${name}`, contact: { id: contact.data.createContact.id, name }, account: { id } },
    ]);
    const names = (r: { data: { careReminders: { contact: { name: string } | null }[] } }) => r.data.careReminders.map((x) => x.contact?.name);
    expect(names(await t.gql(REMINDERS, { days: 2 }, await t.token("manager.coal@demo.test")))).not.toContain(name);
    expect(names(await t.gql(REMINDERS, { days: 3 }, await t.token("manager.coal@demo.test")))).toContain(name);
    expect(names(await t.gql(REMINDERS, {}, await t.token("head.coal@demo.test")))).toContain(name);
    for (const email of ["rep1.coal@demo.test", "head.food@demo.test", "rep1.food@demo.test"]) {
      const other = await t.gql(REMINDERS, {}, await t.token(email));
      expect(other.errors).toBeUndefined();
      expect(names(other)).not.toContain(name);
    }
    expect(codes(await t.gql(REMINDERS, {}, await t.token("finance.coal@demo.test")))).toEqual(["FORBIDDEN"]);
  });

  it("configured holidays ahead show up too: the group's for everyone, a territory's for its own people", async () => {
    const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
    const HOLIDAY = `mutation($name: String!, $date: String!, $t: ID) { addHoliday(name: $name, date: $date, territoryId: $t) { id } }`;
    const [group, food, later] = [uniqueName("Founders Day"), uniqueName("Food Fair"), uniqueName("Autumn Festival")];
    const exec = await t.token("exec@demo.test");
    expect((await t.gql(HOLIDAY, { name: group, date: day(2) }, exec)).errors).toBeUndefined();
    expect((await t.gql(HOLIDAY, { name: food, date: day(4), t: territoryIds.FOOD }, await t.token("head.food@demo.test"))).errors).toBeUndefined();
    expect((await t.gql(HOLIDAY, { name: later, date: day(12) }, exec)).errors).toBeUndefined();

    const REMINDERS = `query($days: Int) { careReminders(days: $days) { kind date title contact { id } account { id } } }`;
    const holidays = async (email: string, days?: number) => {
      const r = await t.gql(REMINDERS, { days }, await t.token(email));
      expect(r.errors).toBeUndefined();
      const dates = r.data.careReminders.map((x: { date: string }) => x.date);
      expect(dates).toEqual([...dates].sort());
      return r.data.careReminders.filter((x: { title: string }) => [group, food, later].includes(x.title));
    };
    expect(await holidays("manager.coal@demo.test")).toEqual([{ kind: "HOLIDAY", date: day(2), title: group, contact: null, account: null }]);
    expect(await holidays("rep1.food@demo.test")).toEqual([
      { kind: "HOLIDAY", date: day(2), title: group, contact: null, account: null },
      { kind: "HOLIDAY", date: day(4), title: food, contact: null, account: null },
    ]);
    expect((await holidays("service.coal@demo.test", 12)).map((x: { title: string }) => x.title)).toEqual([group, later]);
  });
});
