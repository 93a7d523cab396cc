import { randomBytes } from "node:crypto";
import { startTestGateway, codes, type GqlResult, type TestGateway } from "../../test/harness";

/**
 * Writes to accounts, contacts and activities through real requests: duplicates, approval, stale
 * versions, bad input on every mutation, transfers and the audit trail.
 */

let t: TestGateway;
let territoryIds: Record<"COAL" | "FOOD", string>;
beforeAll(async () => {
  t = await startTestGateway();
  territoryIds = await t.territoryIds();
});
afterAll(() => t.stop());

const run = randomBytes(3).toString("hex");
let seq = 0;
/** A name nobody else in this run uses. */
const uniqueName = (what: string) => `${what} ${run} ${++seq}`;
const uniqueRegNo = () => `91${run.toUpperCase()}${String(++seq).padStart(8, "0")}`;

const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { id name registrationNo approvalStatus version territory { code } owner { id name } }
}`;
const READ = `query($id: ID!) {
  account(id: $id) { id name registrationNo status tier industry region approvalStatus version territory { code } owner { id name } contacts { id name version } activities { id subject } lastContactAt }
}`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateAccountInput!) {
  updateAccount(id: $id, version: $version, input: $input) { id name version tier creditLimit creditTermsDays riskGrade }
}`;
const APPROVE = `mutation($id: ID!) { approveAccount(id: $id) { id approvalStatus version } }`;
const TRANSFER = `mutation($id: ID!, $ownerId: ID!) { transferAccount(id: $id, ownerId: $ownerId) { id version owner { id } territory { code } } }`;
const AUDIT = `query($type: String!, $id: ID!) { auditTrail(entityType: $type, entityId: $id) { action actor at changes } }`;
const COUNT_BY_NAME = `query($name: String!) { accounts(first: 100, filter: { name: $name }) { totalCount edges { node { id name } } } }`;
const ARCHIVE = `mutation($id: ID!) { archiveAccount(id: $id) { id archivedAt version } }`;
const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { id version } }`;
const UPDATE_CONTACT = `mutation($id: ID!, $version: Int!, $input: UpdateContactInput!) { updateContact(id: $id, version: $version, input: $input) { id version } }`;
const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`;

async function createAs(email: string, input: Record<string, unknown>) {
  const r = await t.gql(CREATE, { input }, await t.token(email));
  expect(r.errors).toBeUndefined();
  return r.data.createAccount as { id: string; name: string; registrationNo: string | null; approvalStatus: string; version: number; owner: { id: string; name: string } };
}

async function readAs(email: string, id: string) {
  const r = await t.gql(READ, { id }, await t.token(email));
  expect(r.errors).toBeUndefined();
  return r.data.account;
}

/** How many accounts in the whole group match a name, as the executive sees them. */
async function countNamed(name: string): Promise<number> {
  const r = await t.gql(COUNT_BY_NAME, { name }, await t.token("exec@demo.test"));
  return r.data.accounts.totalCount;
}

/** Asserts a BAD_USER_INPUT refusal that names `field` (in extensions.field, or in the message). */
function expectBadInput(r: GqlResult, field: string) {
  expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  const error = r.errors![0];
  const named = error.extensions?.field === field || error.message.includes(field);
  expect({ named, error }).toEqual({ named: true, error });
}

describe("duplicates", () => {
  it("refuses a normalised duplicate name inside the territory, naming the owner; the first entered wins", async () => {
    const base = uniqueName("Abc Coal");
    const first = await createAs("rep1.coal@demo.test", { name: `  ${base.replace(/ /g, "   ")}  ` });
    expect(first.name).toBe(base);
    const fullWidth = base.replace(/[A-Za-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, "\u3000");
    for (const variant of [base.toLowerCase(), base.toUpperCase(), fullWidth, ` ${base}\t`]) {
      const r = await t.gql(CREATE, { input: { name: variant } }, await t.token("rep2.coal@demo.test"));
      expect(codes(r)).toEqual(["CONFLICT"]);
      expect(r.errors![0].message).toContain("Coal Rep One");
      expect(r.errors![0].extensions).toMatchObject({ field: "name", ownerName: "Coal Rep One" });
      expect(r.data).toBeNull();
    }
    expect(await countNamed(base)).toBe(1);
    const original = await readAs("rep1.coal@demo.test", first.id);
    expect(original).toMatchObject({ name: base, version: 1, owner: { id: first.owner.id } });
  });

  it("the full-width form of a name already taken is the same name (ＡＢＣ vs abc)", async () => {
    const tag = `${run}${++seq}`.toUpperCase();
    const fw = (s: string) => s.replace(/[A-Za-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    await createAs("manager.coal@demo.test", { name: `${fw(`ABC${tag}`)} Coal` });
    const r = await t.gql(CREATE, { input: { name: `abc${tag.toLowerCase()} coal` } }, await t.token("head.coal@demo.test"));
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].message).toContain("Coal Sales Manager");
  });

  it("across territories says only that the account exists in another territory", async () => {
    const name = uniqueName("Shanxi Crossborder Energy");
    const regNo = uniqueRegNo();
    const first = await createAs("rep1.coal@demo.test", { name, registrationNo: regNo });
    for (const [email, input] of [
      ["rep1.food@demo.test", { name: name.toUpperCase() }],
      ["head.food@demo.test", { name: uniqueName("Other name"), registrationNo: regNo.toLowerCase() }],
    ] as const) {
      const r = await t.gql(CREATE, { input }, await t.token(email));
      expect(codes(r)).toEqual(["CONFLICT"]);
      const error = r.errors![0];
      expect(error.message).toMatch(/exists in another territory/);
      const text = JSON.stringify(error);
      expect(text).not.toContain("Coal Rep One");
      expect(error.message).not.toMatch(new RegExp(`\\b${first.id}\\b`));
      expect(error.extensions).toEqual({ code: "CONFLICT", reason: "DUPLICATE", field: error.extensions!.field });
    }
    expect(await countNamed(name)).toBe(1);
    expect(await readAs("rep1.coal@demo.test", first.id)).toMatchObject({ name, registrationNo: regNo, version: 1, territory: { code: "COAL" } });
  });

  it("compares registration numbers without spaces, dashes or case", async () => {
    const regNo = uniqueRegNo();
    const first = await createAs("rep2.coal@demo.test", { name: uniqueName("Hebei Steel"), registrationNo: regNo });
    const spaced = `${regNo.slice(0, 4)} ${regNo.slice(4, 8)}-${regNo.slice(8)}`.toLowerCase();
    const r = await t.gql(CREATE, { input: { name: uniqueName("Different Steel"), registrationNo: spaced } }, await t.token("rep1.coal@demo.test"));
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].extensions).toMatchObject({ field: "registrationNo", ownerName: "Coal Rep Two" });
    expect(await readAs("rep2.coal@demo.test", first.id)).toMatchObject({ registrationNo: regNo, version: 1 });
  });

  it("tells accented letters apart on every database, and still ignores case and spacing around them", async () => {
    const tag = `${run}${++seq}`;
    const accented = await createAs("manager.coal@demo.test", { name: `Café ${tag} Ltd` });
    const plain = await createAs("manager.coal@demo.test", { name: `Cafe ${tag} Ltd` });
    expect(plain.id).not.toBe(accented.id);
    expect(await countNamed(`Café ${tag}`)).toBe(1);
    expect(await countNamed(`Cafe ${tag}`)).toBe(1);
    const r = await t.gql(CREATE, { input: { name: `CAFÉ  ${tag.toUpperCase()}  LTD` } }, await t.token("head.coal@demo.test"));
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].extensions).toMatchObject({ field: "name", ownerName: "Coal Sales Manager" });
    expect(await countNamed(`Café ${tag}`)).toBe(1);
  });

  it("lets exactly one of two creates sent at once with the same name through", async () => {
    const name = uniqueName("Simultaneous");
    const tokens = [await t.token("rep1.coal@demo.test"), await t.token("rep2.coal@demo.test")];
    const results = await Promise.all(tokens.map((token) => t.gql(CREATE, { input: { name } }, token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(codes)).toEqual(["CONFLICT"]);
    expect(await countNamed(name)).toBe(1);
  });

  it("refuses renaming an account onto another's name, and leaves it unchanged", async () => {
    const taken = uniqueName("Taken Name");
    await createAs("manager.coal@demo.test", { name: taken });
    const mine = await createAs("manager.coal@demo.test", { name: uniqueName("Free Name") });
    const r = await t.gql(UPDATE, { id: mine.id, version: 1, input: { name: taken.toLowerCase() } }, await t.token("manager.coal@demo.test"));
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(await readAs("manager.coal@demo.test", mine.id)).toMatchObject({ name: mine.name, version: 1 });
  });
});

