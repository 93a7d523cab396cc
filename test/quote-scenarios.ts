import { expect } from "@jest/globals";
import type { TestGateway } from "./harness";

/**
 * Named scenarios for the quotes tests, each made through real requests as users would make them:
 * a customer a rep may quote (approved by their manager, visited), an opportunity on it, a quote.
 */
export const QUOTE_FIELDS = `id number quoteVersion status version validUntil currency listTotal netTotal netRatio requiredApproverRole
  lines { id quantity listPrice netPrice lineListTotal lineNetTotal product { code } }
  approvals { step role decision comment approver { email } decidedAt }`;

export const CREATE = `mutation($i: CreateQuoteInput!) { createQuote(input: $i) { ${QUOTE_FIELDS} } }`;
export const SUBMIT = `mutation($id: ID!) { submitQuote(id: $id) { ${QUOTE_FIELDS} } }`;
export const APPROVE = `mutation($id: ID!, $c: String) { approveQuote(id: $id, comment: $c) { ${QUOTE_FIELDS} } }`;
export const REJECT = `mutation($id: ID!, $r: String!) { rejectQuote(id: $id, reason: $r) { ${QUOTE_FIELDS} } }`;
export const SEND = `mutation($id: ID!) { sendQuote(id: $id) { id status version } }`;
export const ACCEPT = `mutation($id: ID!) { acceptQuote(id: $id) { id status version opportunity { id stage } } }`;
export const DECLINE = `mutation($id: ID!, $r: String!) { declineQuote(id: $id, reason: $r) { id status } }`;
export const REVISE = `mutation($id: ID!) { reviseQuote(id: $id) { ${QUOTE_FIELDS} } }`;
export const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateQuoteInput!) { updateQuote(id: $id, version: $v, input: $i) { ${QUOTE_FIELDS} } }`;
export const SET_POLICY = `mutation($t: ID!, $i: QuoteApprovalPolicyInput!) { setQuoteApprovalPolicy(territoryId: $t, input: $i) { freeRatio steps { minRatio role } isDefault } }`;

/** A date `days` from today (UTC), as YYYY-MM-DD. */
export const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

export class QuoteScenarios {
  private seq = 0;
  private readonly productIds = new Map<string, string>();

  constructor(private readonly t: TestGateway, private readonly run = Math.random().toString(36).slice(2, 8)) {}

  async ok(query: string, variables: Record<string, unknown>, email: string): Promise<any> {
    const r = await this.t.gql(query, variables, await this.t.token(email));
    expect(r.errors).toBeUndefined();
    return r.data;
  }

  /** The id of a demo product by code (e.g. COAL-5500, priced in both territories). */
  async product(code: string): Promise<string> {
    if (!this.productIds.has(code)) {
      const data = await this.ok(`query($s: String) { products(first: 5, filter: { search: $s }) { edges { node { id code } } } }`, { s: code }, "exec@demo.test");
      this.productIds.set(code, data.products.edges.find((e: any) => e.node.code === code).node.id);
    }
    return this.productIds.get(code)!;
  }

  /**
   * An account of `rep`'s (approved by `approver`, with a VISIT logged unless `visited` is false) and
   * an OPEN opportunity on it owned by `rep`.
   */
  async opportunity(rep: string, { approver = "manager.coal@demo.test", approved = true, visited = true, activity = "VISIT" } = {}): Promise<{ opportunityId: string; accountId: string }> {
    const name = `Quote Customer ${this.run} ${++this.seq} 有限公司`;
    const account = await this.ok(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { id approvalStatus } }`, { i: { name } }, rep);
    const accountId = account.createAccount.id;
    if (approved && account.createAccount.approvalStatus !== "APPROVED") await this.ok(`mutation($id: ID!) { approveAccount(id: $id) { id } }`, { id: accountId }, approver);
    const type = visited ? activity : "CALL";
    await this.ok(`mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }`, { i: { accountId, type, subject: `${type} at the customer`, doneAt: new Date(Date.now() - 3600_000).toISOString() } }, rep);
    const opportunity = await this.ok(
      `mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }`,
      { i: { name: `${name} supply`, accountId, amount: "100000.00", expectedCloseDate: inDays(60) } },
      rep,
    );
    return { opportunityId: opportunity.createOpportunity.id, accountId };
  }

  /** A DRAFT quote by `rep`: one line of COAL-5500 at `ratio` × its COAL list price 860.00 (100 tons, so the ratio is exact). */
  async quote(rep: string, netPrice = "860.00", quantity = "100", opportunityId?: string): Promise<any> {
    const opp = opportunityId ?? (await this.opportunity(rep)).opportunityId;
    const data = await this.ok(CREATE, { i: { opportunityId: opp, validUntil: inDays(30), lines: [{ productId: await this.product("COAL-5500"), quantity, netPrice }] } }, rep);
    return data.createQuote;
  }
}
