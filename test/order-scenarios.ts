import { expect } from "@jest/globals";
import type { TestGateway } from "./harness";
import { QuoteScenarios, inDays } from "./quote-scenarios";

/**
 * Named scenarios for the orders tests, made through real requests as users make them: an accepted
 * quote of a given amount and net ratio (on a product listed at `listPrice`), an order on it.
 */
export const ORDER_FIELDS = `id number status template amount netRatio approvalChain prepaymentRequired invoicedAmount paidAmount outstandingAmount version
  approvals { step role decision comment approver { email } decidedAt }`;
export const CREATE_ORDER = `mutation($q: ID!, $i: CreateOrderInput!) { createOrderFromQuote(quoteId: $q, input: $i) { ${ORDER_FIELDS} } }`;
export const SUBMIT_ORDER = `mutation($id: ID!) { submitOrder(id: $id) { ${ORDER_FIELDS} } }`;
export const APPROVE_ORDER = `mutation($id: ID!, $c: String) { approveOrder(id: $id, comment: $c) { ${ORDER_FIELDS} opportunity { status stage } } }`;
export const REJECT_ORDER = `mutation($id: ID!, $r: String!) { rejectOrder(id: $id, reason: $r) { ${ORDER_FIELDS} } }`;
export const ISSUE_INVOICE = `mutation($o: ID!, $i: IssueInvoiceInput!) { issueInvoice(orderId: $o, input: $i) { id number amount issuedOn dueOn paidAmount outstandingAmount } }`;
export const RECORD_PAYMENT = `mutation($i: RecordPaymentInput!, $k: String!) { recordPayment(input: $i, idempotencyKey: $k) { id amount receivedOn reference } }`;
export const EXECUTE = `mutation($o: ID!, $i: ExecutionOrderInput!) { issueExecutionOrder(orderId: $o, input: $i) { id status deliveryDate tasks { id title status assignee { email } } } }`;

const APPROVER: Record<string, string> = { SALES_MANAGER: "manager", TERRITORY_HEAD: "head", EXECUTIVE: "exec", BUSINESS_MANAGER: "ops" };
/** Who decides a step of `role` in a territory (lower-case code) in the demo organisation. */
export const approverOf = (role: string, territory: string) => (role === "EXECUTIVE" ? "exec@demo.test" : `${APPROVER[role]}.${territory}@demo.test`);

export class OrderScenarios {
  readonly quotes: QuoteScenarios;
  private readonly products = new Map<string, string>();

  constructor(private readonly t: TestGateway) {
    this.quotes = new QuoteScenarios(t);
  }

  ok(query: string, variables: Record<string, unknown>, email: string): Promise<any> {
    return this.quotes.ok(query, variables, email);
  }

  /** A product listed at `listPrice` in both territories. */
  async product(listPrice: string): Promise<string> {
    if (!this.products.has(listPrice)) {
      const created = await this.ok(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`, { i: { code: `ORD-${listPrice}-${Math.random().toString(36).slice(2, 8)}`, name: `订单测试 ${listPrice}`, unit: "件" } }, "exec@demo.test");
      for (const territory of Object.values(await this.t.territoryIds())) {
        await this.ok(`mutation($p: ID!, $t: ID!, $l: Decimal!) { setListPrice(productId: $p, territoryId: $t, listPrice: $l) { listPrice } }`, { p: created.createProduct.id, t: territory, l: listPrice }, "exec@demo.test");
      }
      this.products.set(listPrice, created.createProduct.id);
    }
    return this.products.get(listPrice)!;
  }

  /**
   * An ACCEPTED quote by `rep` (of COAL or FOOD, by e-mail) for `quantity` × `netPrice` of a product
   * listed at `listPrice`, on a new account, or on a new opportunity of `accountId` (one of the rep's
   * accounts a quote was made for already).
   */
  async acceptedQuote(rep: string, { listPrice = "100.00", quantity = "100", netPrice = "100.00" } = {}, accountId?: string): Promise<{ quoteId: string; accountId: string; opportunityId: string }> {
    const territory = rep.split(".")[1].split("@")[0];
    const opp = accountId ? { accountId, opportunityId: await this.opportunityOn(rep, accountId) } : await this.quotes.opportunity(rep, { approver: `manager.${territory}@demo.test` });
    const created = await this.ok(`mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id } }`, { i: { opportunityId: opp.opportunityId, validUntil: inDays(30), lines: [{ productId: await this.product(listPrice), quantity, netPrice }] } }, rep);
    const id = created.createQuote.id;
    const submitted = (await this.ok(`mutation($id: ID!) { submitQuote(id: $id) { status requiredApproverRole } }`, { id }, rep)).submitQuote;
    if (submitted.status === "PENDING_APPROVAL") await this.ok(`mutation($id: ID!) { approveQuote(id: $id) { id } }`, { id }, approverOf(submitted.requiredApproverRole, territory));
    await this.ok(`mutation($id: ID!) { sendQuote(id: $id) { id } }`, { id }, rep);
    await this.ok(`mutation($id: ID!) { acceptQuote(id: $id) { id } }`, { id }, rep);
    return { quoteId: id, accountId: opp.accountId, opportunityId: opp.opportunityId };
  }

  /** A new OPEN opportunity of `rep`'s on one of their accounts. */
  private async opportunityOn(rep: string, accountId: string): Promise<string> {
    const created = await this.ok(`mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }`, { i: { name: `Repeat order ${Math.random().toString(36).slice(2, 8)}`, accountId, amount: "10000.00", expectedCloseDate: inDays(60) } }, rep);
    return created.createOpportunity.id;
  }

  /** Sets an account's credit limit and risk grade, as finance does. */
  async credit(accountId: string, territory: string, creditLimit: string | null, riskGrade: string | null): Promise<void> {
    const read = await this.ok(`query($id: ID!) { account(id: $id) { version } }`, { id: accountId }, `finance.${territory}@demo.test`);
    await this.ok(`mutation($id: ID!, $v: Int!, $i: UpdateAccountInput!) { updateAccount(id: $id, version: $v, input: $i) { id } }`, { id: accountId, v: read.account.version, i: { creditLimit, riskGrade } }, `finance.${territory}@demo.test`);
  }

  /** A submitted order on a new accepted quote (see acceptedQuote). */
  async submitted(rep: string, quote: Parameters<OrderScenarios["acceptedQuote"]>[1] = {}, template = "STANDARD", setup?: (accountId: string) => Promise<void>): Promise<any> {
    const { quoteId, accountId } = await this.acceptedQuote(rep, quote);
    await setup?.(accountId);
    const order = (await this.ok(CREATE_ORDER, { q: quoteId, i: { template } }, rep)).createOrderFromQuote;
    return { ...(await this.ok(SUBMIT_ORDER, { id: order.id }, rep)).submitOrder, accountId };
  }

  /** Every step of a submitted order approved by the demo approver of its role. */
  async approved(order: any, territory: string): Promise<any> {
    let last = order;
    for (const role of order.approvalChain as string[]) last = (await this.ok(APPROVE_ORDER, { id: order.id }, approverOf(role, territory))).approveOrder;
    expect(last.status).toBe("APPROVED");
    return last;
  }
}