describe("approval of new accounts", () => {
  it("a rep's new account is PENDING; the rep may not approve it; their manager may, once", async () => {
    const account = await createAs("rep1.coal@demo.test", { name: uniqueName("Pending Power") });
    expect(account.approvalStatus).toBe("PENDING");
    const self = await t.gql(APPROVE, { id: account.id }, await t.token("rep1.coal@demo.test"));
    expect(codes(self)).toEqual(["FORBIDDEN"]);
    expect((await readAs("rep1.coal@demo.test", account.id)).approvalStatus).toBe("PENDING");
    const otherManager = await t.gql(APPROVE, { id: account.id }, await t.token("manager.food@demo.test"));
    expect(codes(otherManager)).toEqual(["NOT_FOUND"]);
    const ok = await t.gql(APPROVE, { id: account.id }, await t.token("manager.coal@demo.test"));
    expect(ok.errors).toBeUndefined();
    expect(ok.data.approveAccount).toEqual({ id: account.id, approvalStatus: "APPROVED", version: 2 });
    const twice = await t.gql(APPROVE, { id: account.id }, await t.token("head.coal@demo.test"));
    expect(codes(twice)).toEqual(["CONFLICT"]);
    const trail = await t.gql(AUDIT, { type: "Account", id: account.id }, await t.token("manager.coal@demo.test"));
    expect(trail.data.auditTrail.map((e: { action: string }) => e.action)).toEqual(["CREATE", "APPROVE"]);
  });

  it("the territory head approves too; a head of another territory cannot find it", async () => {
    const account = await createAs("rep2.coal@demo.test", { name: uniqueName("Pending Cement") });
    expect(account.approvalStatus).toBe("PENDING");
    expect(codes(await t.gql(APPROVE, { id: account.id }, await t.token("head.food@demo.test")))).toEqual(["NOT_FOUND"]);
    const ok = await t.gql(APPROVE, { id: account.id }, await t.token("head.coal@demo.test"));
    expect(ok.data.approveAccount.approvalStatus).toBe("APPROVED");
  });

  it("accounts created by managers and heads need no approval", async () => {
    expect((await createAs("manager.coal@demo.test", { name: uniqueName("Direct") })).approvalStatus).toBe("APPROVED");
    expect((await createAs("head.food@demo.test", { name: uniqueName("Direct") })).approvalStatus).toBe("APPROVED");
  });
});

