import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { freshDatabaseUrl, startTestGateway, type TestGateway } from "../../test/harness";

/**
 * Moving an account to another territory takes its open opportunities along, through the
 * opportunities module's handler of `account.transferred`, run from the outbox at least once: also
 * when the process dies between the transfer's commit and the handler.
 */
const CREATE = `mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }`;
const TRANSFER = `mutation($id: ID!, $o: ID!) { transferAccount(id: $id, ownerId: $o) { id territory { code } } }`;
const READ = `query($id: ID!) { opportunity(id: $id) { territory { code } owner { email } status stage probability version } }`;
const MINE = `query($o: ID!) { accounts(first: 1, filter: { ownerId: $o }) { edges { node { id } } } }`;

type Gql = (query: string, variables: Record<string, unknown>, token?: string) => Promise<{ data: any; errors?: unknown[] }>;

/** As a rep of COAL: an account of theirs with one open and one closed (won) opportunity. */
async function accountWithDeals(gql: Gql, token: (email: string) => Promise<string>, userId: (email: string) => Promise<string>) {
  const rep = await token("rep1.coal@demo.test");
  const account = (await gql(MINE, { o: await userId("rep1.coal@demo.test") }, rep)).data.accounts.edges[0].node.id;
  const deal = (name: string) => gql(CREATE, { i: { accountId: account, name, amount: "50000.00", expectedCloseDate: "2030-06-30", stage: "PROPOSAL" } }, rep);
  const open = (await deal("Follows the account")).data.createOpportunity.id;
  const won = (await deal("Stays where it was won")).data.createOpportunity.id;
  expect((await gql(`mutation($id: ID!) { requestClose(id: $id, outcome: WON) { status } }`, { id: won }, rep)).errors).toBeUndefined();
  expect((await gql(`mutation($id: ID!) { confirmClose(id: $id) { status } }`, { id: won }, await token("manager.coal@demo.test"))).errors).toBeUndefined();
  return { account, open, won };
}

describe("an account moved to another territory", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  it("takes its open opportunities to its new owner and territory, at that territory's probability; closed ones stay", async () => {
    const { account, open, won } = await accountWithDeals(t.gql, t.token, t.userId);
    const exec = await t.token("exec@demo.test");
    const food = (await t.gql(`{ territories { id code } }`, {}, exec)).data.territories.find((x: { code: string }) => x.code === "FOOD").id;
    const set = await t.gql(`mutation($t: ID!) { setStageProbability(territoryId: $t, stage: PROPOSAL, probability: 65) { stage } }`, { t: food }, exec);
    expect(set.errors).toBeUndefined();
    const before = (await t.gql(READ, { id: open }, exec)).data.opportunity;
    const handled = new Promise<void>((resolve) => {
      const off = t.gateway.services.events.onHandled((consumer) => consumer === "opportunities/account.transferred" && (off(), resolve()));
    });
    const moved = await t.gql(TRANSFER, { id: account, o: await t.userId("rep1.food@demo.test") }, exec);
    expect(moved.data.transferAccount.territory.code).toBe("FOOD");
    await handled;
    expect(before).toMatchObject({ stage: "PROPOSAL", probability: 60 });
    expect((await t.gql(READ, { id: open }, exec)).data.opportunity).toEqual({
      territory: { code: "FOOD" }, owner: { email: "rep1.food@demo.test" }, status: "OPEN", stage: "PROPOSAL", probability: 65, version: before.version + 1,
    });
    expect((await t.gql(READ, { id: won }, exec)).data.opportunity).toMatchObject({ territory: { code: "COAL" }, owner: { email: "rep1.coal@demo.test" }, status: "WON" });
    // In the new owner's reach now, out of the old one's.
    expect((await t.gql(READ, { id: open }, await t.token("rep1.food@demo.test"))).data.opportunity.status).toBe("OPEN");
    expect((await t.gql(READ, { id: open }, await t.token("rep1.coal@demo.test"))).data.opportunity).toBeNull();
    const trail = await t.gql(`query($id: ID!) { auditTrail(entityType: "Opportunity", entityId: $id) { action actor } }`, { id: open }, exec);
    expect(trail.data.auditTrail.at(-1)).toEqual({ action: "FOLLOW_ACCOUNT", actor: "system" });
  });
});

describe("an account moved while the process dies before its handlers run", () => {
  const ROOT = join(__dirname, "../..");

  /** The gateway as `npm start` runs it, in a process of its own, on `databaseUrl`. */
  async function startProcess(databaseUrl: string, env: Record<string, string>) {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-r", "reflect-metadata", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "1", FOLLOW_UP_SWEEP_INTERVAL_MS: "0", JWT_SECRET: "x".repeat(40), ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    /** Resolves with the match once the process has printed `pattern` (looking at all it printed so far). */
    const printed = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const look = () => {
          const found = pattern.exec(out);
          if (found) {
            child.stdout.off("data", look);
            resolve(found);
          }
        };
        child.stdout.on("data", look);
        child.once("exit", (code) => reject(new Error(`gateway exited with ${code} before printing ${pattern}: ${out.slice(-2000)}`)));
        look();
      });
    const port = (await printed(/CRM gateway on http:\/\/localhost:(\d+)\/graphql/))[1];
    const url = `http://127.0.0.1:${port}/graphql`;
    const gql: Gql = async (query, variables, token) => {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return response.json() as Promise<{ data: any; errors?: unknown[] }>;
    };
    const tokens = new Map<string, string>();
    const token = async (email: string) => {
      if (!tokens.has(email)) tokens.set(email, (await gql(`mutation($e: String!) { login(email: $e, password: "demo-password") { token } }`, { e: email })).data.login.token);
      return tokens.get(email)!;
    };
    const userId = async (email: string) => (await gql(`{ viewer { id } }`, {}, await token(email))).data.viewer.id as string;
    return { child, gql, token, userId, printed };
  }

  it("loses nothing: the next start runs the handler", async () => {
    const db = freshDatabaseUrl();
    try {
      // This instance records events but runs no handlers (OUTBOX_DISPATCH=0): its death is the crash.
      const first = await startProcess(db.url, { OUTBOX_DISPATCH: "0" });
      const { account, open } = await accountWithDeals(first.gql, first.token, first.userId);
      const exec = await first.token("exec@demo.test");
      expect((await first.gql(TRANSFER, { id: account, o: await first.userId("rep1.food@demo.test") }, exec)).errors).toBeUndefined();
      expect((await first.gql(READ, { id: open }, exec)).data.opportunity.territory.code).toBe("COAL");
      const died = once(first.child, "exit");
      first.child.kill("SIGKILL");
      await died;

      // LOG_SQL shows when the handler has handled the event: its position moves after its transaction committed.
      const second = await startProcess(db.url, { LOG_SQL: "1" });
      try {
        await second.printed(/UPDATE\s+\S?event_consumers\S?\s+SET/);
        const now = (await second.gql(READ, { id: open }, await second.token("exec@demo.test"))).data.opportunity;
        expect(now).toMatchObject({ territory: { code: "FOOD" }, owner: { email: "rep1.food@demo.test" }, status: "OPEN" });
      } finally {
        const stopped = once(second.child, "exit");
        second.child.kill("SIGTERM");
        await stopped;
      }
    } finally {
      await db.drop();
    }
  }, 90_000);
});
