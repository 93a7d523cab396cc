import { randomBytes } from "node:crypto";
import { codes, startTestGateway, type GqlResult, type TestGateway } from "../../test/harness";

/**
 * The validation vocabulary at its boundaries, over real requests: calendar dates (leap days),
 * decimals (16 digits, 2 decimals), texts counted as the database counts them, integer ranges, and
 * values GraphQL itself refuses in the variables (a Decimal, an enum, an Int), each naming its field
 * in `extensions.field` and as "field: problem" in the message.
 */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const run = randomBytes(3).toString("hex");
let seq = 0;
const unique = (what: string) => `${what} ${run} ${++seq}`;

/** BAD_USER_INPUT naming exactly `field`, in extensions.field and at the head of the message. */
function expectRefused(r: GqlResult, field: string, problem?: string | RegExp) {
  expect({ codes: codes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({ codes: ["BAD_USER_INPUT"], field });
  const message = r.errors![0].message;
  expect(message.startsWith(`${field}: `)).toBe(true);
  if (problem !== undefined) expect(message.slice(field.length + 2)).toMatch(problem);
}

function expectAccepted(r: GqlResult) {
  expect(r.errors).toBeUndefined();
}

const OPPORTUNITY = `mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id amount expectedCloseDate } }`;
const READ_OPPORTUNITY = `query($id: ID!) { opportunity(id: $id) { amount expectedCloseDate } }`;

const myAccount = (email: string) => t.accountOf(email);

describe("calendar dates: a day that exists, as YYYY-MM-DD", () => {
  const days: [string, boolean][] = [
    ["2027-02-28", true],
    ["2027-02-29", false],
    ["2027-02-30", false],
    ["2028-02-29", true],
  ];

  it("an opportunity's expectedCloseDate, on create and update", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const accountId = await myAccount("rep1.coal@demo.test");
    for (const [day, exists] of days) {
      const r = await t.gql(OPPORTUNITY, { i: { name: unique("Leap"), accountId, amount: "1.00", expectedCloseDate: day } }, rep);
      if (!exists) {
        expectRefused(r, "expectedCloseDate", `must be a calendar date as YYYY-MM-DD, got "${day}"`);
        continue;
      }
      expectAccepted(r);
      expect((await t.gql(READ_OPPORTUNITY, { id: r.data.createOpportunity.id }, rep)).data.opportunity.expectedCloseDate).toBe(day);
    }
    const o = (await t.gql(OPPORTUNITY, { i: { name: unique("Leap update"), accountId, amount: "1.00", expectedCloseDate: "2027-01-31" } }, rep)).data.createOpportunity;
    const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateOpportunityInput!) { updateOpportunity(id: $id, version: $v, input: $i) { version expectedCloseDate } }`;
    let version = 1;
    for (const [day, exists] of days) {
      const r = await t.gql(UPDATE, { id: o.id, v: version, i: { expectedCloseDate: day } }, rep);
      if (exists) {
        expectAccepted(r);
        expect(r.data.updateOpportunity).toEqual({ version: ++version, expectedCloseDate: day });
      } else expectRefused(r, "expectedCloseDate");
    }
  });

  it("a holiday's date (2027-02-29 and 2027-02-30 were taken before: Date.parse rolls them into March)", async () => {
    const exec = await t.token("exec@demo.test");
    const HOLIDAY = `mutation($name: String!, $date: String!) { addHoliday(name: $name, date: $date) { name date } }`;
    for (const [day, exists] of days) {
      const r = await t.gql(HOLIDAY, { name: unique("Leap holiday"), date: day }, exec);
      if (exists) {
        expectAccepted(r);
        expect(r.data.addHoliday.date).toBe(day);
      } else expectRefused(r, "date", `must be a calendar date as YYYY-MM-DD, got "${day}"`);
    }
    // The name is kept as written (trimmed), up to 80 characters.
    const spaced = await t.gql(HOLIDAY, { name: `  Lantern  Festival ${run}  `, date: "2027-02-20" }, exec);
    expect(spaced.data.addHoliday.name).toBe(`Lantern  Festival ${run}`);
    expectAccepted(await t.gql(HOLIDAY, { name: "h".repeat(80), date: "2027-02-21" }, exec));
    expectRefused(await t.gql(HOLIDAY, { name: "h".repeat(81), date: "2027-02-21" }, exec), "name", "must be at most 80 characters");
  });

  it("a contact's birthday: leap days of leap years, never in the future", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const account = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name: unique("Birthday Co") } }, manager);
    const CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { id birthday } }`;
    const base = { accountId: account.data.createAccount.id, name: "Zhang Wei" };
    for (const [birthday, exists] of [["1981-02-28", true], ["1981-02-29", false], ["1981-02-30", false], ["1980-02-29", true]] as const) {
      const r = await t.gql(CONTACT, { input: { ...base, birthday } }, manager);
      if (exists) expect(r.data.createContact.birthday).toBe(birthday);
      else expectRefused(r, "birthday", `must be a calendar date as YYYY-MM-DD, got "${birthday}"`);
    }
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    expect((await t.gql(CONTACT, { input: { ...base, birthday: today } }, manager)).data.createContact.birthday).toBe(today);
    expectRefused(await t.gql(CONTACT, { input: { ...base, birthday: tomorrow } }, manager), "birthday", "must not be in the future");
  });
});

