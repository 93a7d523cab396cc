import { startTestGateway, codes, type TestGateway } from "../../test/harness";
import { OpportunityStage, PipelineStage } from "./opportunity.entity";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const FIELDS = `id name amount stage probability expectedCloseDate status version competitors nextStep attachments { name link } owner { email } account { id }`;
const CREATE = `mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { ${FIELDS} } }`;

const myAccount = (email: string) => t.accountOf(email);

async function create(email: string, input: Record<string, unknown> = {}) {
  const r = await t.gql(CREATE, { i: { name: `Deal ${Math.random().toString(36).slice(2, 8)}`, amount: "120000.00", expectedCloseDate: "2030-03-31", ...input, accountId: input.accountId ?? (await myAccount(email)) } }, await t.token(email));
  expect(r.errors).toBeUndefined();
  return r.data.createOpportunity;
}

const ext = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

/**
 * Runs `work` with the clock of this process, and so of the gateway it runs, at a fixed moment:
 * no API back-dates an opportunity, and the monthly rule is tested on fixed dates. Timers stay real.
 */
async function onDate<T>(iso: string, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}

describe("opportunities", () => {
  it("are created at PROSPECTING 10% with competitors, next step and attachments", async () => {
    const o = await create("rep1.coal@demo.test", { competitors: ["Shenhua", " Shenhua ", "Yitai"], nextStep: "Visit the plant", attachments: [{ name: "Spec.pdf", link: "https://files.example/spec.pdf" }] });
    expect(o).toMatchObject({ stage: "PROSPECTING", probability: 10, status: "OPEN", version: 1, amount: "120000.00", competitors: ["Shenhua", "Yitai"], nextStep: "Visit the plant", attachments: [{ name: "Spec.pdf", link: "https://files.example/spec.pdf" }], owner: { email: "rep1.coal@demo.test" } });
  });

  it("update with their version; a stale version is a CONFLICT", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const o = await create("rep1.coal@demo.test");
    const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateOpportunityInput!) { updateOpportunity(id: $id, version: $v, input: $i) { amount version nextStep } }`;
    const ok = await t.gql(UPDATE, { id: o.id, v: 1, i: { amount: "99.5", nextStep: "Send the offer" } }, rep);
    expect(ok.data.updateOpportunity).toEqual({ amount: "99.50", version: 2, nextStep: "Send the offer" });
    const stale = await t.gql(UPDATE, { id: o.id, v: 1, i: { amount: "1.00" } }, rep);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(ext(stale)).toMatchObject({ field: "version", reason: "STALE_VERSION", currentVersion: 2 });
  });

  it("record every stage change with the territory's probabilities", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const set = await t.gql(`mutation($t: ID!) { setStageProbability(territoryId: $t, stage: VISIT, probability: 25) { stage probability } }`, { t: "1" }, await t.token("head.coal@demo.test"));
    expect(set.data.setStageProbability).toContainEqual({ stage: "VISIT", probability: 25 });
    const foodPipeline = await t.gql(`{ pipelineStages(territoryId: "2") { stage probability } }`, {}, await t.token("exec@demo.test"));
    expect(foodPipeline.data.pipelineStages.map((s: any) => `${s.stage} ${s.probability}`)).toEqual(["PROSPECTING 10", "VISIT 20", "TRUST 30", "NEEDS 40", "SOLUTION 50", "PROPOSAL 60", "COMMITMENT 80", "WON 100", "LOST 0"]);
    const o = await create("rep1.coal@demo.test");
    const MOVE = `mutation($id: ID!, $s: OpportunityStage!) { moveOpportunityStage(id: $id, stage: $s) { stage probability version } }`;
    expect((await t.gql(MOVE, { id: o.id, s: "VISIT" }, rep)).data.moveOpportunityStage).toEqual({ stage: "VISIT", probability: 25, version: 2 });
    expect((await t.gql(MOVE, { id: o.id, s: "PROPOSAL" }, rep)).data.moveOpportunityStage).toMatchObject({ stage: "PROPOSAL", probability: 60 });
    const won = await t.gql(MOVE, { id: o.id, s: "WON" }, rep);
    expect(ext(won)).toMatchObject({ code: "BAD_USER_INPUT", field: "stage" });
    const history = await t.gql(`query($id: ID!) { opportunity(id: $id) { stageHistory { fromStage toStage } } }`, { id: o.id }, rep);
    expect(history.data.opportunity.stageHistory).toEqual([
      { fromStage: null, toStage: "PROSPECTING" },
      { fromStage: "PROSPECTING", toStage: "VISIT" },
      { fromStage: "VISIT", toStage: "PROPOSAL" },
    ]);
  });

  it("close on the owner's request and the manager's confirmation", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const manager = await t.token("manager.coal@demo.test");
    const REQUEST = `mutation($id: ID!, $o: CloseOutcome!, $r: String) { requestClose(id: $id, outcome: $o, lostReason: $r) { status requestedOutcome lostReason } }`;
    const won = await create("rep1.coal@demo.test");
    const noReason = await t.gql(REQUEST, { id: won.id, o: "LOST" }, rep);
    expect(ext(noReason)).toMatchObject({ code: "BAD_USER_INPUT", field: "lostReason" });
    expect((await t.gql(REQUEST, { id: won.id, o: "WON" }, rep)).data.requestClose).toEqual({ status: "CLOSE_REQUESTED", requestedOutcome: "WON", lostReason: null });
    expect(codes(await t.gql(`mutation($id: ID!) { confirmClose(id: $id) { status } }`, { id: won.id }, rep))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(`mutation($id: ID!) { confirmClose(id: $id) { status } }`, { id: won.id }, await t.token("head.food@demo.test")))).toEqual(["NOT_FOUND"]);
    const confirmed = await t.gql(`mutation($id: ID!) { confirmClose(id: $id) { status stage probability closedBy { email } stageHistory { toStage } } }`, { id: won.id }, manager);
    expect(confirmed.data.confirmClose).toMatchObject({ status: "WON", stage: "WON", probability: 100, closedBy: { email: "manager.coal@demo.test" } });
    expect(confirmed.data.confirmClose.stageHistory.map((s: any) => s.toStage)).toEqual(["PROSPECTING", "WON"]);
    const closed = await t.gql(`mutation($id: ID!) { moveOpportunityStage(id: $id, stage: VISIT) { id } }`, { id: won.id }, rep);
    expect(codes(closed)).toEqual(["CONFLICT"]);
    expect(ext(closed)!.reason).toBe("NOT_OPEN");

    const lost = await create("rep2.coal@demo.test");
    const rep2 = await t.token("rep2.coal@demo.test");
    expect((await t.gql(REQUEST, { id: lost.id, o: "LOST", r: "Price too high" }, rep2)).data.requestClose).toMatchObject({ requestedOutcome: "LOST", lostReason: "Price too high" });
    const rejected = await t.gql(`mutation($id: ID!) { rejectClose(id: $id) { status requestedOutcome } }`, { id: lost.id }, manager);
    expect(rejected.data.rejectClose).toEqual({ status: "OPEN", requestedOutcome: null });
    await t.gql(REQUEST, { id: lost.id, o: "LOST", r: "Chose a competitor" }, rep2);
    const confirmedLost = await t.gql(`mutation($id: ID!) { confirmClose(id: $id) { status stage probability lostReason } }`, { id: lost.id }, await t.token("head.coal@demo.test"));
    expect(confirmedLost.data.confirmClose).toEqual({ status: "LOST", stage: "LOST", probability: 0, lostReason: "Chose a competitor" });

    const own = await create("manager.coal@demo.test");
    await t.gql(REQUEST, { id: own.id, o: "WON" }, manager);
    const ownConfirm = await t.gql(`mutation($id: ID!) { confirmClose(id: $id) { status } }`, { id: own.id }, manager);
    expect(codes(ownConfirm)).toEqual(["FORBIDDEN"]);
    expect(ext(ownConfirm)!.reason).toBe("NOT_ABOVE_OWNER");
    // The manager's own request goes to someone above them: the territory head.
    expect((await t.gql(`mutation($id: ID!) { confirmClose(id: $id) { status } }`, { id: own.id }, await t.token("head.coal@demo.test"))).data.confirmClose).toEqual({ status: "WON" });
  });

  it("close: only the owner requests, and only someone above the owner confirms or rejects", async () => {
    const REQUEST = `mutation($id: ID!) { requestClose(id: $id, outcome: WON) { status } }`;
    const CONFIRM = `mutation($id: ID!) { confirmClose(id: $id) { status } }`;
    const REJECT = `mutation($id: ID!) { rejectClose(id: $id) { status } }`;
    const STATUS = `query($id: ID!) { opportunity(id: $id) { status version } }`;
    const deal = await create("rep1.coal@demo.test");
    // Neither the rep's manager, nor the head, nor a business manager or an executive asks in the owner's stead.
    for (const email of ["manager.coal@demo.test", "head.coal@demo.test", "ops.coal@demo.test", "exec@demo.test"]) {
      const r = await t.gql(REQUEST, { id: deal.id }, await t.token(email));
      expect({ email, codes: codes(r), reason: ext(r)?.reason }).toEqual({ email, codes: ["FORBIDDEN"], reason: "NOT_OWNER" });
    }
    expect((await t.gql(STATUS, { id: deal.id }, await t.token("head.coal@demo.test"))).data.opportunity).toEqual({ status: "OPEN", version: 1 });
    expect((await t.gql(REQUEST, { id: deal.id }, await t.token("rep1.coal@demo.test"))).data.requestClose).toEqual({ status: "CLOSE_REQUESTED" });

    // A head's own request: no peer head, only an executive decides.
    const headsDeal = await create("head.coal@demo.test", { accountId: await myAccount("rep1.coal@demo.test") });
    const head = await t.token("head.coal@demo.test");
    expect((await t.gql(REQUEST, { id: headsDeal.id }, head)).data.requestClose).toEqual({ status: "CLOSE_REQUESTED" });
    for (const decide of [CONFIRM, REJECT]) {
      const r = await t.gql(decide, { id: headsDeal.id }, head);
      expect({ decide, codes: codes(r), reason: ext(r)?.reason }).toEqual({ decide, codes: ["FORBIDDEN"], reason: "NOT_ABOVE_OWNER" });
    }
    expect((await t.gql(REJECT, { id: headsDeal.id }, await t.token("exec@demo.test"))).data.rejectClose).toEqual({ status: "OPEN" });

    // An executive's own request goes to another executive, never to themselves.
    const execsDeal = await create("exec@demo.test", { accountId: await myAccount("rep1.coal@demo.test") });
    const exec = await t.token("exec@demo.test");
    expect((await t.gql(REQUEST, { id: execsDeal.id }, exec)).data.requestClose).toEqual({ status: "CLOSE_REQUESTED" });
    const execsOwn = await t.gql(CONFIRM, { id: execsDeal.id }, exec);
    expect(codes(execsOwn)).toEqual(["FORBIDDEN"]);
    expect(ext(execsOwn)!.reason).toBe("NOT_ABOVE_OWNER");
  });

  it("refuse bad input on every mutation, naming the field", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const accountId = await myAccount("rep1.coal@demo.test");
    const o = await create("rep1.coal@demo.test");
    const base = { name: "X", accountId, amount: "1.00", expectedCloseDate: "2030-01-01" };
    const cases: [string, Record<string, unknown>, string][] = [
      [CREATE, { i: { ...base, name: "" } }, "name"],
      [CREATE, { i: { ...base, amount: "-1" } }, "amount"],
      [CREATE, { i: { ...base, expectedCloseDate: "31/01/2030" } }, "expectedCloseDate"],
      [CREATE, { i: { ...base, accountId: "999999" } }, "accountId"],
      [CREATE, { i: { ...base, stage: "WON" } }, "stage"],
      [CREATE, { i: { ...base, attachments: [{ name: "a", link: "javascript:alert(1)" }] } }, "attachments"],
      [CREATE, { i: { ...base, amount: "1.001" } }, "amount"],
      [CREATE, { i: { ...base, amount: "1".repeat(17) } }, "amount"],
      [CREATE, { i: { ...base, expectedCloseDate: "2027-02-29" } }, "expectedCloseDate"],
      [CREATE, { i: { ...base, expectedCloseDate: "2027-02-30" } }, "expectedCloseDate"],
      [CREATE, { i: { ...base, stage: "SIGNED" } }, "stage"],
      [CREATE, { i: { ...base, competitors: ["c".repeat(121)] } }, "competitors"],
      [CREATE, { i: { ...base, attachments: [{ name: "", link: "https://files.example/a.pdf" }] } }, "attachments.0.name"],
      [CREATE, { i: { ...base, nextStep: "n".repeat(501) } }, "nextStep"],
      [`mutation($id: ID!) { updateOpportunity(id: $id, version: 1, input: { expectedCloseDate: "2030-13-01" }) { id } }`, { id: o.id }, "expectedCloseDate"],
      [`mutation($id: ID!) { moveOpportunityStage(id: $id, stage: LOST) { id } }`, { id: o.id }, "stage"],
      [`mutation($id: ID!) { requestClose(id: $id, outcome: WON, lostReason: "why") { id } }`, { id: o.id }, "lostReason"],
      [`mutation($id: ID!) { logOpportunityActivity(opportunityId: $id, input: { type: VISIT, subject: "" }) { id } }`, { id: o.id }, "subject"],
    ];
    for (const [query, variables, name] of cases) {
      const r = await t.gql(query, variables, rep);
      expect({ name, ext: ext(r) }).toMatchObject({ name, ext: { code: "BAD_USER_INPUT", field: expect.stringContaining(name) } });
    }
    for (const query of [`mutation { confirmClose(id: "-1") { id } }`, `mutation { rejectClose(id: "x") { id } }`]) {
      expect(ext(await t.gql(query, {}, await t.token("manager.coal@demo.test")))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    }
    const probability = await t.gql(`mutation { setStageProbability(territoryId: "1", stage: VISIT, probability: 101) { stage } }`, {}, await t.token("head.coal@demo.test"));
    expect(ext(probability)).toMatchObject({ code: "BAD_USER_INPUT", field: "probability" });
    const exec = await t.token("exec@demo.test");
    for (const [query, token] of [
      [`mutation { setStageProbability(territoryId: "999", stage: VISIT, probability: 15) { stage } }`, exec],
      [`{ pipelineStages(territoryId: "999") { stage } }`, exec],
      [`mutation { setStageProbability(territoryId: "nope", stage: VISIT, probability: 15) { stage } }`, exec],
    ]) {
      expect({ query, ext: ext(await t.gql(query, {}, token)) }).toMatchObject({ query, ext: { code: "BAD_USER_INPUT", field: "territoryId" } });
    }
    // A head configures their own territory's pipeline only.
    const food = await t.gql(`mutation { setStageProbability(territoryId: "2", stage: VISIT, probability: 15) { stage } }`, {}, await t.token("head.coal@demo.test"));
    expect(ext(food)).toMatchObject({ code: "FORBIDDEN", field: "territoryId", reason: "OUTSIDE_TERRITORY" });
    expect(await t.gateway.services.db.getRepository(PipelineStage).countBy({ territoryId: 999 })).toBe(0);
    expect(await t.gateway.services.db.getRepository(PipelineStage).countBy({ territoryId: 2, stage: OpportunityStage.VISIT })).toBe(0);
  });

  it("page by keyset with a total, in every order", async () => {
    const exec = await t.token("exec@demo.test");
    for (const field of ["CREATED_AT", "NAME", "AMOUNT", "EXPECTED_CLOSE_DATE"]) {
      const all = await t.gql(`query($f: OpportunityOrderField!) { opportunities(first: 100, orderBy: { field: $f }) { totalCount edges { node { id } } } }`, { f: field }, exec);
      expect(all.errors).toBeUndefined();
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = await t.gql(`query($f: OpportunityOrderField!, $a: String) { opportunities(first: 7, after: $a, orderBy: { field: $f }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { f: field, a: after }, exec);
        ids.push(...page.data.opportunities.edges.map((e: any) => e.node.id));
        if (!page.data.opportunities.pageInfo.hasNextPage) break;
        after = page.data.opportunities.pageInfo.endCursor;
      }
      expect(ids).toEqual(all.data.opportunities.edges.map((e: any) => e.node.id));
      expect(ids).toHaveLength(all.data.opportunities.totalCount);
    }
  });

  it("resolve Account.opportunities in one statement per level", async () => {
    const exec = await t.token("exec@demo.test");
    const count = (n: number) => t.countStatements(() => t.gql(`{ accounts(first: ${n}) { edges { node { name opportunities { name owner { name } } } } } }`, {}, exec));
    const small = await count(5);
    const large = await count(50);
    expect(large).toBe(small);
  });

  it("flag an open opportunity with no activity for a month, on fixed dates", async () => {
    const rep = await t.token("rep2.coal@demo.test");
    // Created on 1 January 2025: the monthly clock starts when the opportunity comes in.
    const o = await onDate("2025-01-01T08:00:00Z", () => create("rep2.coal@demo.test", { name: "Quiet Since January" }));
    const stale = async (asOf: string) => (await t.gql(`query($id: ID!, $a: DateTimeISO!) { opportunity(id: $id) { stale(asOf: $a) } }`, { id: o.id, a: asOf }, rep)).data.opportunity.stale;
    const flagged = async (asOf: string) => {
      const r = await t.gql(`query($a: DateTimeISO!) { opportunities(first: 100, filter: { stale: true, asOf: $a }) { edges { node { id } } } }`, { a: asOf }, rep);
      return r.data.opportunities.edges.map((e: any) => e.node.id);
    };
    expect(await stale("2025-01-31T08:00:00Z")).toBe(false);
    expect(await stale("2025-01-31T08:00:01Z")).toBe(true);
    expect(await flagged("2025-02-01T08:00:00Z")).toEqual([o.id]);

    const LOG = `mutation($id: ID!, $i: ActivityDetailsInput!) { logOpportunityActivity(opportunityId: $id, input: $i) { id account { id } } }`;
    const logged = await t.gql(LOG, { id: o.id, i: { type: "VISIT", subject: "Plant visit", doneAt: "2025-01-20T09:00:00Z" } }, rep);
    expect(logged.errors).toBeUndefined();
    expect(logged.data.logOpportunityActivity.account.id).toBe(o.account.id);
    expect(await stale("2025-02-01T08:00:00Z")).toBe(false);
    expect(await flagged("2025-02-01T08:00:00Z")).toEqual([]);
    expect(await stale("2025-02-19T09:00:00Z")).toBe(false);
    expect(await stale("2025-02-19T09:00:01Z")).toBe(true);

    // A planned activity is not contact: the clock stays where the visit put it.
    const planned = await t.gql(LOG, { id: o.id, i: { type: "CALL", subject: "Follow-up call", dueAt: "2025-02-10T09:00:00Z" } }, rep);
    expect(planned.errors).toBeUndefined();
    expect(await flagged("2025-02-20T00:00:00Z")).toEqual([o.id]);
    const after = await t.gql(`query($id: ID!) { opportunity(id: $id) { createdAt lastActivityAt } }`, { id: o.id }, rep);
    expect(after.data.opportunity).toEqual({ createdAt: "2025-01-01T08:00:00.000Z", lastActivityAt: "2025-01-20T09:00:00.000Z" });
  });

  it("follow the reach of each role", async () => {
    const o = await create("rep1.coal@demo.test");
    const get = async (as: string) => (await t.gql(`query($id: ID!) { opportunity(id: $id) { id amount } }`, { id: o.id }, await t.token(as))).data?.opportunity ?? null;
    expect(await get("rep1.coal@demo.test")).toEqual({ id: o.id, amount: "120000.00" });
    expect(await get("rep2.coal@demo.test")).toBeNull();
    expect(await get("manager.coal@demo.test")).toMatchObject({ id: o.id });
    expect(await get("head.coal@demo.test")).toMatchObject({ id: o.id });
    expect(await get("finance.coal@demo.test")).toMatchObject({ id: o.id });
    expect(await get("exec@demo.test")).toMatchObject({ id: o.id });
    expect(await get("head.food@demo.test")).toBeNull();
    const reps = await t.gql(`{ opportunities(first: 100) { edges { node { owner { email } } } } }`, {}, await t.token("rep1.coal@demo.test"));
    expect(new Set(reps.data.opportunities.edges.map((e: any) => e.node.owner.email))).toEqual(new Set(["rep1.coal@demo.test"]));
    const service = await t.gql(`{ opportunities { totalCount } }`, {}, await t.token("service.coal@demo.test"));
    expect(codes(service)).toEqual(["FORBIDDEN"]);
    const viaAccount = await t.gql(`{ accounts(first: 3) { edges { node { name opportunities { id } } } } }`, {}, await t.token("service.coal@demo.test"));
    expect(viaAccount.data.accounts.edges[0].node.name).toBeTruthy();
    expect(codes(viaAccount)).toContain("FORBIDDEN");
    expect(codes(await t.gql(CREATE, { i: { name: "X", accountId: "1", amount: "1", expectedCloseDate: "2030-01-01" } }, await t.token("finance.coal@demo.test")))).toEqual(["FORBIDDEN"]);
  });

  it("keep confidential fields refused to roles without them, field by field, and the rest of the answer stands", async () => {
    const o = await create("rep1.coal@demo.test");
    const CREDIT = `query($id: ID!) { opportunity(id: $id) { id amount account { id name creditLimit creditTermsDays riskGrade } } }`;
    const refusedAt = (r: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] }) =>
      (r.errors ?? []).map((e) => `${e.extensions?.code} ${e.path?.join(".")}`).sort();

    // The account's credit terms are for those who decide on credit, not for the rep who sells.
    const rep = await t.gql(CREDIT, { id: o.id }, await t.token("rep1.coal@demo.test"));
    expect(rep.data.opportunity).toEqual({ id: o.id, amount: "120000.00", account: { id: o.account.id, name: expect.any(String), creditLimit: null, creditTermsDays: null, riskGrade: null } });
    expect(refusedAt(rep)).toEqual(["FORBIDDEN opportunity.account.creditLimit", "FORBIDDEN opportunity.account.creditTermsDays", "FORBIDDEN opportunity.account.riskGrade"]);
    const finance = await t.gql(CREDIT, { id: o.id }, await t.token("finance.coal@demo.test"));
    expect(finance.errors).toBeUndefined();
    expect(finance.data.opportunity).toMatchObject({ id: o.id, amount: "120000.00" });

    // A partner key reads accounts, never the opportunities on them.
    const key = await t.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: { name: "Opportunity probe", territoryIds: ["1"], expiresAt: null } }, await t.token("sysadmin@demo.test"));
    expect(key.errors).toBeUndefined();
    const partner = key.data.createApiKey.key;
    const direct = await t.gql(`query($id: ID!) { opportunity(id: $id) { id amount } }`, { id: o.id }, partner);
    expect(direct.data).toEqual({ opportunity: null });
    expect(refusedAt(direct)).toEqual(["FORBIDDEN opportunity"]);
    const viaAccount = await t.gql(`query($id: ID!) { account(id: $id) { name opportunities { id amount } } }`, { id: o.account.id }, partner);
    expect(viaAccount.data.account).toEqual({ name: rep.data.opportunity.account.name, opportunities: null });
    expect(refusedAt(viaAccount)).toEqual(["FORBIDDEN account.opportunities"]);
  });

  it("refuse logging on an opportunity of an archived account, and leave the account's contact time where it was", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const account = await t.gql(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }`, { i: { name: `Archived Later Coking Co. ${Math.random().toString(36).slice(2, 8)}` } }, manager);
    expect(account.errors).toBeUndefined();
    const accountId = account.data.createAccount.id;
    const o = await create("manager.coal@demo.test", { accountId });
    const LOG = `mutation($id: ID!, $d: DateTimeISO!) { logOpportunityActivity(opportunityId: $id, input: { type: VISIT, subject: "Plant visit", doneAt: $d }) { id } }`;
    expect((await t.gql(LOG, { id: o.id, d: "2026-01-10T09:00:00Z" }, manager)).errors).toBeUndefined();
    const READ = `query($a: ID!, $o: ID!) { account(id: $a) { lastContactAt followUpState archivedAt } opportunity(id: $o) { lastActivityAt activities { subject } } }`;
    const before = (await t.gql(READ, { a: accountId, o: o.id }, manager)).data;
    expect(before.account).toMatchObject({ lastContactAt: "2026-01-10T09:00:00.000Z", archivedAt: null });

    const archived = await t.gql(`mutation($id: ID!) { archiveAccount(id: $id) { archivedAt } }`, { id: accountId }, manager);
    expect(archived.errors).toBeUndefined();
    const later = await t.gql(LOG, { id: o.id, d: new Date(Date.now() - 60_000).toISOString() }, manager);
    expect(codes(later)).toEqual(["CONFLICT"]);
    expect(later.errors![0].message).toBe(`Account ${accountId} is archived`);
    expect(ext(later)!.reason).toBe("ARCHIVED");
    const after = (await t.gql(READ, { a: accountId, o: o.id }, manager)).data;
    expect(after).toEqual({ account: { ...before.account, archivedAt: archived.data.archiveAccount.archivedAt }, opportunity: before.opportunity });
  });

  it("refuse updating, moving and closing an opportunity of an archived account, and change nothing", async () => {
    const manager = await t.token("manager.coal@demo.test");
    const head = await t.token("head.coal@demo.test");
    const account = await t.gql(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }`, { i: { name: `Archived With Deals Co. ${Math.random().toString(36).slice(2, 8)}` } }, manager);
    expect(account.errors).toBeUndefined();
    const accountId = account.data.createAccount.id;
    const open = await create("manager.coal@demo.test", { accountId });
    const requested = await create("manager.coal@demo.test", { accountId });
    const asked = await t.gql(`mutation($id: ID!) { requestClose(id: $id, outcome: WON) { status } }`, { id: requested.id }, manager);
    expect(asked.data.requestClose).toEqual({ status: "CLOSE_REQUESTED" });
    const READ = `query($id: ID!) { opportunity(id: $id) { status stage probability version amount nextStep requestedOutcome stageHistory { toStage } } }`;
    const read = async (id: string) => (await t.gql(READ, { id }, manager)).data.opportunity;
    const before = { open: await read(open.id), requested: await read(requested.id) };
    expect((await t.gql(`mutation($id: ID!) { archiveAccount(id: $id) { id } }`, { id: accountId }, manager)).errors).toBeUndefined();

    const refusals: [string, Record<string, unknown>, string][] = [
      [`mutation($id: ID!) { updateOpportunity(id: $id, version: 1, input: { amount: "1.00", nextStep: "Call" }) { id } }`, { id: open.id }, manager],
      [`mutation($id: ID!) { moveOpportunityStage(id: $id, stage: VISIT) { id } }`, { id: open.id }, manager],
      [`mutation($id: ID!) { requestClose(id: $id, outcome: LOST, lostReason: "Gone") { id } }`, { id: open.id }, manager],
      [`mutation($id: ID!) { confirmClose(id: $id) { id } }`, { id: requested.id }, head],
      [`mutation($id: ID!) { rejectClose(id: $id) { id } }`, { id: requested.id }, head],
    ];
    for (const [query, variables, token] of refusals) {
      const r = await t.gql(query, variables, token);
      expect({ query, codes: codes(r), message: r.errors?.[0]?.message, reason: ext(r)?.reason }).toEqual({ query, codes: ["CONFLICT"], message: `Account ${accountId} is archived`, reason: "ARCHIVED" });
    }
    expect({ open: await read(open.id), requested: await read(requested.id) }).toEqual(before);
  });

  it("log activities only for those who may read the opportunity: service, marketing and finance are refused", async () => {
    const o = await create("rep1.coal@demo.test");
    const LOG = `mutation($id: ID!, $s: String!) { logOpportunityActivity(opportunityId: $id, input: { type: VISIT, subject: $s }) { id subject account { name } } }`;
    for (const as of ["service.coal@demo.test", "marketing.coal@demo.test", "finance.coal@demo.test"]) {
      const refused = await t.gql(LOG, { id: o.id, s: `Logged by ${as}` }, await t.token(as));
      expect({ as, codes: codes(refused), data: refused.data }).toEqual({ as, codes: ["FORBIDDEN"], data: null });
    }
    const rep = await t.token("rep1.coal@demo.test");
    const untouched = await t.gql(`query($id: ID!) { opportunity(id: $id) { lastActivityAt activities { subject } } }`, { id: o.id }, rep);
    expect(untouched.data.opportunity).toEqual({ lastActivityAt: null, activities: [] });
    expect(codes(await t.gql(LOG, { id: o.id, s: "Not mine" }, await t.token("rep2.coal@demo.test")))).toEqual(["NOT_FOUND"]);
    const own = await t.gql(LOG, { id: o.id, s: "Owner's visit" }, rep);
    expect(own.errors).toBeUndefined();
    expect(own.data.logOpportunityActivity).toMatchObject({ subject: "Owner's visit", account: { name: expect.any(String) } });
  });
});
