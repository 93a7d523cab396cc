import { startTestGateway, codes, type TestGateway } from "../../test/harness";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const CREATE = `mutation($i: CreateLeadInput!) { createLead(input: $i) { id status owner { email } territory { code } } }`;
const DISPATCH = `mutation($id: ID!) { dispatchLead(id: $id) { id status owner { email } } }`;
const RULE = `mutation($i: AssignmentRuleInput!) { createAssignmentRule(input: $i) { id version region industry user { email } teamManager { email } } }`;

async function lead(as: string, input: Record<string, unknown>) {
  const r = await t.gql(CREATE, { i: { contactName: "Chen Jing", phone: "+86 21 5555 0101", ...input } }, await t.token(as));
  expect(r.errors).toBeUndefined();
  return r.data.createLead as { id: string; status: string; owner: { email: string } | null };
}

const field = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

describe("lead intake", () => {
  it("keeps a rep's own lead and leaves a business manager's lead NEW for dispatch", async () => {
    const own = await lead("rep1.coal@demo.test", { company: "Rep Found It Co." });
    expect(own).toMatchObject({ status: "ASSIGNED", owner: { email: "rep1.coal@demo.test" } });
    const triage = await lead("ops.coal@demo.test", { company: "Ops Triage Co.", channel: "CAMPAIGN" });
    expect(triage).toMatchObject({ status: "NEW", owner: null });
  });

  it("imports many leads, accepting or refusing each row with its own error", async () => {
    const r = await t.gql(
      `mutation($rows: [CreateLeadInput!]!) { importLeads(inputs: $rows) { accepted refused rows { index lead { company channel } error { code field message } } } }`,
      {
        rows: [
          { company: "Imported One Co.", contactName: "Zhou", email: "zhou@one.example" },
          { company: "Imported Two Co.", contactName: "Wu", email: "not-an-email" },
          { company: "   ", contactName: "Zhao", phone: "+86 10 8888 0000" },
          { company: "Imported Four Co.", contactName: "Sun" },
          { company: "Imported Five Co.", contactName: "Ma", phone: "+86 10 8888 0001", channel: "REFERRAL" },
        ],
      },
      await t.token("marketing.coal@demo.test"),
    );
    expect(r.errors).toBeUndefined();
    const result = r.data.importLeads;
    expect(result).toMatchObject({ accepted: 2, refused: 3 });
    expect(result.rows.map((row: any) => [row.index, row.lead?.channel ?? null, row.error?.field ?? null])).toEqual([
      [0, "IMPORT", null],
      [1, null, "email"],
      [2, null, "company"],
      [3, null, "email"],
      [4, "REFERRAL", null],
    ]);
    expect(result.rows[1].error.code).toBe("BAD_USER_INPUT");
    const empty = await t.gql(`mutation { importLeads(inputs: []) { accepted } }`, {}, await t.token("marketing.coal@demo.test"));
    expect(field(empty)).toMatchObject({ code: "BAD_USER_INPUT", field: "inputs" });
  });

  it("qualifies and disqualifies with a reason", async () => {
    const ops = await t.token("ops.coal@demo.test");
    const l = await lead("marketing.coal@demo.test", { company: "Screened Co." });
    const q = await t.gql(`mutation($id: ID!) { qualifyLead(id: $id) { status } }`, { id: l.id }, ops);
    expect(q.data.qualifyLead.status).toBe("QUALIFIED");
    const again = await t.gql(`mutation($id: ID!) { qualifyLead(id: $id) { status } }`, { id: l.id }, ops);
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(field(again)!.reason).toBe("ALREADY_DECIDED");
    const noReason = await t.gql(`mutation($id: ID!) { disqualifyLead(id: $id, reason: "  ") { status } }`, { id: l.id }, ops);
    expect(field(noReason)).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const d = await t.gql(`mutation($id: ID!) { disqualifyLead(id: $id, reason: "No budget this year") { status disqualifyReason } }`, { id: l.id }, ops);
    expect(d.data.disqualifyLead).toEqual({ status: "DISQUALIFIED", disqualifyReason: "No budget this year" });
    const rep = await t.gql(`mutation($id: ID!) { qualifyLead(id: $id) { status } }`, { id: l.id }, await t.token("rep1.coal@demo.test"));
    expect(codes(rep)).toEqual(["FORBIDDEN"]);
  });

  it("refuses bad input on every lead mutation, naming the field", async () => {
    const ops = await t.token("ops.coal@demo.test");
    const rep = await t.token("rep1.coal@demo.test");
    const l = await lead("ops.coal@demo.test", { company: "Bad Input Target Co." });
    const cases: [string, Record<string, unknown>, string, string][] = [
      [CREATE, { i: { company: "X", contactName: "Y", email: "nope" } }, "email", ops],
      [CREATE, { i: { company: "X", contactName: "", phone: "+86 1 2345 678" } }, "contactName", ops],
      [CREATE, { i: { company: "X", contactName: "Y", phone: "+86 1 2345 678", territoryId: "abc" } }, "territoryId", ops],
      [CREATE, { i: { company: "X", contactName: "Y", phone: "+86 1 2345 678", receivedAt: "2999-01-01T00:00:00Z" } }, "receivedAt", ops],
      [`mutation($id: ID!) { qualifyLead(id: $id) { id } }`, { id: "x" }, "id", ops],
      [`mutation($id: ID!) { disqualifyLead(id: $id, reason: "") { id } }`, { id: l.id }, "reason", ops],
      [DISPATCH, { id: "0" }, "id", ops],
      [`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id } }`, { id: l.id, o: "abc" }, "ownerId", ops],
      [`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id } }`, { id: l.id, o: "999999" }, "ownerId", ops],
      [`mutation($id: ID!) { logLeadActivity(leadId: $id, input: { type: CALL, subject: "   " }) { id } }`, { id: l.id }, "subject", ops],
      [`mutation($id: ID!) { logLeadActivity(leadId: $id, input: { type: CALL, subject: "Call", doneAt: "2999-01-01T00:00:00Z" }) { id } }`, { id: l.id }, "doneAt", ops],
      [RULE, { i: { region: "Nowhere" } }, "userId", await t.token("head.coal@demo.test")],
      [RULE, { i: { region: "Nowhere", userId: await t.userId("rep1.food@demo.test") } }, "userId", await t.token("head.coal@demo.test")],
      [RULE, { i: { region: "Nowhere", teamManagerId: await t.userId("rep1.coal@demo.test") } }, "teamManagerId", await t.token("head.coal@demo.test")],
      [RULE, { i: { region: "Nowhere", userId: await t.userId("rep1.coal@demo.test"), priority: 10001 } }, "priority", await t.token("head.coal@demo.test")],
      [RULE, { i: { region: "r".repeat(81), userId: await t.userId("rep1.coal@demo.test") } }, "region", await t.token("head.coal@demo.test")],
      [CREATE, { i: { company: "X", contactName: "Y", phone: "12" } }, "phone", ops],
      [CREATE, { i: { company: "c".repeat(201), contactName: "Y", phone: "+86 1 2345 678" } }, "company", ops],
      [CREATE, { i: { company: "X", contactName: "Y", phone: "+86 1 2345 678", channel: "CARRIER_PIGEON" } }, "channel", ops],
      [CREATE, { i: { company: "X", contactName: "Y", phone: "+86 1 2345 678", note: "n".repeat(2001) } }, "note", ops],
    ];
    for (const [query, variables, name, token] of cases) {
      const r = await t.gql(query, variables, token);
      expect({ name, ext: field(r) }).toMatchObject({ name, ext: { code: "BAD_USER_INPUT", field: name } });
    }
    const mine = await lead("rep1.coal@demo.test", { company: "Convert Me Badly Co." });
    for (const [input, name] of [[{ amount: "-5", expectedCloseDate: "2030-01-31" }, "amount"], [{ amount: "5", expectedCloseDate: "2030-02-30" }, "expectedCloseDate"], [{ amount: "5", expectedCloseDate: "2030-01-31", accountId: "nope" }, "accountId"], [{ amount: "5.001", expectedCloseDate: "2030-01-31" }, "amount"], [{ amount: "1".repeat(17), expectedCloseDate: "2030-01-31" }, "amount"], [{ amount: "5", expectedCloseDate: "2027-02-29" }, "expectedCloseDate"], [{ amount: "5", expectedCloseDate: "2030-01-31", registrationNo: "12" }, "registrationNo"]] as const) {
      const r = await t.gql(`mutation($id: ID!, $i: ConvertLeadInput!) { convertLead(id: $id, input: $i) { lead { id } } }`, { id: mine.id, i: input }, rep);
      expect({ name, ext: field(r) }).toMatchObject({ name, ext: { code: "BAD_USER_INPUT", field: name } });
    }
  });
});