describe("decimals: at most 16 digits and 2 decimals, as strings", () => {
  const sixteen = "9".repeat(16);

  it("an opportunity's amount: 16 digits and 2 decimals taken, 17 digits or 3 decimals refused, naming the field", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const accountId = await myAccount("rep1.coal@demo.test");
    const create = (amount: unknown) => t.gql(OPPORTUNITY, { i: { name: unique("Big deal"), accountId, amount, expectedCloseDate: "2030-01-31" } }, rep);
    for (const [amount, stored] of [[`${sixteen}.99`, `${sixteen}.99`], [sixteen, `${sixteen}.00`], ["1.25", "1.25"], ["0.5", "0.50"]]) {
      const r = await create(amount);
      expectAccepted(r);
      expect(r.data.createOpportunity.amount).toBe(stored);
    }
    const decimal = /^must be a decimal number with at most 16 digits and 2 decimals, sent as a string, got /;
    for (const amount of [`1${sixteen}`, `1${sixteen}.00`, "1.255", "1e3", "12,50", 0.1 + 0.2]) expectRefused(await create(amount), "amount", decimal);
    expectRefused(await create("-1.00"), "amount", "must not be negative");
  });

  // What a read gives back of 16 digits depends on the database: MariaDB's DECIMAL(18,2) keeps them
  // all, SQLite stores a double (9999999999999999.99 reads back as 10000000000000000.00). Up to 15
  // significant digits both give back what was written.
  it("reads an amount of 15 significant digits back as written, to the cent", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const accountId = await myAccount("rep1.coal@demo.test");
    const amount = "1234567890123.45";
    const r = await t.gql(OPPORTUNITY, { i: { name: unique("Exact deal"), accountId, amount, expectedCloseDate: "2030-01-31" } }, rep);
    expect((await t.gql(READ_OPPORTUNITY, { id: r.data.createOpportunity.id }, rep)).data.opportunity.amount).toBe(amount);
  });

  it("a bad Decimal in the variables names the field, not the variable", async () => {
    const head = await t.token("head.coal@demo.test");
    const created = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name: unique("Credit Co") } }, head);
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateAccountInput!) { updateAccount(id: $id, version: $v, input: $input) { version creditLimit } }`;
    const id = created.data.createAccount.id;
    const r = await t.gql(UPDATE, { id, v: 1, input: { creditLimit: "12.345" } }, head);
    expectRefused(r, "creditLimit", 'must be a decimal number with at most 16 digits and 2 decimals, sent as a string, got "12.345"');
    expectRefused(await t.gql(UPDATE, { id, v: 1, input: { creditLimit: `1${sixteen}` } }, head), "creditLimit");
    expectRefused(await t.gql(UPDATE, { id, v: 1, input: { creditLimit: "-0.01" } }, head), "creditLimit", "must not be negative");
    const ok = await t.gql(UPDATE, { id, v: 1, input: { creditLimit: `${sixteen}.99` } }, head);
    expectAccepted(ok);
    expect(ok.data.updateAccount.version).toBe(2);
    // Inside an argument's literal, a variable is named by its place in it.
    const literal = await t.gql(`mutation($id: ID!, $c: Decimal) { updateAccount(id: $id, version: 2, input: { creditLimit: $c }) { version } }`, { id, c: "0.001" }, head);
    expectRefused(literal, "creditLimit");
  });
});

describe("values GraphQL refuses in the variables name their field", () => {
  it("an enum inside an input, an enum argument, an enum in a filter", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const account = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name: unique("Enum Co") } }, manager);
    const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`;
    expectRefused(await t.gql(LOG, { input: { type: "SMOKE_SIGNAL", subject: "Hello", accountId: account.data.createAccount.id } }, manager), "type", /^Value "SMOKE_SIGNAL" does not exist in "ActivityType" enum/);
    expectRefused(await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name: unique("Tier Co"), tier: "PLATINUM" } }, manager), "tier");
    expectRefused(await t.gql(`query($f: AccountFilter) { accounts(first: 1, filter: $f) { totalCount } }`, { f: { status: "ACTIV" } }, manager), "status");
    const rep = await t.token("rep1.coal@demo.test");
    const deal = await t.gql(OPPORTUNITY, { i: { name: unique("Stage deal"), accountId: await myAccount("rep1.coal@demo.test"), amount: "1.00", expectedCloseDate: "2030-01-31" } }, rep);
    expectRefused(await t.gql(`mutation($id: ID!, $s: OpportunityStage!) { moveOpportunityStage(id: $id, stage: $s) { id } }`, { id: deal.data.createOpportunity.id, s: "SIGNED" }, rep), "stage");
  });

  it("an Int, a missing required input field, an unknown input field", async () => {
    const manager = await t.token("manager.coal@demo.test");
    expectRefused(await t.gql(`query($d: Int) { careReminders(days: $d) { title } }`, { d: "many" }, manager), "days", /^Int cannot represent non-integer value/);
    expectRefused(await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: {} }, manager), "name");
    expectRefused(await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name: unique("Colour Co"), colour: "red" } }, manager), "colour");
  });
});

