import { randomBytes } from "node:crypto";
import { startTestGateway, codes, type TestGateway } from "../../test/harness";

/**
 * The follow-up rule on fixed dates (PRODUCT.md, "Follow-up rule"): the sweep runs as of moments
 * 31, 61 and 91 days after an account was assigned, so nothing here waits for a clock. Claiming
 * from the public pool and the customer-care reminders are tested here too.
 */

let t: TestGateway;
let territoryIds: Record<"COAL" | "FOOD", string>;
beforeAll(async () => {
  t = await startTestGateway();
  const r = await t.gql(`{ territories { id code } }`, {}, await t.token("exec@demo.test"));
  territoryIds = Object.fromEntries(r.data.territories.map((x: { id: string; code: string }) => [x.code, x.id])) as typeof territoryIds;
});
afterAll(() => t.stop());

const run = randomBytes(3).toString("hex");
let seq = 0;
const uniqueName = (what: string) => `${what} ${run} ${++seq}`;
const DAY = 86400_000;
const daysAfter = (from: number, days: number) => new Date(from + days * DAY).toISOString();

const DEFAULT_POLICY = { warnFirstDays: 30, warnSecondDays: 60, reclaimDays: 90, maxClaimedPerRep: 50, careReminderDays: 7 };

const SWEEP = `mutation($asOf: DateTimeISO!) { runFollowUpSweep(asOf: $asOf) { asOf warned30 warned60 reclaimed cleared } }`;
const STATE = `query($id: ID!) { account(id: $id) { id followUpState inPublicPool owner { id } lastContactAt version } }`;
const CLAIM = `mutation($id: ID!) { claimAccount(id: $id) { id owner { id } inPublicPool followUpState } }`;
const AUDIT = `query($id: ID!) { auditTrail(entityType: "Account", entityId: $id) { action actor changes } }`;
const SET_POLICY = `mutation($t: ID!, $input: FollowUpPolicyInput!) { setFollowUpPolicy(territoryId: $t, input: $input) { maxClaimedPerRep reclaimDays } }`;
const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id doneAt } }`;

/** An approved account owned by `email` (a rep's account, approved by the territory head); returns its id and when it was assigned. */
async function ownedAccount(email: string): Promise<{ id: string; assignedAt: number }> {
  const territory = email.includes(".coal@") ? "coal" : "food";
  const created = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id approvalStatus } }`, { input: { name: uniqueName("Quiet customer") } }, await t.token(email));
  expect(created.errors).toBeUndefined();
  const assignedAt = Date.now();
  const id = created.data.createAccount.id;
  if (created.data.createAccount.approvalStatus === "PENDING") {
    const approved = await t.gql(`mutation($id: ID!) { approveAccount(id: $id) { approvalStatus } }`, { id }, await t.token(`head.${territory}@demo.test`));
    expect(approved.data.approveAccount.approvalStatus).toBe("APPROVED");
  }
  return { id, assignedAt };
}

async function sweep(asOf: string) {
  const r = await t.gql(SWEEP, { asOf }, await t.token("exec@demo.test"));
  expect(r.errors).toBeUndefined();
  return r.data.runFollowUpSweep;
}

async function state(id: string, email = "head.coal@demo.test") {
  const r = await t.gql(STATE, { id }, await t.token(email));
  expect(r.errors).toBeUndefined();
  return r.data.account;
}