describe("stale versions", () => {
  it("an update with an old version is a CONFLICT and changes nothing; the right version bumps it by one", async () => {
    const account = await createAs("head.coal@demo.test", { name: uniqueName("Versioned") });
    const token = await t.token("head.coal@demo.test");
    const first = await t.gql(UPDATE, { id: account.id, version: 1, input: { industry: "Steel", creditLimit: "500000.00" } }, token);
    expect(first.errors).toBeUndefined();
    expect(first.data.updateAccount).toMatchObject({ version: 2, creditLimit: "500000.00" });
    const stale = await t.gql(UPDATE, { id: account.id, version: 1, input: { industry: "Cement", creditLimit: "1.00" } }, token);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", reason: "STALE_VERSION", field: "version", currentVersion: 2 });
    const now = await t.gql(`query($id: ID!) { account(id: $id) { industry creditLimit version } }`, { id: account.id }, token);
    expect(now.data.account).toEqual({ industry: "Steel", creditLimit: "500000.00", version: 2 });
    const future = await t.gql(UPDATE, { id: account.id, version: 3, input: { industry: "Cement" } }, token);
    expect(codes(future)).toEqual(["CONFLICT"]);
    const next = await t.gql(UPDATE, { id: account.id, version: 2, input: { industry: "Cement" } }, token);
    expect(next.data.updateAccount.version).toBe(3);
    // An amount with fewer decimals answers as the database keeps it, the same from the write as from a read.
    const short = await t.gql(UPDATE, { id: account.id, version: 3, input: { creditLimit: "12.5" } }, token);
    expect(short.data.updateAccount.creditLimit).toBe("12.50");
    expect((await t.gql(`query($id: ID!) { account(id: $id) { creditLimit } }`, { id: account.id }, token)).data.account.creditLimit).toBe("12.50");
  });

  it("contacts are versioned the same way", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Contact versions") });
    const token = await t.token("manager.coal@demo.test");
    const created = await t.gql(`mutation($input: CreateContactInput!) { createContact(input: $input) { id version } }`, { input: { accountId: account.id, name: "Wang Wei" } }, token);
    const id = created.data.createContact.id;
    const UPDATE_CONTACT = `mutation($id: ID!, $version: Int!, $input: UpdateContactInput!) { updateContact(id: $id, version: $version, input: $input) { title version } }`;
    expect((await t.gql(UPDATE_CONTACT, { id, version: 1, input: { title: "Buyer" } }, token)).data.updateContact).toEqual({ title: "Buyer", version: 2 });
    const stale = await t.gql(UPDATE_CONTACT, { id, version: 1, input: { title: "Chief" } }, token);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect((await readAs("manager.coal@demo.test", account.id)).contacts).toEqual([{ id, name: "Wang Wei", version: 2 }]);
  });
});

describe("archiving", () => {
  it("takes the account out of the default list, shows it with archived: true, and refuses every later write", async () => {
    const token = await t.token("manager.coal@demo.test");
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Archived") });
    const contactId = (await t.gql(CREATE_CONTACT, { input: { accountId: account.id, name: "Sun Li" } }, token)).data.createContact.id;
    const archived = await t.gql(ARCHIVE, { id: account.id }, token);
    expect(archived.errors).toBeUndefined();
    expect(archived.data.archiveAccount).toEqual({ id: account.id, archivedAt: expect.any(String), version: 2 });

    expect(await countNamed(account.name)).toBe(0);
    const ARCHIVED = `query($name: String!) { accounts(first: 10, filter: { name: $name, archived: true }) { totalCount edges { node { id archivedAt } } } }`;
    const shown = await t.gql(ARCHIVED, { name: account.name }, token);
    expect(shown.data.accounts).toEqual({ totalCount: 1, edges: [{ node: { id: account.id, archivedAt: archived.data.archiveAccount.archivedAt } }] });

    const rep2 = await t.userId("rep2.coal@demo.test");
    const writes: [string, Record<string, unknown>][] = [
      [UPDATE, { id: account.id, version: 2, input: { industry: "Steel" } }],
      [TRANSFER, { id: account.id, ownerId: rep2 }],
      [CREATE_CONTACT, { input: { accountId: account.id, name: "Late Contact" } }],
      [UPDATE_CONTACT, { id: contactId, version: 1, input: { title: "Buyer" } }],
      [LOG, { input: { type: "CALL", subject: "After the archive", accountId: account.id } }],
      [ARCHIVE, { id: account.id }],
    ];
    for (const [document, variables] of writes) {
      const r = await t.gql(document, variables, token);
      expect(codes(r)).toEqual(["CONFLICT"]);
      expect(r.errors![0].message).toMatch(new RegExp(`Account ${account.id} is (already )?archived`));
      expect(r.errors![0].extensions!.reason).toBe(document === ARCHIVE ? "ALREADY_DECIDED" : "ARCHIVED");
    }
    expect(await readAs("manager.coal@demo.test", account.id)).toMatchObject({
      version: 2, industry: null, owner: { id: account.owner.id }, contacts: [{ id: contactId, name: "Sun Li", version: 1 }], activities: [], lastContactAt: null,
    });
    const trail = await t.gql(AUDIT, { type: "Account", id: account.id }, token);
    expect(trail.data.auditTrail.map((e: { action: string }) => e.action)).toEqual(["CREATE", "ARCHIVE"]);
  });

  it("refuses approving a pending account once archived, and claiming an archived one from the pool", async () => {
    const pending = await createAs("rep1.coal@demo.test", { name: uniqueName("Archived pending") });
    const manager = await t.token("manager.coal@demo.test");
    expect((await t.gql(ARCHIVE, { id: pending.id }, manager)).errors).toBeUndefined();
    const approve = await t.gql(APPROVE, { id: pending.id }, manager);
    expect(codes(approve)).toEqual(["CONFLICT"]);
    expect(approve.errors![0].message).toBe(`Account ${pending.id} is archived`);
    expect((await readAs("manager.coal@demo.test", pending.id)).approvalStatus).toBe("PENDING");

    const rep = await t.token("rep1.coal@demo.test");
    const pool = await t.gql(`{ accounts(first: 1, filter: { inPublicPool: true }) { edges { node { id } } } }`, {}, rep);
    const pooled = pool.data.accounts.edges[0].node.id;
    expect((await t.gql(ARCHIVE, { id: pooled }, await t.token("head.coal@demo.test"))).errors).toBeUndefined();
    const claim = await t.gql(`mutation($id: ID!) { claimAccount(id: $id) { id } }`, { id: pooled }, rep);
    expect(codes(claim)).toEqual(["CONFLICT"]);
    expect(claim.errors![0].message).toBe(`Account ${pooled} is archived`);
    expect(await readAs("head.coal@demo.test", pooled)).toMatchObject({ owner: null, version: 2 });
  });
});

