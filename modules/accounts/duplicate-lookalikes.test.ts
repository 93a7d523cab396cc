import { randomBytes } from "node:crypto";
import { codes, startTestGateway, type GqlResult, type TestGateway } from "../../test/harness";
import { normaliseAccountName, normaliseRegistrationNo } from "./account-name";
import { AccountNameKeys1700000001200 } from "./migrations/1700000001200-account-name-keys";

/**
 * The duplicate rule is blind to what a reader cannot see (issue 8): invisible characters (zero-width
 * space and joiner, soft hyphen, the right-to-left override), look-alike letters from other scripts
 * (a Cyrillic "а" for a Latin "a") and full-width forms make no new name or registration number,
 * inside the territory or across territories. Through real requests.
 */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const run = randomBytes(3).toString("hex");
let seq = 0;

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id name registrationNo territory { code } owner { name } } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateAccountInput!) { updateAccount(id: $id, version: $version, input: $input) { id name version } }`;
const COUNT_BY_NAME = `query($name: String!) { accounts(first: 100, filter: { name: $name }) { totalCount edges { node { id name } } } }`;

const fullWidth = (s: string) => s.replace(/[A-Za-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, "\u3000");
const cyrillic = (s: string) =>
  s.replace(/[aceopxyABCEHKMOPTX]/g, (ch) => "асеорхуАВСЕНКМОРТХ"["aceopxyABCEHKMOPTX".indexOf(ch)]);
/** In the middle of the string, where a reader would not see it. */
const inside = (s: string, invisible: string) => `${s.slice(0, 3)}${invisible}${s.slice(3)}`;

/** What a copier might type for `s`; each one looks like `s` (or is its full-width form). */
const variants = (s: string): [string, string][] => [
  ["zero-width space U+200B", inside(s, "\u200b")],
  ["zero-width joiner U+200D", inside(s, "\u200d")],
  ["soft hyphen U+00AD", inside(s, "\u00ad")],
  ["right-to-left override U+202E", `\u202e${s}\u202c`],
  ["Cyrillic letters (а U+0430 for a, ...)", cyrillic(s)],
  ["full-width letters and digits", fullWidth(s)],
  ["all of it at once", `\u202e${inside(fullWidth(cyrillic(s)), "\u200b\u00ad\u200d")}`],
];

async function create(email: string, input: Record<string, unknown>): Promise<GqlResult> {
  return t.gql(CREATE, { input }, await t.token(email));
}

async function createOk(email: string, input: Record<string, unknown>) {
  const r = await create(email, input);
  expect(r.errors).toBeUndefined();
  return r.data.createAccount as { id: string; name: string; registrationNo: string | null };
}

async function countNamed(name: string): Promise<number> {
  const r = await t.gql(COUNT_BY_NAME, { name }, await t.token("exec@demo.test"));
  return r.data.accounts.totalCount;
}

function expectAnotherTerritory(r: GqlResult, field: string, label: string) {
  expect({ label, codes: codes(r) }).toEqual({ label, codes: ["CONFLICT"] });
  const error = r.errors![0];
  expect(error.message).toMatch(/exists in another territory/);
  expect(JSON.stringify(error)).not.toContain("Coal Rep One");
  expect(error.extensions).toEqual({ code: "CONFLICT", reason: "DUPLICATE", field });
  expect(r.data).toBeNull();
}

function expectOwnedBy(r: GqlResult, field: string, owner: string, label: string) {
  expect({ label, codes: codes(r) }).toEqual({ label, codes: ["CONFLICT"] });
  expect(r.errors![0].message).toContain(owner);
  expect(r.errors![0].extensions).toMatchObject({ field, ownerName: owner });
}

describe("look-alike names", () => {
  it("are refused in another territory with only 'exists in another territory', and inside it naming the owner", async () => {
    const name = `Alpha Pacific Mining ${run} ${++seq}`;
    const first = await createOk("rep1.coal@demo.test", { name });
    for (const [label, variant] of variants(name)) {
      expect(variant).not.toBe(name);
      expectAnotherTerritory(await create("rep1.food@demo.test", { name: variant }), "name", label);
      expectAnotherTerritory(await create("head.food@demo.test", { name: variant }), "name", label);
      expectOwnedBy(await create("rep2.coal@demo.test", { name: variant }), "name", "Coal Rep One", label);
    }
    // One account, found by the plain name and by each look-alike.
    expect(await countNamed(name)).toBe(1);
    for (const [, variant] of variants(name)) expect(await countNamed(variant)).toBe(1);
    const r = await t.gql(`query($id: ID!) { account(id: $id) { name version } }`, { id: first.id }, await t.token("rep1.coal@demo.test"));
    expect(r.data.account).toEqual({ name, version: 1 });
  });

  it("are refused as a rename onto another account's name", async () => {
    const taken = `Taken Carbon ${run} ${++seq}`;
    await createOk("manager.coal@demo.test", { name: taken });
    const mine = await createOk("manager.coal@demo.test", { name: `Free Carbon ${run} ${++seq}` });
    for (const [label, variant] of variants(taken)) {
      const r = await t.gql(UPDATE, { id: mine.id, version: 1, input: { name: variant } }, await t.token("manager.coal@demo.test"));
      expectOwnedBy(r, "name", "Coal Sales Manager", label);
    }
  });

  it("still let genuinely different names through: other letters, accents, ASCII that merely looks alike", async () => {
    const tag = `${run} ${++seq}`;
    await createOk("rep1.coal@demo.test", { name: `Modern Foods ${tag}` });
    for (const name of [`Modem Foods ${tag}`, `Modern Food ${tag}`, `Modern Foods ${tag} 2`, `Modérn Foods ${tag}`, `Dover ${tag}`, `Clover ${tag}`, `O2 ${tag}`, `02 ${tag}`]) {
      const r = await create("rep1.food@demo.test", { name });
      expect({ name, errors: r.errors }).toEqual({ name, errors: undefined });
    }
  });

  it("keep Chinese names apart, with invisible characters and full-width spaces ignored", async () => {
    const tag = `${run}${++seq}`;
    const name = `山西第一煤业有限公司${tag}`;
    const first = await createOk("rep1.coal@demo.test", { name });
    expect(first.name).toBe(name);
    for (const variant of [`山西第一\u200b煤业有限公司${tag}`, `\u3000山西第一煤业\u00ad有限公司${fullWidth(tag)}\u3000`, `\u202e山西第一煤业有限公司${tag}`]) {
      expectAnotherTerritory(await create("rep1.food@demo.test", { name: variant }), "name", variant);
    }
    for (const other of [`山西第二煤业有限公司${tag}`, `山西第一煤矿有限公司${tag}`, `陕西第一煤业有限公司${tag}`]) {
      const created = await createOk("rep1.food@demo.test", { name: other });
      expect(created.name).toBe(other);
    }
    expect(await countNamed(`山西第一煤业`)).toBe(1);
    expect(await countNamed(`煤业有限公司${tag}`)).toBe(3);
  });
});

describe("look-alike registration numbers", () => {
  it("are refused in another territory and inside it, while the real number is accepted in any spelling", async () => {
    const regNo = `CATHEXO${run.replace(/[0-9]/g, "K").toUpperCase()}${String(++seq).padStart(6, "0")}`;
    const first = await createOk("rep1.coal@demo.test", { name: `Reg Holder ${run} ${seq}`, registrationNo: regNo });
    expect(first.registrationNo).toBe(regNo);
    for (const [label, variant] of variants(regNo)) {
      expect(variant).not.toBe(regNo);
      expectAnotherTerritory(await create("rep1.food@demo.test", { name: `Reg Copier ${run} ${++seq}`, registrationNo: variant }), "registrationNo", label);
      expectOwnedBy(await create("rep2.coal@demo.test", { name: `Reg Copier ${run} ${++seq}`, registrationNo: variant }), "registrationNo", "Coal Rep One", label);
    }
    // A different number goes through, and is stored in its plain form whatever it was typed in.
    const other = `${regNo.slice(0, -1)}${regNo.endsWith("9") ? "8" : "9"}`;
    const second = await createOk("rep1.food@demo.test", { name: `Reg Other ${run} ${++seq}`, registrationNo: `\u200b${fullWidth(cyrillic(other.toLowerCase()))}` });
    expect(second.registrationNo).toBe(other);
  });

  it("still accept real numbers as typed, with spaces and dashes", async () => {
    for (const [typed, stored] of [
      [`91 3301-${run}00 7`, `913301${run.toUpperCase()}007`],
      [`hrb ${++seq}${run}`, `HRB${seq}${run.toUpperCase()}`],
      [`DE\u2013${run}\u2013${++seq}4471`, `DE${run.toUpperCase()}${seq}4471`],
    ]) {
      const created = await createOk("manager.food@demo.test", { name: `Real Number ${run} ${++seq}`, registrationNo: typed });
      expect(created.registrationNo).toBe(stored);
    }
  });
});

describe("the normalisation", () => {
  it("is idempotent and case-insensitive, and leaves plain ASCII keys as they were", () => {
    const samples = ["Alpha Pacific", "ООО Москва", "ТESLA", "Straße", "山西第一煤业", "삼성전자", "Café", "ΟΔΟΣ", "Ⅻ", "\u202eabc\u200b"];
    for (const s of samples) {
      const key = normaliseAccountName(s);
      expect(normaliseAccountName(key)).toBe(key);
      expect(normaliseAccountName(s.toUpperCase())).toBe(key);
      expect(normaliseAccountName(s.toLowerCase())).toBe(key);
    }
    expect(normaliseAccountName("  Acme   Trading\tLtd ")).toBe("acme trading ltd");
    expect(normaliseAccountName("ООО МОСКВА")).toBe(normaliseAccountName("ооо москва"));
    expect(normaliseAccountName("Straße")).toBe(normaliseAccountName("STRASSE"));
    expect(normaliseAccountName("삼성전자")).toBe("삼성전자");
    expect(normaliseAccountName("Café")).not.toBe(normaliseAccountName("Cafe"));
    expect(normaliseRegistrationNo("ab-12 34\u2014cd")).toBe("AB1234CD");
    expect(normaliseRegistrationNo("АВ1234")).toBe("AB1234");
  });
});

describe("the migration of stored keys", () => {
  it("recomputes keys computed before, keeping the first entered account's key and suffixing the later one's", async () => {
    const db = t.gateway.services.db;
    const tag = `${run} ${++seq}`;
    // Two pairs that look alike; in each, one account was named with a zero-width space before the fix
    // and so got a key of its own. In the first pair it came second, in the other first.
    const a = await createOk("manager.coal@demo.test", { name: `Zeta Coal ${tag}` });
    const b = await createOk("manager.coal@demo.test", { name: `Zeta Coal ${tag} b` });
    const c = await createOk("manager.coal@demo.test", { name: `Omega Coal ${tag} c` });
    const d = await createOk("manager.coal@demo.test", { name: `Omega Coal ${tag}` });
    const cyr = await createOk("manager.coal@demo.test", { name: `Kappa Coal ${tag} e` });
    const old = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
    const setName = (id: string, name: string) => db.query("UPDATE accounts SET name = ?, nameKey = ? WHERE id = ?", [name, old(name), Number(id)]);
    await setName(b.id, `Zeta\u200b Coal ${tag}`);
    await setName(c.id, `Omega\u200b Coal ${tag}`);
    await setName(cyr.id, cyrillic(`Kappa Coal ${tag}`));
    await db.query("UPDATE accounts SET registrationNo = ? WHERE id = ?", ["ab-1234\u200b56", Number(cyr.id)]);

    const runner = db.createQueryRunner();
    try {
      await new AccountNameKeys1700000001200().up(runner);
      const keyOf = async (id: string) => ((await db.query("SELECT nameKey, registrationNo FROM accounts WHERE id = ?", [Number(id)])) as { nameKey: string; registrationNo: string | null }[])[0];
      const zeta = normaliseAccountName(`Zeta Coal ${tag}`);
      const omega = normaliseAccountName(`Omega Coal ${tag}`);
      expect(await keyOf(a.id)).toMatchObject({ nameKey: zeta });
      expect(await keyOf(b.id)).toMatchObject({ nameKey: `${zeta}#${b.id}` });
      expect(await keyOf(c.id)).toMatchObject({ nameKey: omega });
      expect(await keyOf(d.id)).toMatchObject({ nameKey: `${omega}#${d.id}` });
      expect(await keyOf(cyr.id)).toEqual({ nameKey: normaliseAccountName(`Kappa Coal ${tag}`), registrationNo: "AB123456" });
      // Run again: nothing changes.
      await new AccountNameKeys1700000001200().up(runner);
      expect(await keyOf(b.id)).toMatchObject({ nameKey: `${zeta}#${b.id}` });
      expect(await keyOf(d.id)).toMatchObject({ nameKey: `${omega}#${d.id}` });
    } finally {
      await runner.release();
    }
    // Nothing was lost, and the names are taken now.
    expect(await countNamed(`Zeta Coal ${tag}`)).toBe(2);
    expect(await countNamed(`Omega Coal ${tag}`)).toBe(2);
    for (const name of [`Zeta Coal ${tag}`, `Omega Coal ${tag}`, `Kappa Coal ${tag}`]) {
      expectAnotherTerritory(await create("rep1.food@demo.test", { name }), "name", name);
    }
  });
});