describe("the follow-up sweep", () => {
  it("flags WARN_30 after 31 quiet days, WARN_60 after 61, and reclaims into the public pool after 91, audited", async () => {
    const rep = await t.userId("rep1.coal@demo.test");
    const { id, assignedAt } = await ownedAccount("rep1.coal@demo.test");
    expect(await state(id)).toMatchObject({ followUpState: "OK", inPublicPool: false, owner: { id: rep } });

    const at31 = await sweep(daysAfter(assignedAt, 31));
    expect(at31.warned30).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toMatchObject({ followUpState: "WARN_30", inPublicPool: false, owner: { id: rep } });

    await sweep(daysAfter(assignedAt, 61));
    expect(await state(id)).toMatchObject({ followUpState: "WARN_60", inPublicPool: false, owner: { id: rep } });

    const at91 = await sweep(daysAfter(assignedAt, 91));
    expect(at91.reclaimed).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toMatchObject({ followUpState: "OK", inPublicPool: true, owner: null });

    // The former owner still sees it, now in the pool, like every rep of the territory.
    const pool = await t.gql(`{ accounts(first: 100, filter: { inPublicPool: true }) { edges { node { id owner { id } } } } }`, {}, await t.token("rep2.coal@demo.test"));
    expect(pool.data.accounts.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);

    const trail = await t.gql(AUDIT, { id }, await t.token("manager.coal@demo.test"));
    expect(trail.errors).toBeUndefined();
    const sweeps = trail.data.auditTrail.filter((e: { actor: string }) => e.actor === "system");
    expect(sweeps.map((e: { action: string; changes: unknown }) => [e.action, e.changes])).toEqual([
      ["FOLLOW_UP", { followUpState: { from: "OK", to: "WARN_30" } }],
      ["FOLLOW_UP", { followUpState: { from: "WARN_30", to: "WARN_60" } }],
      ["RECLAIM", { ownerId: { from: Number(rep), to: null }, inPublicPool: { from: false, to: true } }],
    ]);
  });

  it("leaves accounts alone that were active within the period, and pending accounts", async () => {
    const { id, assignedAt } = await ownedAccount("manager.coal@demo.test");
    await sweep(daysAfter(assignedAt, 29));
    expect((await state(id)).followUpState).toBe("OK");
    const pending = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id approvalStatus } }`, { input: { name: uniqueName("Pending quiet") } }, await t.token("rep2.coal@demo.test"));
    expect(pending.data.createAccount.approvalStatus).toBe("PENDING");
    await sweep(daysAfter(Date.now(), 120));
    expect(await state(pending.data.createAccount.id)).toMatchObject({ followUpState: "OK", inPublicPool: false, owner: { id: await t.userId("rep2.coal@demo.test") } });
  });

  it("a logged activity clears the flag and restarts the clock; a planned one does not", async () => {
    const { id, assignedAt } = await ownedAccount("rep2.coal@demo.test");
    const rep = await t.token("rep2.coal@demo.test");
    await sweep(daysAfter(assignedAt, 31));
    expect((await state(id)).followUpState).toBe("WARN_30");

    const planned = await t.gql(LOG, { input: { type: "TASK", subject: "Call back next week", accountId: id, dueAt: daysAfter(Date.now(), 7) } }, rep);
    expect(planned.errors).toBeUndefined();
    expect(planned.data.logActivity.doneAt).toBeNull();
    expect(await state(id)).toMatchObject({ followUpState: "WARN_30", lastContactAt: null });

    const call = await t.gql(LOG, { input: { type: "CALL", subject: "Checked the delivery plan", accountId: id } }, rep);
    expect(call.errors).toBeUndefined();
    const contactAt = Date.parse(call.data.logActivity.doneAt);
    const after = await state(id);
    expect(after.followUpState).toBe("OK");
    expect(Date.parse(after.lastContactAt)).toBe(contactAt);
    const trail = await t.gql(AUDIT, { id }, await t.token("manager.coal@demo.test"));
    expect(trail.data.auditTrail.at(-1)).toMatchObject({ action: "FOLLOW_UP", actor: `user:${await t.userId("rep2.coal@demo.test")}`, changes: { followUpState: { from: "WARN_30", to: "OK" } } });

    await sweep(daysAfter(contactAt, 29));
    expect((await state(id)).followUpState).toBe("OK");
    await sweep(daysAfter(contactAt, 31));
    expect((await state(id)).followUpState).toBe("WARN_30");
  });

  it("keeps the latest contact time when activities with different times are logged at once", async () => {
    const { id } = await ownedAccount("rep2.coal@demo.test");
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
    const { id, assignedAt } = await ownedAccount("rep2.coal@demo.test");
    await sweep(daysAfter(assignedAt, 31));
    expect((await state(id)).followUpState).toBe("WARN_30");
    const earlier = await sweep(daysAfter(assignedAt, 10));
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
      await sweep(daysAfter(food.assignedAt, 6));
      expect((await state(food.id, "head.food@demo.test")).followUpState).toBe("WARN_30");
      expect((await state(coal.id)).followUpState).toBe("OK");
      await sweep(daysAfter(food.assignedAt, 11));
      expect((await state(food.id, "head.food@demo.test")).followUpState).toBe("WARN_60");
      await sweep(daysAfter(food.assignedAt, 16));
      expect(await state(food.id, "head.food@demo.test")).toMatchObject({ inPublicPool: true, owner: null });
      expect(await state(coal.id)).toMatchObject({ followUpState: "OK", inPublicPool: false });
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
});

describe("claiming from the public pool", () => {
  it("a rep of the territory claims a reclaimed account; a rep of another territory cannot find it", async () => {
    const { id, assignedAt } = await ownedAccount("rep1.coal@demo.test");
    await sweep(daysAfter(assignedAt, 91));
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
    const trail = await t.gql(AUDIT, { id }, await t.token("head.coal@demo.test"));
    expect(trail.data.auditTrail.at(-1)).toMatchObject({ action: "CLAIM", actor: `user:${rep2}`, changes: { ownerId: { from: null, to: Number(rep2) } } });
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
      expect(await state(second)).toMatchObject({ inPublicPool: true, owner: null });
    } finally {
      await t.gql(SET_POLICY, { t: territoryIds.COAL, input: DEFAULT_POLICY }, head);
    }
    expect((await t.gql(CLAIM, { id: second }, rep)).data.claimAccount.inPublicPool).toBe(false);
  });

  it("holds the limit against claims sent at once", async () => {
    const accounts = [];
    for (let i = 0; i < 6; i++) accounts.push(await ownedAccount("rep1.food@demo.test"));
    await sweep(daysAfter(Math.max(...accounts.map((a) => a.assignedAt)), 91));
    const head = await t.token("head.food@demo.test");
    expect((await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: { ...DEFAULT_POLICY, maxClaimedPerRep: 2 } }, head)).errors).toBeUndefined();
    try {
      const rep = await t.token("rep2.food@demo.test");
      const claims = await Promise.all(accounts.map(({ id }) => t.gql(CLAIM, { id }, rep)));
      expect(claims.filter((r) => !r.errors)).toHaveLength(2);
      for (const refused of claims.filter((r) => r.errors)) {
        expect(codes(refused)).toEqual(["CONFLICT"]);
        expect(refused.errors![0].message).toMatch(/limit is 2/);
      }
      const owners = await Promise.all(accounts.map(async ({ id }) => (await state(id, "head.food@demo.test")).owner?.id ?? null));
      expect(owners.filter((owner) => owner !== null)).toEqual([await t.userId("rep2.food@demo.test"), await t.userId("rep2.food@demo.test")]);
    } finally {
      await t.gql(SET_POLICY, { t: territoryIds.FOOD, input: DEFAULT_POLICY }, head);
    }
  });

  it("refuses claiming an account that is not in the pool", async () => {
    const { id } = await ownedAccount("rep2.coal@demo.test");
    expect(codes(await t.gql(CLAIM, { id }, await t.token("rep2.coal@demo.test")))).toEqual(["CONFLICT"]);
  });
});

describe("customer care reminders", () => {
  it("a contact's birthday three days from today shows up for the owner, and for nobody outside the reach", async () => {
    const { id } = await ownedAccount("manager.coal@demo.test");
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
