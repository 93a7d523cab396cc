import type { Client } from "graphql-ws";
import { ApiKey } from "../../src/org/api-key.entity";
import { startTestGateway, codes, type TestGateway } from "../../test/harness";

/**
 * The core's principals as the accounts module sees them: frozen users (over HTTP and WebSocket),
 * partner API keys (granted territories, confidential fields, revoked and expired keys) and the
 * login attempt limits.
 */

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id name prefix expiresAt revokedAt } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;
const FREEZE = `mutation($id: ID!) { freezeUser(id: $id) { id email frozen } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email } } }`;
const ACCOUNTS = `{ accounts(first: 100) { totalCount edges { node { id territory { code } } } } }`;

/** Resolves with the close code once the client's socket closes. */
function closed(client: Client): Promise<number> {
  return new Promise((resolve) => client.on("closed", (event) => resolve((event as { code: number }).code)));
}

/** Resolves once the client's socket is acknowledged. */
function connected(client: Client): Promise<void> {
  return new Promise((resolve) => client.on("connected", () => resolve()));
}

describe("with the demo data", () => {
  let t: TestGateway;
  let territoryIds: Record<"COAL" | "FOOD", string>;
  const inADay = () => new Date(Date.now() + 24 * 3600_000).toISOString();

  beforeAll(async () => {
    t = await startTestGateway();
    territoryIds = await t.territoryIds();
  });
  afterAll(() => t.stop());

  async function createKey(name: string, territories: string[], expiresAt: string | null = inADay()) {
    const r = await t.gql(CREATE_KEY, { input: { name, territoryIds: territories, expiresAt } }, await t.token("sysadmin@demo.test"));
    expect(r.errors).toBeUndefined();
    return r.data.createApiKey as { key: string; apiKey: { id: string; name: string; prefix: string; expiresAt: string } };
  }

  describe("frozen users", () => {
    it("a territory admin freezes a rep: the rep's existing token is refused at once, and so is logging in", async () => {
      const token = await t.token("rep2.coal@demo.test");
      const before = await t.gql(`{ accounts(filter: { inPublicPool: false }) { totalCount } }`, {}, token);
      expect(before.data.accounts.totalCount).toBeGreaterThan(0);
      const rep2 = await t.userId("rep2.coal@demo.test");
      const frozen = await t.gql(FREEZE, { id: rep2 }, await t.token("admin.coal@demo.test"));
      expect(frozen.errors).toBeUndefined();
      expect(frozen.data.freezeUser).toEqual({ id: rep2, email: "rep2.coal@demo.test", frozen: true });

      for (const query of [ACCOUNTS, `{ viewer { id } }`]) {
        const refused = await t.gql(query, {}, token);
        expect(refused.status).toBe(401);
        expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
        expect(refused.data).toBeUndefined();
      }
      const login = await t.gql(LOGIN, { e: "rep2.coal@demo.test", p: "demo-password" });
      expect(codes(login)).toEqual(["UNAUTHENTICATED"]);
      expect(login.data).toBeNull();

      // Their records stay, for a manager to reassign; nobody can give them new ones.
      const manager = await t.token("manager.coal@demo.test");
      const owned = await t.gql(`query($o: ID!) { accounts(first: 100, filter: { ownerId: $o }) { totalCount edges { node { id owner { id frozen } } } } }`, { o: rep2 }, manager);
      expect(owned.data.accounts.totalCount).toBe(before.data.accounts.totalCount);
      expect(owned.data.accounts.edges[0].node.owner).toEqual({ id: rep2, frozen: true });
      const accountId = owned.data.accounts.edges[0].node.id;
      const rep1 = await t.userId("rep1.coal@demo.test");
      const TRANSFER = `mutation($id: ID!, $o: ID!) { transferAccount(id: $id, ownerId: $o) { owner { id } } }`;
      expect((await t.gql(TRANSFER, { id: accountId, o: rep1 }, manager)).data.transferAccount.owner.id).toBe(rep1);
      const back = await t.gql(TRANSFER, { id: accountId, o: rep2 }, manager);
      expect(codes(back)).toEqual(["BAD_USER_INPUT"]);
      expect(back.errors![0].extensions!.field).toBe("ownerId");

      const trail = await t.gql(`query($id: ID!) { auditTrail(entityType: "User", entityId: $id) { action actor changes } }`, { id: rep2 }, await t.token("admin.coal@demo.test"));
      expect(trail.data.auditTrail).toEqual([{ action: "FREEZE", actor: `user:${await t.userId("admin.coal@demo.test")}`, changes: { frozen: { from: false, to: true } } }]);
      expect(codes(await t.gql(FREEZE, { id: rep2 }, await t.token("admin.coal@demo.test")))).toEqual(["CONFLICT"]);
    });

    it("a territory admin cannot freeze a user of another territory: NOT_FOUND, as for no user at all", async () => {
      const admin = await t.token("admin.coal@demo.test");
      const foodUser = await t.userId("marketing.food@demo.test");
      const other = await t.gql(FREEZE, { id: foodUser }, admin);
      expect(codes(other)).toEqual(["NOT_FOUND"]);
      const none = await t.gql(FREEZE, { id: "987654" }, admin);
      expect(other.errors![0].message).toBe(none.errors![0].message.replace("987654", foodUser));
      expect((await t.gql(`{ viewer { email } }`, {}, await t.token("marketing.food@demo.test"))).data.viewer.email).toBe("marketing.food@demo.test");
    });

    it("only admins freeze users; nobody freezes themselves", async () => {
      const target = await t.userId("finance.coal@demo.test");
      for (const email of ["head.coal@demo.test", "manager.coal@demo.test", "exec@demo.test"]) {
        expect(codes(await t.gql(FREEZE, { id: target }, await t.token(email)))).toEqual(["FORBIDDEN"]);
      }
      expect(codes(await t.gql(FREEZE, { id: await t.userId("admin.food@demo.test") }, await t.token("admin.food@demo.test")))).toEqual(["FORBIDDEN"]);
      expect((await t.gql(`{ viewer { email } }`, {}, await t.token("finance.coal@demo.test"))).data.viewer.email).toBe("finance.coal@demo.test");
    });

    it("closes the WebSocket of a user who is frozen, and refuses a new one", async () => {
      const token = await t.token("service.coal@demo.test");
      const client = t.ws(token);
      const closing = closed(client);
      const live = await client.iterate({ query: `{ accounts(first: 1) { totalCount } }` }).next();
      expect(live.value?.data).toEqual({ accounts: { totalCount: 36 } });

      const frozen = await t.gql(FREEZE, { id: await t.userId("service.coal@demo.test") }, await t.token("sysadmin@demo.test"));
      expect(frozen.data.freezeUser.frozen).toBe(true);
      expect(await closing).toBe(4403);

      const again = t.ws(token);
      const refused = closed(again);
      const acked = connected(again).then(() => "acknowledged");
      expect(await Promise.race([refused, acked])).toBe(4403);
      await expect(again.iterate({ query: `{ viewer { id } }` }).next()).rejects.toBeDefined();
    });
  });

  describe("API keys", () => {
    it("a system admin creates a key for COAL: it acts as PARTNER on COAL accounts only, without confidential fields", async () => {
      const { key, apiKey } = await createKey("Coal agent", [territoryIds.COAL]);
      expect(key).toMatch(/^crm_[0-9a-f]{12}_/);
      expect(key).toContain(apiKey.prefix);
      const list = await t.gql(ACCOUNTS, {}, key);
      expect(list.errors).toBeUndefined();
      expect(list.data.accounts.totalCount).toBe(36);
      expect(new Set(list.data.accounts.edges.map((e: { node: { territory: { code: string } } }) => e.node.territory.code))).toEqual(new Set(["COAL"]));

      const confidential = await t.gql(`{ accounts(first: 3, filter: { approvalStatus: APPROVED }) { edges { node { name creditLimit riskGrade contacts { name phone } } } } }`, {}, key);
      const node = confidential.data.accounts.edges[0].node;
      expect(node.name).toEqual(expect.any(String));
      expect(node).toMatchObject({ creditLimit: null, riskGrade: null });
      expect(node.contacts[0]).toEqual({ name: expect.any(String), phone: null });
      expect(new Set(codes(confidential))).toEqual(new Set(["FORBIDDEN"]));
      expect(confidential.errors!.some((e) => e.path!.join(".") === "accounts.edges.0.node.creditLimit")).toBe(true);
      expect(confidential.errors!.some((e) => e.path!.join(".") === "accounts.edges.0.node.contacts.0.phone")).toBe(true);

      const food = await t.gql(`{ accounts(first: 1) { edges { node { id } } } }`, {}, await t.token("head.food@demo.test"));
      const foodId = food.data.accounts.edges[0].node.id;
      expect((await t.gql(`query($id: ID!) { account(id: $id) { id } }`, { id: foodId }, key)).data).toEqual({ account: null });
    });

    it("a partner may read, not write, and reads no users or audit trails", async () => {
      const { key } = await createKey("Read only agent", [territoryIds.COAL]);
      const someAccount = (await t.gql(`{ accounts(first: 1) { edges { node { id } } } }`, {}, key)).data.accounts.edges[0].node.id;
      const writes: [string, Record<string, unknown>][] = [
        [`mutation { createAccount(input: { name: "Partner made" }) { id } }`, {}],
        [`mutation($id: ID!) { updateAccount(id: $id, version: 1, input: { industry: "x" }) { id } }`, { id: someAccount }],
        [`mutation($id: ID!) { createContact(input: { accountId: $id, name: "x" }) { id } }`, { id: someAccount }],
        [`mutation($id: ID!) { logActivity(input: { type: NOTE, subject: "x", accountId: $id }) { id } }`, { id: someAccount }],
        [`mutation($id: ID!) { claimAccount(id: $id) { id } }`, { id: someAccount }],
        [`{ users { id } }`, {}],
        [`query($id: ID!) { auditTrail(entityType: "Account", entityId: $id) { id } }`, { id: someAccount }],
        [CREATE_KEY, { input: { name: "Self-issued", territoryIds: [territoryIds.FOOD] } }],
      ];
      for (const [document, variables] of writes) expect(codes(await t.gql(document, variables, key))).toEqual(["FORBIDDEN"]);
      const exec = await t.token("exec@demo.test");
      const untouched = await t.gql(`query($id: ID!) { account(id: $id) { version industry contacts { name } } }`, { id: someAccount }, exec);
      expect(untouched.data.account.version).toBe(1);
      expect(untouched.data.account.contacts.map((c: { name: string }) => c.name)).not.toContain("x");
    });

    it("a revoked key is refused with UNAUTHENTICATED, over HTTP and on its open WebSocket", async () => {
      const { key, apiKey } = await createKey("Soon revoked", [territoryIds.COAL]);
      expect((await t.gql(ACCOUNTS, {}, key)).data.accounts.totalCount).toBe(36);
      const client = t.ws(key);
      const closing = closed(client);
      expect((await client.iterate({ query: `{ accounts(first: 1) { totalCount } }` }).next()).value?.data).toEqual({ accounts: { totalCount: 36 } });

      const revoked = await t.gql(REVOKE_KEY, { id: apiKey.id }, await t.token("sysadmin@demo.test"));
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
      const refused = await t.gql(ACCOUNTS, {}, key);
      expect(refused.status).toBe(401);
      expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
      expect(await closing).toBe(4403);
      expect(codes(await t.gql(REVOKE_KEY, { id: apiKey.id }, await t.token("sysadmin@demo.test")))).toEqual(["CONFLICT"]);
    });

    it("an expired key is refused with UNAUTHENTICATED, over HTTP and on a WebSocket opened before it expired", async () => {
      const expiresAt = new Date(Date.now() + 2000);
      const { key, apiKey } = await createKey("Short-lived", [territoryIds.COAL], expiresAt.toISOString());
      expect(Date.parse(apiKey.expiresAt)).toBe(expiresAt.getTime());
      const client = t.ws(key);
      const closing = closed(client);
      await Promise.race([connected(client), closing]);
      // The server closes the open socket itself when the key expires (4401), by its own clock.
      expect(await closing).toBe(4401);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
      const refused = await t.gql(ACCOUNTS, {}, key);
      expect(refused.status).toBe(401);
      expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
      expect(refused.errors![0].message).toMatch(/expired/);
    });

    it("a key that was never issued, or one whose secret is wrong, is refused", async () => {
      const { key } = await createKey("Genuine", [territoryIds.COAL]);
      const tampered = key.slice(0, -4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
      for (const credential of [tampered, `crm_0123456789ab_${"x".repeat(43)}`]) {
        const r = await t.gql(ACCOUNTS, {}, credential);
        expect(r.status).toBe(401);
        expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
      }
    });

    it("only a system admin manages keys", async () => {
      const input = { name: "Not allowed", territoryIds: [territoryIds.COAL], expiresAt: inADay() };
      for (const email of ["rep1.coal@demo.test", "head.coal@demo.test", "exec@demo.test", "admin.coal@demo.test"]) {
        const r = await t.gql(CREATE_KEY, { input }, await t.token(email));
        expect(codes(r)).toEqual(["FORBIDDEN"]);
        expect(r.data).toBeNull();
      }
      const { apiKey } = await createKey("Kept", [territoryIds.COAL]);
      expect(codes(await t.gql(REVOKE_KEY, { id: apiKey.id }, await t.token("head.coal@demo.test")))).toEqual(["FORBIDDEN"]);
      const keys = await t.gateway.services.db.getRepository(ApiKey).findBy({ name: "Not allowed" });
      expect(keys).toEqual([]);
    });

    it("lists every key for system admins, with its territories and when it was last used, and for nobody else", async () => {
      const LIST = `{ apiKeys { id name prefix territoryIds expiresAt revokedAt lastUsedAt createdAt } }`;
      const sysadmin = await t.token("sysadmin@demo.test");
      const { key, apiKey } = await createKey("Listed", [territoryIds.COAL, territoryIds.FOOD]);
      const listed = async () => (await t.gql(LIST, {}, sysadmin)).data.apiKeys.find((k: { id: string }) => k.id === apiKey.id);
      expect(await listed()).toEqual({
        id: apiKey.id, name: "Listed", prefix: apiKey.prefix, territoryIds: [territoryIds.COAL, territoryIds.FOOD].sort(), expiresAt: apiKey.expiresAt, revokedAt: null, lastUsedAt: null, createdAt: expect.any(String),
      });
      const used = Date.now();
      expect((await t.gql(ACCOUNTS, {}, key)).errors).toBeUndefined();
      const entry = await listed();
      expect(Date.parse(entry.lastUsedAt)).toBeGreaterThanOrEqual(used - 1000);
      // Newest first.
      const ids = (await t.gql(`{ apiKeys { id } }`, {}, sysadmin)).data.apiKeys.map((k: { id: string }) => Number(k.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      for (const email of ["rep1.coal@demo.test", "head.coal@demo.test", "exec@demo.test", "admin.coal@demo.test"]) {
        const r = await t.gql(LIST, {}, await t.token(email));
        expect({ email, codes: codes(r), data: r.data }).toEqual({ email, codes: ["FORBIDDEN"], data: null });
      }
      expect(codes(await t.gql(LIST, {}, key))).toEqual(["FORBIDDEN"]);
    });

    it("bad input names the field and issues no key", async () => {
      const sysadmin = await t.token("sysadmin@demo.test");
      const past = new Date(Date.now() - 3600_000).toISOString();
      const cases: [Record<string, unknown>, string][] = [
        [{ name: "No territories", territoryIds: [] }, "territoryIds"],
        [{ name: "Past expiry", territoryIds: [territoryIds.COAL], expiresAt: past }, "expiresAt"],
        [{ name: "Unknown territory", territoryIds: ["99999"] }, "territoryIds"],
        [{ name: "Bad territory id", territoryIds: ["coal"] }, "territoryIds"],
        [{ name: "", territoryIds: [territoryIds.COAL] }, "name"],
        [{ name: "   ", territoryIds: [territoryIds.COAL] }, "name"],
      ];
      const repository = t.gateway.services.db.getRepository(ApiKey);
      const before = await repository.count();
      for (const [input, field] of cases) {
        const r = await t.gql(CREATE_KEY, { input }, sysadmin);
        expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
        expect(r.errors![0].extensions!.field).toBe(field);
      }
      expect(await repository.count()).toBe(before);
      expect(codes(await t.gql(REVOKE_KEY, { id: "key-1" }, sysadmin))).toEqual(["BAD_USER_INPUT"]);
    });

    it("stores only a hash of the key, and shows the key only when it is created", async () => {
      const { key, apiKey } = await createKey("Hashed", [territoryIds.COAL, territoryIds.FOOD]);
      const row = await t.gateway.services.db.getRepository(ApiKey).findOneByOrFail({ id: Number(apiKey.id) });
      const secret = key.split("_").slice(2).join("_");
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
      const again = await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { key } }`, { id: apiKey.id }, await t.token("sysadmin@demo.test"));
      expect(codes(again)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect((await t.gql(ACCOUNTS, {}, key)).data.accounts.totalCount).toBe(72);
    });
  });
});

describe("login attempt limits", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "3", LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "8" });
  });
  afterAll(() => t.stop());

  const login = (email: string, password: string) => t.gql(LOGIN, { e: email, p: password });

  it("refuses even the right password after too many wrong ones, per account and then per client address", async () => {
    // A successful login clears the account's count of failures.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect(codes(await login("rep2.coal@demo.test", "wrong"))).toEqual(["UNAUTHENTICATED"]);
      expect((await login("rep2.coal@demo.test", "demo-password")).data.login.user.email).toBe("rep2.coal@demo.test");
    }
    // Three failures (the limit) lock the account, whatever case the e-mail is typed in.
    for (let i = 0; i < 3; i++) {
      const wrong = await login("rep1.coal@demo.test", `guess-${i}`);
      expect(codes(wrong)).toEqual(["UNAUTHENTICATED"]);
      expect(wrong.errors![0].message).toBe("Invalid e-mail or password");
    }
    for (const email of ["rep1.coal@demo.test", "REP1.Coal@demo.test "]) {
      const locked = await login(email, "demo-password");
      expect(codes(locked)).toEqual(["TOO_MANY_REQUESTS"]);
      expect(locked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(locked.data).toBeNull();
    }
    // Other accounts are not locked by it...
    expect((await login("rep2.coal@demo.test", "demo-password")).data.login.user.email).toBe("rep2.coal@demo.test");
    // ...until the address has failed 8 times (4 + 3 so far, and an e-mail nobody has, answered alike).
    const unknown = await login("nobody@demo.test", "demo-password");
    expect(codes(unknown)).toEqual(["UNAUTHENTICATED"]);
    expect(unknown.errors![0].message).toBe("Invalid e-mail or password");
    expect(codes(await login("head.coal@demo.test", "demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
  });
});