describe("contacts", () => {
  it("lists key persons first, and audits a change of key person as KEY_PERSON_CHANGE", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Key persons") });
    const token = await t.token("manager.coal@demo.test");
    const ids: Record<string, string> = {};
    for (const [name, isKeyPerson] of [["Zhou Bo", true], ["An Qi", false], ["Bai Lu", true], ["Cao Yu", false]] as const) {
      const r = await t.gql(CREATE_CONTACT, { input: { accountId: account.id, name, isKeyPerson } }, token);
      expect(r.errors).toBeUndefined();
      ids[name] = r.data.createContact.id;
    }
    const CONTACTS = `query($id: ID!) { account(id: $id) { contacts { name isKeyPerson } } }`;
    const listed = async () => (await t.gql(CONTACTS, { id: account.id }, token)).data.account.contacts.map((c: { name: string; isKeyPerson: boolean }) => [c.name, c.isKeyPerson]);
    expect(await listed()).toEqual([["Bai Lu", true], ["Zhou Bo", true], ["An Qi", false], ["Cao Yu", false]]);

    expect((await t.gql(UPDATE_CONTACT, { id: ids["An Qi"], version: 1, input: { isKeyPerson: true } }, token)).data.updateContact.version).toBe(2);
    expect((await t.gql(UPDATE_CONTACT, { id: ids["Zhou Bo"], version: 1, input: { isKeyPerson: false, title: "Adviser" } }, token)).errors).toBeUndefined();
    expect((await t.gql(UPDATE_CONTACT, { id: ids["Cao Yu"], version: 1, input: { title: "Buyer" } }, token)).errors).toBeUndefined();
    expect(await listed()).toEqual([["An Qi", true], ["Bai Lu", true], ["Cao Yu", false], ["Zhou Bo", false]]);

    const trail = async (name: string) => (await t.gql(AUDIT, { type: "Contact", id: ids[name] }, token)).data.auditTrail.map((e: { action: string; changes: unknown }) => [e.action, e.changes]);
    expect((await trail("An Qi")).at(-1)).toEqual(["KEY_PERSON_CHANGE", { isKeyPerson: { from: false, to: true } }]);
    expect((await trail("Zhou Bo")).at(-1)).toEqual(["KEY_PERSON_CHANGE", { title: { from: null, to: "Adviser" }, isKeyPerson: { from: true, to: false } }]);
    expect((await trail("Cao Yu")).map(([action]: [string]) => action)).toEqual(["CREATE", "UPDATE"]);
  });
});

