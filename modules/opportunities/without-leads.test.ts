import { startTestGateway, codes, type TestGateway } from "../../test/harness";

/** CRM_MODULES=accounts,opportunities: opportunities stand on accounts alone, without the leads module. */
describe("opportunities without the leads module", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ CRM_MODULES: "accounts,opportunities" });
  });
  afterAll(() => t.stop());

  it("loads the opportunities' demo data without the leads module's", async () => {
    const exec = await t.token("exec@demo.test");
    const demo = await t.gql(`{ opportunities(first: 1, filter: { status: CLOSE_REQUESTED }) { totalCount } all: opportunities { totalCount } accounts { totalCount } }`, {}, exec);
    expect(demo.data).toEqual({ opportunities: { totalCount: 2 }, all: { totalCount: 24 }, accounts: { totalCount: 72 } });
  });

  it("has no leads: neither their operations nor their tables", async () => {
    expect(t.gateway.modules.map((m) => m.name)).toEqual(["core", "accounts", "opportunities"]);
    const leads = await t.gql(`{ leads(first: 1) { totalCount } }`, {}, await t.token("exec@demo.test"));
    expect(codes(leads)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const runner = t.gateway.services.db.createQueryRunner();
    try {
      expect(await runner.hasTable("leads")).toBe(false);
      expect(await runner.hasTable("opportunities")).toBe(true);
    } finally {
      await runner.release();
    }
  });

  it("creates, reads, moves and logs on an opportunity", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const mine = await t.gql(`query($o: ID!) { accounts(first: 1, filter: { ownerId: $o }) { edges { node { id } } } }`, { o: await t.userId("rep1.coal@demo.test") }, rep);
    const accountId = mine.data.accounts.edges[0].node.id;
    const created = await t.gql(
      `mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id name amount expectedCloseDate stage probability account { id } } }`,
      { i: { name: "  Boiler   coal 2031 ", accountId, amount: "0250000.5", expectedCloseDate: "2031-06-30" } },
      rep,
    );
    expect(created.errors).toBeUndefined();
    const o = created.data.createOpportunity;
    expect(o).toEqual({ id: expect.any(String), name: "Boiler coal 2031", amount: "250000.50", expectedCloseDate: "2031-06-30", stage: "PROSPECTING", probability: 10, account: { id: accountId } });

    const moved = await t.gql(`mutation($id: ID!) { moveOpportunityStage(id: $id, stage: VISIT) { stage probability } }`, { id: o.id }, rep);
    expect(moved.data.moveOpportunityStage).toEqual({ stage: "VISIT", probability: 20 });
    const logged = await t.gql(`mutation($id: ID!) { logOpportunityActivity(opportunityId: $id, input: { type: CALL, subject: "Price talk" }) { subject } }`, { id: o.id }, rep);
    expect(logged.errors).toBeUndefined();

    const read = await t.gql(`query($id: ID!) { opportunity(id: $id) { name stageHistory { toStage } activities { subject } } }`, { id: o.id }, rep);
    expect(read.data.opportunity).toEqual({ name: "Boiler coal 2031", stageHistory: [{ toStage: "PROSPECTING" }, { toStage: "VISIT" }], activities: [{ subject: "Price talk" }] });
    const viaAccount = await t.gql(`query($id: ID!) { account(id: $id) { opportunities { id } } }`, { id: accountId }, rep);
    expect(viaAccount.data.account.opportunities).toContainEqual({ id: o.id });

    const badDate = await t.gql(`mutation($id: ID!) { updateOpportunity(id: $id, version: 2, input: { expectedCloseDate: "2031-02-30" }) { id } }`, { id: o.id }, rep);
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "expectedCloseDate" });
  });
});
