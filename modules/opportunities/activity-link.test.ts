import { startTestGateway, type TestGateway } from "../../test/harness";

/**
 * Activities show what they are about (Activity.relatedTitle) through the accounts module's
 * `activityLinks` extension point, which leads and opportunities contribute to: only to callers who
 * may read that kind of record and reach it, in one statement per kind and level.
 */
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const ACTIVITIES = `query($id: ID!) { account(id: $id) { activities { subject relatedType relatedTitle } } }`;

describe("Activity.relatedTitle", () => {
  it("names the linked opportunity for those who may read it, and nothing for the others", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const account = (await t.gql(`query($o: ID!) { accounts(first: 1, filter: { ownerId: $o }) { edges { node { id } } } }`, { o: await t.userId("rep1.coal@demo.test") }, rep)).data.accounts.edges[0].node.id;
    const opportunity = await t.gql(`mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }`, { i: { accountId: account, name: "Linked Boiler Deal", amount: "1000.00", expectedCloseDate: "2030-01-31" } }, rep);
    const logged = await t.gql(
      `mutation($id: ID!, $i: ActivityDetailsInput!) { logOpportunityActivity(opportunityId: $id, input: $i) { id } }`,
      { id: opportunity.data.createOpportunity.id, i: { type: "VISIT", subject: "Visited about the boiler" } },
      rep,
    );
    expect(logged.errors).toBeUndefined();
    await t.gql(`mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }`, { i: { accountId: account, type: "CALL", subject: "Plain account call" } }, rep);

    const seen = async (email: string) => {
      const r = await t.gql(ACTIVITIES, { id: account }, await t.token(email));
      expect(r.errors).toBeUndefined();
      return r.data.account.activities.filter((a: { subject: string }) => ["Visited about the boiler", "Plain account call"].includes(a.subject));
    };
    expect(await seen("rep1.coal@demo.test")).toEqual([
      { subject: "Plain account call", relatedType: null, relatedTitle: null },
      { subject: "Visited about the boiler", relatedType: "Opportunity", relatedTitle: "Linked Boiler Deal" },
    ]);
    expect((await seen("manager.coal@demo.test"))[1].relatedTitle).toBe("Linked Boiler Deal");
    // Service agents read the account's activities and reach the whole territory, but may not read opportunities.
    expect((await seen("service.coal@demo.test"))[1]).toEqual({ subject: "Visited about the boiler", relatedType: "Opportunity", relatedTitle: null });
  });

  it("costs the same statements for an account list whatever the number of linked activities", async () => {
    const token = await t.token("exec@demo.test");
    // The first account of every page gets an activity on an opportunity, so each page has linked activities to name.
    const first = (await t.gql(`{ accounts(first: 1) { edges { node { id } } } }`, {}, token)).data.accounts.edges[0].node.id;
    const created = await t.gql(`mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }`, { i: { accountId: first, name: "Counted Deal", amount: "1.00", expectedCloseDate: "2030-01-31" } }, token);
    await t.gql(`mutation($id: ID!) { logOpportunityActivity(opportunityId: $id, input: { type: CALL, subject: "Counted" }) { id } }`, { id: created.data.createOpportunity.id }, token);
    const page = (size: number) => `{ accounts(first: ${size}) { edges { node { activities { relatedTitle } } } } }`;
    const few = await t.countStatements(() => t.gql(page(5), {}, token));
    const many = await t.countStatements(() => t.gql(page(50), {}, token));
    expect((await t.gql(page(50), {}, token)).data.accounts.edges.flatMap((e: any) => e.node.activities).filter((a: any) => a.relatedTitle).length).toBeGreaterThan(1);
    expect(many).toBe(few);
  });
});
