import type { CrmModule } from "../../src/modules/contract";
import { can, isAuthenticated } from "../../src/access/rules";
import { followTransferredAccount } from "./account-transferred.handler";
import { Article, ArticleTerm, ArticleTermCount } from "./article.entity";
import { ArticleResolver } from "./article.resolver";
import { findArticle } from "./article.service";
import { seedServiceDemo } from "./demo.seed";
import { Service1700000006000 } from "./migrations/1700000006000-service";
import { ArticleTermsByWeight1700000006100 } from "./migrations/1700000006100-article-terms-by-weight";
import { ServicePermission as P, serviceGrants } from "./service.permissions";
import { SlaBreachResolver } from "./sla-breached.resolver";
import { SlaPolicyRow } from "./sla-policy.entity";
import { runSlaSweep } from "./sla-sweep";
import { Ticket, TicketArticleLink, TicketComment, TicketNumberCounter } from "./ticket.entity";
import { TicketCommentResolver, TicketResolver } from "./ticket.resolver";
import { findTicket } from "./ticket.service";

/** Tickets with SLA clocks and breaches pushed live, satisfaction, and a knowledge base searchable in Chinese and English (PRODUCT.md, "Service desk"; issue 13). */
export const serviceModule: CrmModule = {
  name: "service",
  requires: ["accounts"],
  entities: [Ticket, TicketComment, TicketNumberCounter, TicketArticleLink, SlaPolicyRow, Article, ArticleTerm, ArticleTermCount],
  resolvers: [TicketResolver, TicketCommentResolver, SlaBreachResolver, ArticleResolver],
  migrations: [Service1700000006000, ArticleTermsByWeight1700000006100],
  grants: serviceGrants,
  rules: {
    Query: {
      tickets: can(P.ReadTickets),
      ticket: can(P.ReadTickets),
      slaPolicies: can(P.ReadSla),
      searchArticles: can(P.ReadArticles),
      article: can(P.ReadArticles),
    },
    Mutation: {
      createTicket: can(P.CreateTicket),
      updateTicket: can(P.WorkTickets),
      assignTicket: can(P.WorkTickets),
      addTicketComment: can(P.CommentTicket),
      setTicketStatus: can(P.WorkTickets),
      reopenTicket: can(P.CommentTicket),
      rateTicket: can(P.RateTicket),
      linkArticle: can(P.WorkTickets),
      setSlaPolicy: can(P.ConfigureSla),
      runSlaSweep: can(P.RunSlaSweep),
      createArticle: can(P.WriteArticles),
      updateArticle: can(P.WriteArticles),
      publishArticle: can(P.WriteArticles),
    },
    Subscription: { slaBreached: can(P.WatchBreaches) },
    Ticket: can(P.ReadTickets),
    TicketComment: can(P.ReadTickets),
    TicketConnection: isAuthenticated,
    TicketEdge: isAuthenticated,
    SlaPolicy: isAuthenticated,
    SlaBreach: can(P.WatchBreaches),
    SlaSweepResult: can(P.RunSlaSweep),
    Article: can(P.ReadArticles),
    ArticleHit: can(P.ReadArticles),
  },
  jobs: [
    {
      name: "SLA sweep",
      every: (s) => s.config.slaSweepIntervalMs,
      run: (s, now) => runSlaSweep({ ...s, viewer: null }, now, now),
    },
  ],
  handlers: {
    "account.transferred": followTransferredAccount,
  },
  seed: seedServiceDemo,
  auditable: {
    Ticket: async (ctx, id) => (await findTicket(ctx, id)) !== null,
    Article: async (ctx, id) => (await findArticle(ctx, id)) !== null,
  },
};

// The public API other modules may use (analytics: ticket volumes, SLA compliance, satisfaction).
export { Ticket, TicketComment, TicketPriority, TicketStatus, TicketType, TicketChannel } from "./ticket.entity";
export { Article, ArticleStatus } from "./article.entity";
export { scopedTickets, findTicket, TICKET_SCOPE } from "./ticket.service";
export { scopedArticles } from "./article.service";
export { TICKET_BREACHED, type TicketBreachedEvent } from "./service.events";
export { ServicePermission } from "./service.permissions";
export { ServiceReason } from "./service.reasons";
export { DEFAULT_SLA } from "./sla";
export { weightedTerms } from "./article-terms";