describe("ranges and lengths", () => {
  it("careReminders days: 0 to 60", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const REMINDERS = `query($d: Int) { careReminders(days: $d) { title } }`;
    for (const d of [0, 60]) expectAccepted(await t.gql(REMINDERS, { d }, manager));
    for (const d of [-1, 61]) expectRefused(await t.gql(REMINDERS, { d }, manager), "days", "must be between 0 and 60");
  });

  it("follow-up policy days, in the decorators' words", async () => {
    const head = await t.token("head.coal@demo.test");
    const territory = (await t.gql(`{ viewer { territory { id } } }`, {}, head)).data.viewer.territory.id;
    const SET = `mutation($t: ID!, $input: FollowUpPolicyInput!) { setFollowUpPolicy(territoryId: $t, input: $input) { reclaimDays } }`;
    const good = { warnFirstDays: 30, warnSecondDays: 60, reclaimDays: 90, maxClaimedPerRep: 50, careReminderDays: 7 };
    expectRefused(await t.gql(SET, { t: territory, input: { ...good, careReminderDays: 367 } }, head), "careReminderDays", "must be between 0 and 366");
    expectRefused(await t.gql(SET, { t: territory, input: { ...good, warnFirstDays: 0 } }, head), "warnFirstDays", "must be between 1 and 3650");
  });

  it("texts are counted as the database counts them: a variation selector is a character", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id industry } }`;
    const emoji = "\u{1F525}".repeat(80);
    const ok = await t.gql(CREATE, { input: { name: unique("Emoji Co"), industry: emoji } }, manager);
    expectAccepted(ok);
    expect(ok.data.createAccount.industry).toBe(emoji);
    // 80 letters and U+FE0F are 81 characters in VARCHAR(80): refused here, not by the database.
    expectRefused(await t.gql(CREATE, { input: { name: unique("Selector Co"), industry: `${"i".repeat(80)}\uFE0F` } }, manager), "industry", "must be at most 80 characters");
    expectRefused(await t.gql(CREATE, { input: { name: unique("Long Co"), industry: "i".repeat(81) } }, manager), "industry", "must be at most 80 characters");
  });
});