describe("role limits on writes", () => {
  it("a rep may not set a tier or credit terms; finance may set credit but not rename", async () => {
    const account = await createAs("rep1.coal@demo.test", { name: uniqueName("Limits") });
    const rep = await t.token("rep1.coal@demo.test");
    expect(codes(await t.gql(CREATE, { input: { name: uniqueName("Tiered"), tier: "STRATEGIC" } }, rep))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(UPDATE, { id: account.id, version: 1, input: { tier: "KEY" } }, rep))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(UPDATE, { id: account.id, version: 1, input: { creditTermsDays: 30 } }, rep))).toEqual(["FORBIDDEN"]);
    const finance = await t.token("finance.coal@demo.test");
    expect(codes(await t.gql(UPDATE, { id: account.id, version: 1, input: { name: "Renamed" } }, finance))).toEqual(["FORBIDDEN"]);
    const credit = await t.gql(UPDATE, { id: account.id, version: 1, input: { creditTermsDays: 45, riskGrade: "HIGH" } }, finance);
    expect(credit.data.updateAccount).toMatchObject({ creditTermsDays: 45, riskGrade: "HIGH", version: 2 });
    expect((await readAs("rep1.coal@demo.test", account.id)).name).toBe(account.name);
  });

  it("nobody creates an account in another territory except an executive", async () => {
    const name = uniqueName("Elsewhere");
    expect(codes(await t.gql(CREATE, { input: { name, territoryId: territoryIds.FOOD } }, await t.token("head.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    expect(await countNamed(name)).toBe(0);
    const exec = await t.gql(CREATE, { input: { name, territoryId: territoryIds.FOOD } }, await t.token("exec@demo.test"));
    expect(exec.data.createAccount.territory).toEqual({ code: "FOOD" });
    expect(codes(await t.gql(CREATE, { input: { name: uniqueName("No territory") } }, await t.token("exec@demo.test")))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("writes outside the reach", () => {
  it("are NOT_FOUND, exactly as for a record that does not exist, and change nothing", async () => {
    const account = await createAs("head.coal@demo.test", { name: uniqueName("Out of reach") });
    const head = await t.token("head.coal@demo.test");
    const contact = await t.gql(`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, { input: { accountId: account.id, name: "Zhao Lei" } }, head);
    const contactId = contact.data.createContact.id;
    const writes: [string, (id: string) => Record<string, unknown>][] = [
      [UPDATE, (id) => ({ id, version: 1, input: { industry: "Steel" } })],
      [APPROVE, (id) => ({ id })],
      [`mutation($id: ID!) { archiveAccount(id: $id) { id } }`, (id) => ({ id })],
      [`mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, (id) => ({ input: { accountId: id, name: "Intruder" } })],
      [`mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`, (id) => ({ input: { type: "NOTE", subject: "Intruder", accountId: id } })],
    ];
    for (const email of ["head.food@demo.test", "manager.food@demo.test", "rep1.food@demo.test", "rep1.coal@demo.test"]) {
      const token = await t.token(email);
      for (const [document, variables] of writes) {
        const outside = await t.gql(document, variables(account.id), token);
        const missing = await t.gql(document, variables("987654"), token);
        const allowed = codes(outside)[0] !== "FORBIDDEN";
        if (allowed) {
          expect(codes(outside)).toEqual(["NOT_FOUND"]);
          expect(outside.errors![0].message).toBe(missing.errors![0].message.replace("987654", account.id));
        }
      }
      const UPDATE_CONTACT = `mutation($id: ID!, $version: Int!, $input: UpdateContactInput!) { updateContact(id: $id, version: $version, input: $input) { id } }`;
      expect(codes(await t.gql(UPDATE_CONTACT, { id: contactId, version: 1, input: { title: "Spy" } }, token))).toEqual(["NOT_FOUND"]);
    }
    const after = await readAs("head.coal@demo.test", account.id);
    expect(after).toMatchObject({ version: 1, industry: null, approvalStatus: "APPROVED", contacts: [{ id: contactId, name: "Zhao Lei", version: 1 }], activities: [] });
  });
});

describe("bad input on every mutation names the field, and writes nothing", () => {
  it("createAccount", async () => {
    const token = await t.token("head.coal@demo.test");
    const long = "x".repeat(201);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: long }, "name"],
      // 150 characters that NFKC expands to 300 ("㎏" -> "kg"): too long for the duplicate key.
      [{ name: "\u338f".repeat(150) }, "name"],
      // Nothing but invisible characters: no name to show, nor to compare duplicates by.
      [{ name: "\u200b\u200d\u00ad" }, "name"],
      [{ name: uniqueName("Bad reg"), registrationNo: "12" }, "registrationNo"],
      [{ name: uniqueName("Bad reg"), registrationNo: "91-!!!!-????-0000" }, "registrationNo"],
      [{ name: uniqueName("Bad territory"), territoryId: "abc" }, "territoryId"],
      [{ name: uniqueName("Bad industry"), industry: "i".repeat(81) }, "industry"],
    ];
    for (const [input, field] of cases) {
      const r = await t.gql(CREATE, { input }, token);
      expectBadInput(r, field);
      if (typeof input.name === "string" && input.name.replace(/\p{Cf}/gu, "").trim() !== "") expect(await countNamed(input.name.slice(0, 200))).toBe(0);
    }
    const missingTerritory = await t.gql(CREATE, { input: { name: uniqueName("Missing territory"), territoryId: "99999" } }, await t.token("exec@demo.test"));
    expectBadInput(missingTerritory, "territoryId");
    expect(await countNamed(long.slice(0, 200))).toBe(0);
    // Invisible characters and bidi overrides are not kept in the name a reader sees.
    const named = uniqueName("Visible");
    const hidden = await createAs("head.coal@demo.test", { name: `\u202e${named.slice(0, 3)}\u200b${named.slice(3)}\u00ad` });
    expect(hidden.name).toBe(named);
  });

  it("updateAccount", async () => {
    const account = await createAs("head.coal@demo.test", { name: uniqueName("Update input") });
    const token = await t.token("head.coal@demo.test");
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "  " }, "name"],
      [{ name: null }, "name"],
      [{ name: "n".repeat(201) }, "name"],
      [{ name: "\u338f".repeat(150) }, "name"],
      // Nothing but invisible characters: no name to show, nor to compare duplicates by.
      [{ name: "\u200b\u200d\u00ad" }, "name"],
      [{ registrationNo: "abc" }, "registrationNo"],
      [{ creditTermsDays: 400 }, "creditTermsDays"],
      [{ creditTermsDays: -1 }, "creditTermsDays"],
      [{ creditLimit: "-5.00" }, "creditLimit"],
      [{ creditLimit: "12.345" }, "creditLimit"],
      [{ status: null }, "status"],
      [{ creditLimit: "1".repeat(17) }, "creditLimit"],
      [{ riskGrade: "EXTREME" }, "riskGrade"],
      [{ tier: "PLATINUM" }, "tier"],
      [{ creditTermsDays: "thirty" }, "creditTermsDays"],
    ];
    for (const [input, field] of cases) expectBadInput(await t.gql(UPDATE, { id: account.id, version: 1, input }, token), field);
    expectBadInput(await t.gql(UPDATE, { id: "x1", version: 1, input: { industry: "Steel" } }, token), "id");
    const after = await readAs("head.coal@demo.test", account.id);
    expect(after).toMatchObject({ name: account.name, registrationNo: null, version: 1 });
    const trail = await t.gql(AUDIT, { type: "Account", id: account.id }, token);
    expect(trail.data.auditTrail.map((e: { action: string }) => e.action)).toEqual(["CREATE"]);
  });

  it("createContact and updateContact", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Contact input") });
    const token = await t.token("manager.coal@demo.test");
    const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`;
    const base = { accountId: account.id, name: "Li Ping" };
    const tomorrow = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, name: "" }, "name"],
      [{ ...base, name: "   " }, "name"],
      [{ ...base, email: "not-an-email" }, "email"],
      [{ ...base, birthday: "2023-02-30" }, "birthday"],
      [{ ...base, birthday: "1980-13-01" }, "birthday"],
      [{ ...base, birthday: "01/02/1980" }, "birthday"],
      [{ ...base, birthday: tomorrow }, "birthday"],
      [{ ...base, phone: "call me maybe" }, "phone"],
      [{ ...base, accountId: "abc" }, "accountId"],
      [{ ...base, birthday: "1981-02-29" }, "birthday"],
      [{ ...base, birthday: "" }, "birthday"],
      [{ ...base, name: "n".repeat(121) }, "name"],
      [{ ...base, isKeyPerson: "yes" }, "isKeyPerson"],
    ];
    for (const [input, field] of cases) expectBadInput(await t.gql(CREATE_CONTACT, { input }, token), field);
    expect((await readAs("manager.coal@demo.test", account.id)).contacts).toEqual([]);
    const missing = await t.gql(CREATE_CONTACT, { input: { ...base, accountId: "987654" } }, token);
    expect(codes(missing)).toEqual(["NOT_FOUND"]);

    const created = await t.gql(CREATE_CONTACT, { input: { ...base, email: "li.ping@example.com", birthday: "1980-02-29", phone: "+86 138 0000 0000" } }, token);
    expect(created.errors).toBeUndefined();
    const id = created.data.createContact.id;
    const UPDATE_CONTACT = `mutation($id: ID!, $version: Int!, $input: UpdateContactInput!) { updateContact(id: $id, version: $version, input: $input) { id } }`;
    const updates: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: null }, "name"],
      [{ email: "li.ping@" }, "email"],
      [{ birthday: "2023-02-30" }, "birthday"],
      [{ phone: "12" }, "phone"],
    ];
    for (const [input, field] of updates) expectBadInput(await t.gql(UPDATE_CONTACT, { id, version: 1, input }, token), field);
    expectBadInput(await t.gql(UPDATE_CONTACT, { id: "-3", version: 1, input: { title: "x" } }, token), "id");
    const contact = await t.gql(`query($id: ID!) { account(id: $id) { contacts { name email birthday phone version } } }`, { id: account.id }, token);
    expect(contact.data.account.contacts).toEqual([{ name: "Li Ping", email: "li.ping@example.com", birthday: "1980-02-29", phone: "+86 138 0000 0000", version: 1 }]);
  });

  it("logActivity", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Activity input") });
    const token = await t.token("manager.coal@demo.test");
    const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`;
    const base = { type: "CALL", subject: "Price talk", accountId: account.id };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, subject: "" }, "subject"],
      [{ ...base, subject: "   " }, "subject"],
      [{ ...base, subject: "s".repeat(201) }, "subject"],
      [{ ...base, accountId: "abc" }, "accountId"],
      [{ ...base, doneAt: new Date(Date.now() + 3 * 86400_000).toISOString() }, "doneAt"],
      [{ ...base, outcome: "o".repeat(1001) }, "outcome"],
      [{ ...base, ownerId: "x" }, "ownerId"],
    ];
    for (const [input, field] of cases) expectBadInput(await t.gql(LOG, { input }, token), field);
    expectBadInput(await t.gql(LOG, { input: { ...base, type: "SMOKE_SIGNAL" } }, token), "type");
    expect(codes(await t.gql(LOG, { input: { ...base, accountId: "987654" } }, token))).toEqual(["NOT_FOUND"]);
    const after = await readAs("manager.coal@demo.test", account.id);
    expect(after.activities).toEqual([]);
    expect(after.lastContactAt).toBeNull();
  });

  it("transferAccount, approveAccount, archiveAccount and claimAccount", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Transfer input") });
    const token = await t.token("manager.coal@demo.test");
    expectBadInput(await t.gql(TRANSFER, { id: account.id, ownerId: "abc" }, token), "ownerId");
    expectBadInput(await t.gql(TRANSFER, { id: account.id, ownerId: "987654" }, token), "ownerId");
    expectBadInput(await t.gql(TRANSFER, { id: account.id, ownerId: await t.userId("finance.coal@demo.test") }, token), "ownerId");
    expectBadInput(await t.gql(TRANSFER, { id: "0", ownerId: await t.userId("rep1.coal@demo.test") }, token), "id");
    expectBadInput(await t.gql(APPROVE, { id: "1.5" }, token), "id");
    expectBadInput(await t.gql(`mutation($id: ID!) { archiveAccount(id: $id) { id } }`, { id: "" }, token), "id");
    expectBadInput(await t.gql(`mutation($id: ID!) { claimAccount(id: $id) { id } }`, { id: "abc" }, await t.token("rep1.coal@demo.test")), "id");
    const after = await readAs("manager.coal@demo.test", account.id);
    expect(after).toMatchObject({ version: 1, owner: { id: account.owner.id } });
  });

  it("setFollowUpPolicy, runFollowUpSweep, addHoliday, auditTrail, careReminders", async () => {
    const head = await t.token("head.coal@demo.test");
    const SET = `mutation($t: ID!, $input: FollowUpPolicyInput!) { setFollowUpPolicy(territoryId: $t, input: $input) { reclaimDays } }`;
    const GET = `query($t: ID!) { followUpPolicy(territoryId: $t) { warnFirstDays warnSecondDays reclaimDays maxClaimedPerRep careReminderDays } }`;
    const before = (await t.gql(GET, { t: territoryIds.COAL }, head)).data.followUpPolicy;
    expect(before).toEqual({ warnFirstDays: 30, warnSecondDays: 60, reclaimDays: 90, maxClaimedPerRep: 50, careReminderDays: 7 });
    const good = { warnFirstDays: 30, warnSecondDays: 60, reclaimDays: 90, maxClaimedPerRep: 50, careReminderDays: 7 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, reclaimDays: 60 }, "reclaimDays"],
      [{ ...good, reclaimDays: 45 }, "reclaimDays"],
      [{ ...good, warnSecondDays: 30 }, "warnSecondDays"],
      [{ ...good, warnFirstDays: 0 }, "warnFirstDays"],
      [{ ...good, maxClaimedPerRep: -1 }, "maxClaimedPerRep"],
      [{ ...good, careReminderDays: 400 }, "careReminderDays"],
    ];
    for (const [input, field] of cases) expectBadInput(await t.gql(SET, { t: territoryIds.COAL, input }, head), field);
    expectBadInput(await t.gql(SET, { t: "abc", input: good }, head), "territoryId");
    expectBadInput(await t.gql(SET, { t: "99999", input: good }, await t.token("exec@demo.test")), "territoryId");
    expect((await t.gql(GET, { t: territoryIds.COAL }, head)).data.followUpPolicy).toEqual(before);

    const exec = await t.token("exec@demo.test");
    expectBadInput(await t.gql(`mutation($asOf: DateTimeISO!) { runFollowUpSweep(asOf: $asOf) { reclaimed } }`, { asOf: "next tuesday" }, exec), "asOf");
    const HOLIDAY = `mutation($name: String!, $date: String!) { addHoliday(name: $name, date: $date) { id } }`;
    expectBadInput(await t.gql(HOLIDAY, { name: "Spring Festival", date: "2027-13-01" }, exec), "date");
    expectBadInput(await t.gql(HOLIDAY, { name: " ", date: "2027-02-06" }, exec), "name");
    expectBadInput(await t.gql(HOLIDAY, { name: "Leap Day", date: "2027-02-29" }, exec), "date");
    expectBadInput(await t.gql(HOLIDAY, { name: "Not a Day", date: "2027-02-30" }, exec), "date");
    expectBadInput(await t.gql(HOLIDAY, { name: "h".repeat(81), date: "2027-02-06" }, exec), "name");
    const manager = await t.token("manager.coal@demo.test");
    expectBadInput(await t.gql(AUDIT, { type: "Spaceship", id: "1" }, manager), "entityType");
    expectBadInput(await t.gql(AUDIT, { type: "Account", id: "one" }, manager), "entityId");
    expectBadInput(await t.gql(`query($d: Int) { careReminders(days: $d) { title } }`, { d: 100 }, manager), "days");
    expectBadInput(await t.gql(`query($d: Int) { careReminders(days: $d) { title } }`, { d: 61 }, manager), "days");
    expectBadInput(await t.gql(`query($d: Int) { careReminders(days: $d) { title } }`, { d: "a week" }, manager), "days");
  });

  it("a value GraphQL refuses in the variables names the field exactly, not the variable", async () => {
    const account = await createAs("head.coal@demo.test", { name: uniqueName("Variable input") });
    const token = await t.token("head.coal@demo.test");
    const cases: [string, Record<string, unknown>, string][] = [
      [UPDATE, { id: account.id, version: 1, input: { creditLimit: "12.345" } }, "creditLimit"],
      [UPDATE, { id: account.id, version: 1, input: { riskGrade: "EXTREME" } }, "riskGrade"],
      [CREATE, { input: { name: uniqueName("Tier"), tier: "PLATINUM" } }, "tier"],
      [CREATE, { input: {} }, "name"],
      [`query($f: AccountFilter) { accounts(first: 1, filter: $f) { totalCount } }`, { f: { followUpState: "SOON" } }, "followUpState"],
      [`query($first: Int) { accounts(first: $first) { totalCount } }`, { first: "many" }, "first"],
    ];
    for (const [query, variables, field] of cases) {
      const r = await t.gql(query, variables, token);
      expect({ field, codes: codes(r), extensions: r.errors?.[0].extensions, head: r.errors?.[0].message.split(":")[0] }).toEqual({ field, codes: ["BAD_USER_INPUT"], extensions: { code: "BAD_USER_INPUT", field }, head: field });
    }
    expect(await readAs("head.coal@demo.test", account.id)).toMatchObject({ version: 1 });
  });

  it("accounts: page size, cursor and filter arguments", async () => {
    const token = await t.token("exec@demo.test");
    const LIST = `query($first: Int, $after: String, $filter: AccountFilter) { accounts(first: $first, after: $after, filter: $filter) { totalCount } }`;
    expectBadInput(await t.gql(LIST, { first: 500 }, token), "first");
    expectBadInput(await t.gql(LIST, { first: 0 }, token), "first");
    expectBadInput(await t.gql(LIST, { first: -1 }, token), "first");
    expectBadInput(await t.gql(LIST, { after: "not-a-cursor" }, token), "after");
    expectBadInput(await t.gql(LIST, { filter: { ownerId: "me" } }, token), "filter.ownerId");
    expectBadInput(await t.gql(LIST, { filter: { territoryId: "coal" } }, token), "filter.territoryId");
    expectBadInput(await t.gql(`query($id: ID!) { account(id: $id) { id } }`, { id: "abc" }, token), "id");
  });
});

