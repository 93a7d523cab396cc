import type { CrmModule } from "../../src/modules/contract";
import { can, isAuthenticated } from "../../src/access/rules";
import { QuoteApprovalPolicyRow } from "./approval-policy.entity";
import { ApprovalRequest } from "./approval-request.entity";
import { ApprovalRequestResolver } from "./approval.resolver";
import { seedQuotesDemo } from "./demo.seed";
import { Quotes1700000004000 } from "./migrations/1700000004000-quotes";
import { PriceListEntry, Product } from "./product.entity";
import { PriceListEntryResolver, ProductResolver } from "./product.resolver";
import { runQuoteExpiry } from "./quote-expiry";
import { quotePdfRoute } from "./quote-pdf";
import { Quote, QuoteLine, QuoteNumberCounter } from "./quote.entity";
import { QuotePermission as P, quoteGrants } from "./quote.permissions";
import { OpportunityQuotesResolver, QuoteLineResolver, QuoteResolver } from "./quote.resolver";
import { findQuote } from "./quote.service";

/** The catalogue, quotes with their versions, the discount approval chain and the customer's document (PRODUCT.md, "Quotes"; issue 11). */
export const quotesModule: CrmModule = {
  name: "quotes",
  requires: ["accounts", "opportunities"],
  entities: [Product, PriceListEntry, Quote, QuoteLine, QuoteNumberCounter, ApprovalRequest, QuoteApprovalPolicyRow],
  resolvers: [QuoteResolver, QuoteLineResolver, OpportunityQuotesResolver, ApprovalRequestResolver, ProductResolver, PriceListEntryResolver],
  migrations: [Quotes1700000004000],
  grants: quoteGrants,
  rules: {
    Query: {
      quotes: can(P.Read),
      quote: can(P.Read),
      products: can(P.ReadCatalogue),
      pendingApprovals: can(P.DecideApprovals),
      quoteApprovalPolicy: can(P.Read),
    },
    Mutation: {
      createQuote: can(P.Write),
      updateQuote: can(P.Write),
      submitQuote: can(P.Write),
      sendQuote: can(P.Write),
      acceptQuote: can(P.Write),
      declineQuote: can(P.Write),
      reviseQuote: can(P.Write),
      approveQuote: can(P.Approve),
      rejectQuote: can(P.Approve),
      runQuoteExpiry: can(P.RunExpiry),
      setQuoteApprovalPolicy: can(P.ConfigurePolicy),
      createProduct: can(P.WriteCatalogue),
      updateProduct: can(P.WriteCatalogue),
      setListPrice: can(P.SetListPrice),
    },
    Subscription: { approvalRequested: can(P.DecideApprovals) },
    Quote: can(P.Read),
    QuoteLine: can(P.Read),
    QuoteConnection: isAuthenticated,
    QuoteEdge: isAuthenticated,
    ApprovalRequest: can(P.Read),
    ApprovalRequestConnection: isAuthenticated,
    ApprovalRequestEdge: isAuthenticated,
    QuoteApprovalPolicy: can(P.Read),
    QuoteApprovalStep: can(P.Read),
    QuoteExpiryResult: can(P.RunExpiry),
    Product: can(P.ReadCatalogue),
    ProductConnection: isAuthenticated,
    ProductEdge: isAuthenticated,
    PriceListEntry: can(P.ReadCatalogue),
    Opportunity: { quotes: can(P.Read) },
  },
  jobs: [
    {
      name: "quote expiry",
      every: (s) => s.config.quoteExpiryIntervalMs,
      run: (s, now) => runQuoteExpiry({ ...s, viewer: null }, now, now),
    },
  ],
  routes: [{ method: "GET", path: /^\/quotes\/([^/]+)\.pdf$/, handle: quotePdfRoute }],
  seed: seedQuotesDemo,
  auditable: {
    Quote: async (ctx, id) => (await findQuote(ctx, id)) !== null,
  },
};

// The public API other modules may use (orders: approval requests of kind ORDER, quotes accepted).
export { Quote, QuoteLine, QuoteStatus } from "./quote.entity";
export { Product, PriceListEntry } from "./product.entity";
export { ApprovalDecision, ApprovalKind, ApprovalRequest } from "./approval-request.entity";
export { decide, listPending, mayDecide, pendingRequest, requestApproval, withdrawApproval, APPROVAL_SCOPE } from "./approval-requests";
export { deliveredSubject } from "./approval.resolver";
export { APPROVAL_REQUESTED, type ApprovalRequestedEvent, type QuoteAcceptedEvent, type QuoteApprovedEvent } from "./quote.events";
export { findQuote, scopedQuotes, QUOTE_SCOPE } from "./quote.service";
export { quoteById } from "./quote.loaders";
export { QuotePermission } from "./quote.permissions";
export { QuoteReason } from "./quote.reasons";
export { lineTotal, netRatio, sumMoney, Quantity, Ratio } from "./quote-decimal";
export { DEFAULT_POLICY, requiredApproval } from "./quote-approval";
export { rmbUppercase } from "./rmb-uppercase";