describe("dispatch by assignment rules", () => {
  it("is managed by territory heads: create, list, update with version, delete", async () => {
    const head = await t.token("head.coal@demo.test");
    const created = await t.gql(RULE, { i: { industry: "Ruleindustry", userId: await t.userId("rep2.coal@demo.test") } }, head);
    expect(created.errors).toBeUndefined();
    const rule = created.data.createAssignmentRule;
    const listed = await t.gql(`{ assignmentRules { id territory { code } } }`, {}, head);
    expect(listed.data.assignmentRules.map((r: any) => r.id)).toContain(rule.id);
    expect(new Set(listed.data.assignmentRules.map((r: any) => r.territory.code))).toEqual(new Set(["COAL"]));
    const foodHead = await t.gql(`{ assignmentRules { id } }`, {}, await t.token("head.food@demo.test"));
    expect(foodHead.data.assignmentRules.map((r: any) => r.id)).not.toContain(rule.id);
    const rep = await t.gql(RULE, { i: { region: "Mine", userId: await t.userId("rep1.coal@demo.test") } }, await t.token("rep1.coal@demo.test"));
    expect(codes(rep)).toEqual(["FORBIDDEN"]);
    const updated = await t.gql(`mutation($id: ID!, $v: Int!, $i: AssignmentRuleInput!) { updateAssignmentRule(id: $id, version: $v, input: $i) { version industry } }`, { id: rule.id, v: rule.version, i: { industry: "Otherindustry", userId: await t.userId("rep2.coal@demo.test") } }, head);
    expect(updated.data.updateAssignmentRule).toEqual({ version: rule.version + 1, industry: "Otherindustry" });
    const stale = await t.gql(`mutation($id: ID!, $v: Int!, $i: AssignmentRuleInput!) { updateAssignmentRule(id: $id, version: $v, input: $i) { version } }`, { id: rule.id, v: rule.version, i: { industry: "X", userId: await t.userId("rep2.coal@demo.test") } }, head);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(field(stale)).toMatchObject({ field: "version", reason: "STALE_VERSION", currentVersion: rule.version + 1 });
    const deleted = await t.gql(`mutation($id: ID!) { deleteAssignmentRule(id: $id) }`, { id: rule.id }, head);
    expect(deleted.data.deleteAssignmentRule).toBe(true);
  });

  it("refuses bad input when a rule is updated or deleted, naming the field, and leaves the rule as it was", async () => {
    const head = await t.token("head.coal@demo.test");
    const rep2 = await t.userId("rep2.coal@demo.test");
    const created = await t.gql(RULE, { i: { region: "Badinputregion", userId: rep2 } }, head);
    expect(created.errors).toBeUndefined();
    const rule = created.data.createAssignmentRule;
    const UPDATE = `mutation($id: ID!, $v: Int!, $i: AssignmentRuleInput!) { updateAssignmentRule(id: $id, version: $v, input: $i) { version } }`;
    const DELETE = `mutation($id: ID!) { deleteAssignmentRule(id: $id) }`;
    const v = rule.version;
    const cases: [string, Record<string, unknown>, string][] = [
      [UPDATE, { id: "x", v, i: { userId: rep2 } }, "id"],
      [UPDATE, { id: "0", v, i: { userId: rep2 } }, "id"],
      [UPDATE, { id: rule.id, v, i: { region: "Anywhere" } }, "userId"],
      [UPDATE, { id: rule.id, v, i: { userId: rep2, teamManagerId: await t.userId("manager.coal@demo.test") } }, "userId"],
      [UPDATE, { id: rule.id, v, i: { userId: "abc" } }, "userId"],
      [UPDATE, { id: rule.id, v, i: { userId: await t.userId("rep1.food@demo.test") } }, "userId"],
      [UPDATE, { id: rule.id, v, i: { userId: await t.userId("finance.coal@demo.test") } }, "userId"],
      [UPDATE, { id: rule.id, v, i: { teamManagerId: await t.userId("rep1.coal@demo.test") } }, "teamManagerId"],
      [UPDATE, { id: rule.id, v, i: { userId: rep2, priority: -1 } }, "priority"],
      [UPDATE, { id: rule.id, v, i: { userId: rep2, region: "R".repeat(81) } }, "region"],
      [DELETE, { id: "x" }, "id"],
      [DELETE, { id: "-3" }, "id"],
    ];
    for (const [query, variables, name] of cases) {
      const r = await t.gql(query, variables, head);
      expect({ name, variables, ext: field(r) }).toMatchObject({ name, variables, ext: { code: "BAD_USER_INPUT", field: name } });
    }
    // A head acts in their own territory only: another one, or one that does not exist, is FORBIDDEN for them.
    for (const territoryId of ["2", "999"]) {
      const r = await t.gql(UPDATE, { id: rule.id, v, i: { userId: rep2, territoryId } }, head);
      expect({ territoryId, ext: field(r) }).toMatchObject({ territoryId, ext: { code: "FORBIDDEN", field: "territoryId", reason: "OUTSIDE_TERRITORY" } });
    }
    // An executive acts in any territory that exists.
    const missing = await t.gql(UPDATE, { id: rule.id, v, i: { userId: rep2, territoryId: "999" } }, await t.token("exec@demo.test"));
    expect(field(missing)).toMatchObject({ code: "BAD_USER_INPUT", field: "territoryId" });
    const stale = await t.gql(UPDATE, { id: rule.id, v: v + 1, i: { userId: rep2 } }, head);
    expect(field(stale)).toMatchObject({ code: "CONFLICT", field: "version", reason: "STALE_VERSION", currentVersion: v });
    expect(codes(await t.gql(UPDATE, { id: "999999", v, i: { userId: rep2 } }, head))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(DELETE, { id: "999999" }, head))).toEqual(["NOT_FOUND"]);
    // Another territory's rule is as unknown to a head as a missing one.
    expect(codes(await t.gql(DELETE, { id: rule.id }, await t.token("head.food@demo.test")))).toEqual(["NOT_FOUND"]);
    const listed = await t.gql(`{ assignmentRules { id version region user { email } } }`, {}, head);
    expect(listed.data.assignmentRules.find((r: any) => r.id === rule.id)).toEqual({ id: rule.id, version: v, region: "Badinputregion", user: { email: "rep2.coal@demo.test" } });
    expect((await t.gql(DELETE, { id: rule.id }, head)).data.deleteAssignmentRule).toBe(true);
    expect(codes(await t.gql(DELETE, { id: rule.id }, head))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.gql(UPDATE, { id: rule.id, v, i: { userId: rep2 } }, head))).toEqual(["NOT_FOUND"]);
  });

  it("sends a lead by region, by industry, by territory, the most specific rule first", async () => {
    const head = await t.token("head.coal@demo.test");
    const ops = await t.token("ops.coal@demo.test");
    const byRegion = await t.gql(RULE, { i: { region: "Testregion", userId: await t.userId("rep1.coal@demo.test") } }, head);
    const byIndustry = await t.gql(RULE, { i: { industry: "Testindustry", userId: await t.userId("rep2.coal@demo.test") } }, head);
    const both = await t.gql(RULE, { i: { region: "Testregion", industry: "Testindustry", userId: await t.userId("manager.coal@demo.test") } }, head);
    const territory = await t.gql(RULE, { i: { userId: await t.userId("manager.coal@demo.test"), priority: 1 } }, head);
    for (const r of [byRegion, byIndustry, both, territory]) expect(r.errors).toBeUndefined();

    const dispatch = async (input: Record<string, unknown>) => {
      const l = await lead("ops.coal@demo.test", { company: `Dispatch ${Math.random()}`, ...input });
      const r = await t.gql(DISPATCH, { id: l.id }, ops);
      expect(r.errors).toBeUndefined();
      return r.data.dispatchLead.owner.email;
    };
    expect(await dispatch({ region: "testregion " })).toBe("rep1.coal@demo.test");
    expect(await dispatch({ industry: "Testindustry" })).toBe("rep2.coal@demo.test");
    expect(await dispatch({ region: "Testregion", industry: "Testindustry" })).toBe("manager.coal@demo.test");
    expect(await dispatch({ region: "Elsewhere" })).toBe("manager.coal@demo.test");

    const again = await lead("ops.coal@demo.test", { company: "Dispatched Twice Co." });
    await t.gql(DISPATCH, { id: again.id }, ops);
    const twice = await t.gql(DISPATCH, { id: again.id }, ops);
    expect(codes(twice)).toEqual(["CONFLICT"]);
    expect(field(twice)!.reason).toBe("ALREADY_DECIDED");
    expect(codes(await t.gql(DISPATCH, { id: again.id }, await t.token("rep1.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    await t.gql(`mutation($id: ID!) { deleteAssignmentRule(id: $id) }`, { id: territory.data.createAssignmentRule.id }, head);
  });

  it("shares leads in turn over a team: 20 leads, 10 each, alternating", async () => {
    const ops = await t.token("ops.food@demo.test");
    const owners: string[] = [];
    for (let i = 0; i < 20; i++) {
      const l = await lead("ops.food@demo.test", { company: `Round Robin ${i} Co.` });
      const r = await t.gql(DISPATCH, { id: l.id }, ops);
      expect(r.errors).toBeUndefined();
      owners.push(r.data.dispatchLead.owner.email);
    }
    const count = (email: string) => owners.filter((o) => o === email).length;
    expect(count("rep1.food@demo.test")).toBe(10);
    expect(count("rep2.food@demo.test")).toBe(10);
    for (let i = 1; i < owners.length; i++) expect(owners[i]).not.toBe(owners[i - 1]);
  });

  it("says so when no rule fits", async () => {
    const exec = await t.token("exec@demo.test");
    const web = await t.gql(`mutation { submitWebLead(input: { company: "Unroutable Co.", contactName: "Lin", email: "lin@example.com" }) { received } }`);
    expect(web.errors).toBeUndefined();
    const found = await t.gql(`{ leads(filter: { unassigned: true, channel: WEB_FORM }, first: 100) { edges { node { id company } } } }`, {}, exec);
    const id = found.data.leads.edges.find((e: any) => e.node.company === "Unroutable Co.").node.id;
    const unroutable = await t.gql(DISPATCH, { id }, exec);
    expect(codes(unroutable)).toEqual(["CONFLICT"]);
    expect(field(unroutable)).toMatchObject({ reason: "NO_RULE_FITS", field: "id" });
    const routed = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { status territory { code } owner { email } } }`, { id, o: await t.userId("rep2.food@demo.test") }, exec);
    expect(routed.data.assignLead).toEqual({ status: "ASSIGNED", territory: { code: "FOOD" }, owner: { email: "rep2.food@demo.test" } });
  });
});

describe("converting a lead", () => {
  const CONVERT = `mutation($id: ID!, $i: ConvertLeadInput!) { convertLead(id: $id, input: $i) {
    lead { status convertedAccount { id } convertedOpportunity { id } }
    account { id name approvalStatus owner { email } }
    contact { name isKeyPerson }
    opportunity { name amount stage probability status owner { email } account { id } }
  } }`;

  it("creates the account, a contact and an opportunity in one transaction", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const l = await lead("rep1.coal@demo.test", { company: "Brand New Customer Co.", contactName: "Gao Lei", industry: "Steel" });
    const r = await t.gql(CONVERT, { id: l.id, i: { amount: "250000.50", expectedCloseDate: "2030-06-30" } }, rep);
    expect(r.errors).toBeUndefined();
    const c = r.data.convertLead;
    expect(c.account).toMatchObject({ name: "Brand New Customer Co.", approvalStatus: "PENDING", owner: { email: "rep1.coal@demo.test" } });
    expect(c.contact).toEqual({ name: "Gao Lei", isKeyPerson: true });
    expect(c.opportunity).toMatchObject({ name: "Brand New Customer Co.", amount: "250000.50", stage: "PROSPECTING", probability: 10, status: "OPEN", owner: { email: "rep1.coal@demo.test" }, account: { id: c.account.id } });
    expect(c.lead).toMatchObject({ status: "CONVERTED", convertedAccount: { id: c.account.id } });
    const again = await t.gql(CONVERT, { id: l.id, i: { amount: "1", expectedCloseDate: "2030-06-30" } }, rep);
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(field(again)!.reason).toBe("ALREADY_DECIDED");
  });

  it("links an existing account", async () => {
    const rep = await t.token("rep1.coal@demo.test");
    const mine = await t.gql(`query($o: ID!) { accounts(first: 1, filter: { ownerId: $o }) { edges { node { id name opportunities { id } } } } }`, { o: await t.userId("rep1.coal@demo.test") }, rep);
    const account = mine.data.accounts.edges[0].node;
    const l = await lead("rep1.coal@demo.test", { company: "Existing Customer Again" });
    const r = await t.gql(CONVERT, { id: l.id, i: { accountId: account.id, opportunityName: "Second order", amount: "1000", expectedCloseDate: "2030-01-15" } }, rep);
    expect(r.errors).toBeUndefined();
    expect(r.data.convertLead.account.id).toBe(account.id);
    expect(r.data.convertLead.opportunity).toMatchObject({ name: "Second order", amount: "1000.00" });
    const after = await t.gql(`query($id: ID!) { account(id: $id) { opportunities { name } } }`, { id: account.id }, rep);
    expect(after.data.account.opportunities.map((o: any) => o.name)).toContain("Second order");
  });

  it("applies the duplicate rule, and a refused conversion leaves nothing behind", async () => {
    const rep = await t.token("rep2.coal@demo.test");
    const exec = await t.token("exec@demo.test");
    const existing = await t.gql(`{ accounts(first: 1, filter: { territoryId: "1" }) { edges { node { name } } } }`, {}, exec);
    const name = existing.data.accounts.edges[0].node.name;
    const l = await lead("rep2.coal@demo.test", { company: `  ${name.toUpperCase()} ` });
    const before = await t.gql(`{ opportunities { totalCount } }`, {}, exec);
    const r = await t.gql(CONVERT, { id: l.id, i: { amount: "10", expectedCloseDate: "2030-01-15" } }, rep);
    expect(codes(r)).toEqual(["CONFLICT"]);
    expect(r.errors![0].extensions).toMatchObject({ field: "name", reason: "DUPLICATE" });
    const lead2 = await t.gql(`query($id: ID!) { lead(id: $id) { status } }`, { id: l.id }, rep);
    expect(lead2.data.lead.status).toBe("ASSIGNED");
    const afterCount = await t.gql(`{ opportunities { totalCount } }`, {}, exec);
    expect(afterCount.data.opportunities.totalCount).toBe(before.data.opportunities.totalCount);
  });
});

describe("the monthly activity flag, on fixed dates", () => {
  it("flags an open lead with no activity for a month, and a done activity resets the clock", async () => {
    const ops = await t.token("ops.coal@demo.test");
    const imported = await t.gql(
      `mutation($rows: [CreateLeadInput!]!) { importLeads(inputs: $rows) { rows { lead { id } error { message } } } }`,
      { rows: [
        { company: "Quiet Since January Co.", contactName: "Qian", phone: "+86 10 1111 2222", receivedAt: "2025-01-01T08:00:00Z" },
        { company: "Called In January Co.", contactName: "Kong", phone: "+86 10 1111 3333", receivedAt: "2025-01-01T08:00:00Z" },
      ] },
      ops,
    );
    const [quiet, called] = imported.data.importLeads.rows.map((r: any) => r.lead.id);
    const logged = await t.gql(`mutation($id: ID!) { logLeadActivity(leadId: $id, input: { type: CALL, subject: "First call", doneAt: "2025-01-20T09:00:00Z" }) { id relatedType } }`, { id: called }, ops);
    expect(logged.errors).toBeUndefined();
    expect(logged.data.logLeadActivity.relatedType).toBe("Lead");
    const stale = async (id: string, asOf: string) => (await t.gql(`query($id: ID!, $a: DateTimeISO!) { lead(id: $id) { stale(asOf: $a) } }`, { id, a: asOf }, ops)).data.lead.stale;
    expect(await stale(quiet, "2025-01-30T08:00:00Z")).toBe(false);
    expect(await stale(quiet, "2025-02-01T08:00:00Z")).toBe(true);
    expect(await stale(called, "2025-02-15T08:00:00Z")).toBe(false);
    expect(await stale(called, "2025-02-20T10:00:00Z")).toBe(true);
    const flagged = async (asOf: string) => {
      const r = await t.gql(`query($a: DateTimeISO!) { leads(first: 100, filter: { stale: true, asOf: $a }) { edges { node { id } } } }`, { a: asOf }, ops);
      return r.data.leads.edges.map((e: any) => e.node.id);
    };
    expect(await flagged("2025-02-15T08:00:00Z")).toEqual([quiet]);
    expect((await flagged("2025-02-20T10:00:00Z")).sort()).toEqual([quiet, called].sort());
    const activities = await t.gql(`query($id: ID!) { lead(id: $id) { lastActivityAt activities { subject } } }`, { id: called }, ops);
    expect(activities.data.lead).toEqual({ lastActivityAt: "2025-01-20T09:00:00.000Z", activities: [{ subject: "First call" }] });
  });
});

describe("logging activities on leads", () => {
  it("takes the right to read leads as well as to log: service and finance are refused, marketing and the owner log", async () => {
    const own = await lead("rep1.coal@demo.test", { company: "Activity Rights Co." });
    const LOG = `mutation($id: ID!, $s: String!) { logLeadActivity(leadId: $id, input: { type: CALL, subject: $s }) { id subject owner { email } } }`;
    for (const as of ["service.coal@demo.test", "finance.coal@demo.test"]) {
      const refused = await t.gql(LOG, { id: own.id, s: `Logged by ${as}` }, await t.token(as));
      expect({ as, codes: codes(refused), data: refused.data }).toEqual({ as, codes: ["FORBIDDEN"], data: null });
    }
    // Marketing screens leads (PRODUCT.md, "Lead intake"): a call it makes is logged.
    const marketing = await t.gql(LOG, { id: own.id, s: "Screening call" }, await t.token("marketing.coal@demo.test"));
    expect(marketing.errors).toBeUndefined();
    const rep = await t.gql(LOG, { id: own.id, s: "Owner's call" }, await t.token("rep1.coal@demo.test"));
    expect(rep.errors).toBeUndefined();
    expect(rep.data.logLeadActivity).toMatchObject({ subject: "Owner's call", owner: { email: "rep1.coal@demo.test" } });
    expect(codes(await t.gql(LOG, { id: own.id, s: "Not mine" }, await t.token("rep2.coal@demo.test")))).toEqual(["NOT_FOUND"]);
    const logged = await t.gql(`query($id: ID!) { lead(id: $id) { activities { subject } } }`, { id: own.id }, await t.token("rep1.coal@demo.test"));
    expect(logged.data.lead.activities.map((a: any) => a.subject).sort()).toEqual(["Owner's call", "Screening call"]);
  });
});

describe("who reaches which leads", () => {
  it("a rep their own, a manager their team's, a business manager the territory, nobody across territories", async () => {
    const unassigned = await lead("ops.coal@demo.test", { company: "Nobody Owns Me Co." });
    const ofRep2 = await lead("rep2.coal@demo.test", { company: "Rep Two Owns Me Co." });
    const emails = async (as: string) => {
      const r = await t.gql(`{ leads(first: 100) { totalCount edges { node { id owner { email } territory { code } } } } }`, {}, await t.token(as));
      expect(r.errors).toBeUndefined();
      return r.data.leads.edges.map((e: any) => e.node);
    };
    const rep1 = await emails("rep1.coal@demo.test");
    expect(new Set(rep1.map((n: any) => n.owner?.email))).toEqual(new Set(["rep1.coal@demo.test"]));
    const manager = await emails("manager.coal@demo.test");
    expect(manager.every((n: any) => ["rep1.coal@demo.test", "rep2.coal@demo.test", "manager.coal@demo.test"].includes(n.owner?.email))).toBe(true);
    expect(manager.map((n: any) => n.id)).toContain(ofRep2.id);
    const ops = await emails("ops.coal@demo.test");
    expect(ops.map((n: any) => n.id)).toEqual(expect.arrayContaining([unassigned.id, ofRep2.id]));
    expect(ops.every((n: any) => n.territory?.code === "COAL")).toBe(true);
    const byId = async (as: string, id: string) => (await t.gql(`query($id: ID!) { lead(id: $id) { id } }`, { id }, await t.token(as))).data.lead;
    expect(await byId("rep1.coal@demo.test", ofRep2.id)).toBeNull();
    expect(await byId("ops.food@demo.test", ofRep2.id)).toBeNull();
    expect(await byId("head.coal@demo.test", ofRep2.id)).toEqual({ id: ofRep2.id });
    expect(codes(await t.gql(`{ leads { totalCount } }`, {}, await t.token("finance.coal@demo.test")))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.gql(`{ leads { totalCount } }`))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("import limits", () => {
  const IMPORT = `mutation($rows: [CreateLeadInput!]!) { importLeads(inputs: $rows) { accepted refused } }`;
  /** Rows refused one by one (no company): admitted rows that write nothing, so the limits are tested without writing thousands of leads. */
  const invalid = (n: number) => Array.from({ length: n }, () => ({ contactName: "Nobody", phone: "+86 10 0000 0000", company: "" }));
  const valid = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ company: `Imported ${tag} ${i} Co.`, contactName: "Zhou Min", phone: "+86 10 8888 0000" }));

  it("by default takes 500 rows in one request and 2,000 a minute per user", async () => {
    const head = await t.token("head.food@demo.test");
    const over = await t.gql(IMPORT, { rows: invalid(501) }, head);
    expect(field(over)).toMatchObject({ code: "BAD_USER_INPUT", field: "inputs" });
    expect(over.errors![0].message).toBe("inputs: at most 500 rows in one request over all its imports, got 501");
    for (let i = 0; i < 4; i++) expect((await t.gql(IMPORT, { rows: invalid(500) }, head)).data.importLeads).toEqual({ accepted: 0, refused: 500 });
    const overMinute = await t.gql(IMPORT, { rows: invalid(1) }, head);
    expect(field(overMinute)).toMatchObject({ code: "TOO_MANY_REQUESTS", field: "inputs", retryAfterSeconds: expect.any(Number) });
  });

  describe("with changed limits", () => {
    let own: TestGateway;
    beforeAll(async () => {
      own = await startTestGateway({ IMPORT_MAX_ROWS_PER_REQUEST: "10", IMPORT_MAX_ROWS_PER_MINUTE: "25" });
    });
    afterAll(() => own.stop());

    it("counts rows over all the imports of a request, and per user and minute, writing nothing it refuses", async () => {
      const ops = await own.token("ops.coal@demo.test");
      const count = async () => (await own.gql(`{ leads(first: 1, filter: { channel: IMPORT }) { totalCount } }`, {}, ops)).data.leads.totalCount;
      const before = await count();
      expect((await own.gql(IMPORT, { rows: valid(10, "ten") }, ops)).data.importLeads).toEqual({ accepted: 10, refused: 0 });
      expect(field(await own.gql(IMPORT, { rows: valid(11, "eleven") }, ops))).toMatchObject({ code: "BAD_USER_INPUT", field: "inputs" });
      // Two aliased imports of 6 and 5 rows are 11 in one request: the second is refused, the first stands.
      const aliased = await own.gql(
        `mutation($a: [CreateLeadInput!]!, $b: [CreateLeadInput!]!) { a: importLeads(inputs: $a) { accepted } b: importLeads(inputs: $b) { accepted } }`,
        { a: valid(6, "alias a"), b: valid(5, "alias b") },
        ops,
      );
      // importLeads is non-null, so the refusal of b nulls the answer; a ran first and its rows stand (counted below).
      expect(codes(aliased)).toEqual(["BAD_USER_INPUT"]);
      expect(aliased.errors![0]).toMatchObject({ path: ["b"], extensions: { field: "inputs" } });
      // 16 of 25 this minute: 9 more fit exactly, then one more does not; another user has their own 25.
      expect(field(await own.gql(IMPORT, { rows: valid(10, "past the minute") }, ops))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect((await own.gql(IMPORT, { rows: valid(9, "nine") }, ops)).data.importLeads).toEqual({ accepted: 9, refused: 0 });
      expect(field(await own.gql(IMPORT, { rows: valid(1, "one more") }, ops))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect((await own.gql(IMPORT, { rows: valid(10, "marketing") }, await own.token("marketing.coal@demo.test"))).data.importLeads).toEqual({ accepted: 10, refused: 0 });
      expect(await count()).toBe(before + 10 + 6 + 9 + 10);
    });
  });
});