describe("the public pool", () => {
  const POOLED = `{ accounts(first: 3, filter: { inPublicPool: true }) { edges { node { id version contacts { id version } } } } }`;
  const CLAIM = `mutation($id: ID!) { claimAccount(id: $id) { id version owner { id } } }`;
  const OPPORTUNITY = `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`;

  it("is read-only for reps and managers until claimed: no update, contact, activity, opportunity or transfer, and nothing changes", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const manager = await t.token("manager.coal@demo.test");
    const [pooled] = (await t.gql(POOLED, {}, rep)).data.accounts.edges.map((e: { node: unknown }) => e.node);
    const contact = (await t.gql(CREATE_CONTACT, { input: { accountId: pooled.id, name: "Pool Contact" } }, await t.token("head.coal@demo.test"))).data.createContact;
    const before = await readAs("head.coal@demo.test", pooled.id);
    const rep2 = await t.userId("rep2.coal@demo.test");
    const writes: [string, string, Record<string, unknown>][] = [
      [rep, UPDATE, { id: pooled.id, version: before.version, input: { name: uniqueName("Renamed pool") } }],
      [rep, UPDATE, { id: pooled.id, version: before.version, input: { status: "ACTIVE" } }],
      [rep, CREATE_CONTACT, { input: { accountId: pooled.id, name: "Sneaky Contact" } }],
      [rep, UPDATE_CONTACT, { id: contact.id, version: contact.version, input: { title: "Buyer" } }],
      [rep, LOG, { input: { type: "CALL", subject: "Working the pool", accountId: pooled.id } }],
      [rep, OPPORTUNITY, { input: { accountId: pooled.id, name: "Pool deal", amount: "1000.00", expectedCloseDate: "2027-06-30" } }],
      [manager, UPDATE, { id: pooled.id, version: before.version, input: { industry: "Steel" } }],
      [manager, TRANSFER, { id: pooled.id, ownerId: rep2 }],
      [manager, LOG, { input: { type: "VISIT", subject: "Manager visit", accountId: pooled.id } }],
    ];
    for (const [token, document, variables] of writes) {
      const r = await t.gql(document, variables, token);
      expect({ document, codes: codes(r), reason: r.errors?.[0].extensions?.reason }).toEqual({ document, codes: ["FAILED_PRECONDITION"], reason: "IN_PUBLIC_POOL" });
    }
    expect(await readAs("head.coal@demo.test", pooled.id)).toEqual(before);
  });

  it("takes writes once a rep has claimed it, and a head may transfer it out of the pool", async () => {
    const rep = await t.token("rep2.coal@demo.test");
    const [first, second] = (await t.gql(POOLED, {}, rep)).data.accounts.edges.map((e: { node: { id: string } }) => e.node);
    const claimed = await t.gql(CLAIM, { id: first.id }, rep);
    expect(claimed.errors).toBeUndefined();
    const UPDATE_INDUSTRY = `mutation($id: ID!, $version: Int!, $input: UpdateAccountInput!) { updateAccount(id: $id, version: $version, input: $input) { industry } }`;
    const changed = await t.gql(UPDATE_INDUSTRY, { id: first.id, version: claimed.data.claimAccount.version, input: { industry: "Coke" } }, rep);
    expect(changed.data).toEqual({ updateAccount: { industry: "Coke" } });
    const rep1 = await t.userId("rep1.coal@demo.test");
    const moved = await t.gql(TRANSFER, { id: second.id, ownerId: rep1 }, await t.token("head.coal@demo.test"));
    expect(moved.errors).toBeUndefined();
    expect(moved.data.transferAccount.owner.id).toBe(rep1);
    expect((await t.gql(LOG, { input: { type: "CALL", subject: "Now mine", accountId: second.id } }, await t.token("rep1.coal@demo.test"))).errors).toBeUndefined();
  });
});

