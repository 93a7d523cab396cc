import { loadConfig } from "../../src/config";
import { startTestGateway, codes, type TestGateway } from "../../test/harness";

const SUBMIT = `mutation($i: WebLeadInput!) { submitWebLead(input: $i) { received message } }`;
const valid = (company: string) => ({ company, contactName: "Zhang Min", email: "zhang.min@example.com", region: "Shanxi" });

describe("the public web form", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  it("takes a lead without logging in and answers the same whether or not the company is a customer", async () => {
    const unknown = await t.gql(SUBMIT, { i: valid("Never Heard Of Them Ltd.") });
    const customer = await t.gql(`{ accounts(first: 1) { edges { node { name } } } }`, {}, await t.token("exec@demo.test"));
    const known = await t.gql(SUBMIT, { i: valid(customer.data.accounts.edges[0].node.name) });
    expect(unknown.errors).toBeUndefined();
    expect(known.errors).toBeUndefined();
    expect(known.data).toEqual(unknown.data);
    const routed = await t.gql(`{ leads(filter: { channel: WEB_FORM, unassigned: true }, first: 50) { edges { node { company territory { code } status } } } }`, {}, await t.token("exec@demo.test"));
    expect(routed.data.leads.edges.map((e: any) => e.node)).toContainEqual({ company: "Never Heard Of Them Ltd.", territory: null, status: "NEW" });
  });

  it("refuses bad input naming the field", async () => {
    const badEmail = await t.gql(SUBMIT, { i: { ...valid("Bad Email Co."), email: "not-an-address" } });
    expect(codes(badEmail)).toEqual(["BAD_USER_INPUT"]);
    expect(badEmail.errors![0].extensions!.field).toBe("email");
    const noCompany = await t.gql(SUBMIT, { i: { ...valid(""), company: "" } });
    expect(noCompany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "company" });
    const blank = await t.gql(SUBMIT, { i: { ...valid("   "), company: "   " } });
    expect(blank.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "company" });
    const unreachable = await t.gql(SUBMIT, { i: { company: "Nobody Co.", contactName: "Wang" } });
    expect(unreachable.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
    const channel = await t.gql(SUBMIT, { i: { ...valid("Channel Co."), channel: "IMPORT" } });
    expect(channel.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "channel" });
    const phone = await t.gql(SUBMIT, { i: { ...valid("Phone Co."), phone: "call me maybe" } });
    expect(phone.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "phone" });
  });
});

describe("the web form's limit per client address", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.stop());

  it("accepts 10 a minute, then refuses with TOO_MANY_REQUESTS and when to retry", async () => {
    for (let i = 0; i < 10; i++) {
      const r = await t.gql(SUBMIT, { i: valid(`Flood ${i} Co.`) });
      expect(r.errors).toBeUndefined();
    }
    const refused = await t.gql(SUBMIT, { i: valid("One Too Many Co.") });
    expect(codes(refused)).toEqual(["TOO_MANY_REQUESTS"]);
    const retry = refused.errors![0].extensions!.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.errors![0].message).toMatch(/try again in \d+ s/);
    // Staff entering leads are not limited by the web form's counter.
    const staff = await t.gql(`mutation { createLead(input: { company: "Staff Lead Co.", contactName: "Wu", phone: "+86 10 1234 5678" }) { id } }`, {}, await t.token("ops.coal@demo.test"));
    expect(staff.errors).toBeUndefined();
  });
});

describe("the limit is configuration", () => {
  it("WEB_LEAD_MAX_PER_MINUTE changes it, and a bad value is refused naming the variable", async () => {
    expect(() => loadConfig({ WEB_LEAD_MAX_PER_MINUTE: "lots" })).toThrow("WEB_LEAD_MAX_PER_MINUTE");
    expect(() => loadConfig({ WEB_LEAD_MAX_PER_MINUTE: "0" })).toThrow("WEB_LEAD_MAX_PER_MINUTE");
    const t = await startTestGateway({ WEB_LEAD_MAX_PER_MINUTE: "2" });
    try {
      expect((await t.gql(SUBMIT, { i: valid("A Co.") })).errors).toBeUndefined();
      expect((await t.gql(SUBMIT, { i: valid("B Co.") })).errors).toBeUndefined();
      expect(codes(await t.gql(SUBMIT, { i: valid("C Co.") }))).toEqual(["TOO_MANY_REQUESTS"]);
    } finally {
      await t.stop();
    }
  });
});