describe("transfers", () => {
  it("a manager transfers within the team, and the audit trail shows the owner change", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Team transfer") });
    const token = await t.token("manager.coal@demo.test");
    const [manager, rep2] = [account.owner.id, await t.userId("rep2.coal@demo.test")];
    const r = await t.gql(TRANSFER, { id: account.id, ownerId: rep2 }, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.transferAccount).toMatchObject({ owner: { id: rep2 }, territory: { code: "COAL" }, version: 2 });
    expect((await readAs("rep2.coal@demo.test", account.id)).owner.id).toBe(rep2);
    const trail = await t.gql(AUDIT, { type: "Account", id: account.id }, token);
    const transfer = trail.data.auditTrail.find((e: { action: string }) => e.action === "TRANSFER");
    expect(transfer.actor).toBe(`user:${manager}`);
    expect(transfer.changes.ownerId).toEqual({ from: Number(manager), to: Number(rep2) });
    expect(codes(await t.gql(TRANSFER, { id: account.id, ownerId: rep2 }, token))).toEqual(["CONFLICT"]);
  });

  it("a manager may not give an account outside the team; a rep may not transfer at all", async () => {
    const account = await createAs("manager.coal@demo.test", { name: uniqueName("Outside team") });
    const head = await t.userId("head.coal@demo.test");
    expect(codes(await t.gql(TRANSFER, { id: account.id, ownerId: head }, await t.token("manager.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    const rep1 = await t.userId("rep1.coal@demo.test");
    expect(codes(await t.gql(TRANSFER, { id: account.id, ownerId: rep1 }, await t.token("rep2.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    expect((await readAs("manager.coal@demo.test", account.id)).owner.id).toBe(account.owner.id);
  });

  it("only an executive moves an account to another territory; the territory moves with it", async () => {
    const account = await createAs("head.coal@demo.test", { name: uniqueName("Moving") });
    const foodRep = await t.userId("rep1.food@demo.test");
    const refused = await t.gql(TRANSFER, { id: account.id, ownerId: foodRep }, await t.token("head.coal@demo.test"));
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(await readAs("head.coal@demo.test", account.id)).toMatchObject({ version: 1, territory: { code: "COAL" } });
    const moved = await t.gql(TRANSFER, { id: account.id, ownerId: foodRep }, await t.token("exec@demo.test"));
    expect(moved.errors).toBeUndefined();
    expect(moved.data.transferAccount).toMatchObject({ owner: { id: foodRep }, territory: { code: "FOOD" }, version: 2 });
    // It left the coal territory's reach and entered the food territory's.
    const coalView = await t.gql(READ, { id: account.id }, await t.token("head.coal@demo.test"));
    expect(coalView.data).toEqual({ account: null });
    expect((await readAs("rep1.food@demo.test", account.id)).territory.code).toBe("FOOD");
    const trail = await t.gql(AUDIT, { type: "Account", id: account.id }, await t.token("head.food@demo.test"));
    const transfer = trail.data.auditTrail.find((e: { action: string }) => e.action === "TRANSFER");
    expect(transfer.changes.ownerId.to).toBe(Number(foodRep));
    expect(transfer.changes.territoryId).toEqual({ from: Number(territoryIds.COAL), to: Number(territoryIds.FOOD) });
  });
});

describe("audit trail", () => {
  it("managers read it for accounts in reach, with each field's from and to", async () => {
    const account = await createAs("rep1.coal@demo.test", { name: uniqueName("Audited") });
    const approved = await t.gql(APPROVE, { id: account.id }, await t.token("manager.coal@demo.test"));
    const renamed = `${account.name} Ltd`;
    const update = await t.gql(
      `mutation($id: ID!, $version: Int!, $input: UpdateAccountInput!) { updateAccount(id: $id, version: $version, input: $input) { version } }`,
      { id: account.id, version: approved.data.approveAccount.version, input: { name: renamed, region: "Shanxi" } },
      await t.token("rep1.coal@demo.test"),
    );
    expect(update.errors).toBeUndefined();
    for (const email of ["manager.coal@demo.test", "head.coal@demo.test", "exec@demo.test", "ops.coal@demo.test"]) {
      const r = await t.gql(AUDIT, { type: "Account", id: account.id }, await t.token(email));
      expect(r.errors).toBeUndefined();
      const entries = r.data.auditTrail;
      expect(entries.map((e: { action: string }) => e.action)).toEqual(["CREATE", "APPROVE", "UPDATE"]);
      expect(entries[0].changes.name).toEqual({ from: null, to: account.name });
      expect(entries[2].changes).toEqual({ name: { from: account.name, to: renamed }, region: { from: null, to: "Shanxi" } });
      expect(entries[2].actor).toBe(`user:${account.owner.id}`);
      expect(Date.parse(entries[2].at)).not.toBeNaN();
    }
  });

  it("is NOT_FOUND outside the reach, exactly as for a record that does not exist, and FORBIDDEN for reps", async () => {
    const coal = await createAs("head.coal@demo.test", { name: uniqueName("Private history") });
    for (const email of ["manager.food@demo.test", "head.food@demo.test"]) {
      const outside = await t.gql(AUDIT, { type: "Account", id: coal.id }, await t.token(email));
      expect(codes(outside)).toEqual(["NOT_FOUND"]);
      const missing = await t.gql(AUDIT, { type: "Account", id: "987654" }, await t.token(email));
      expect(codes(missing)).toEqual(["NOT_FOUND"]);
      expect(outside.data).toBeNull();
    }
    // The coal manager reaches the team and the pool, not the head's own accounts.
    expect(codes(await t.gql(AUDIT, { type: "Account", id: coal.id }, await t.token("manager.coal@demo.test")))).toEqual(["NOT_FOUND"]);
    const own = await createAs("rep1.coal@demo.test", { name: uniqueName("Own history") });
    for (const email of ["rep1.coal@demo.test", "finance.coal@demo.test", "service.coal@demo.test", "marketing.coal@demo.test"]) {
      expect(codes(await t.gql(AUDIT, { type: "Account", id: own.id }, await t.token(email)))).toEqual(["FORBIDDEN"]);
    }
  });
});
