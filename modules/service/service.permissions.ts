import type { Grants } from "../../src/access/permissions";
import { Role } from "../../src/access/roles";

const { EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE, SERVICE_AGENT, MARKETER, SYSTEM_ADMIN, PARTNER } = Role;

export const ServicePermission = {
  /** read tickets in reach (tickets, ticket) */
  ReadTickets: "ticket.read",
  /** enter a ticket for an account in reach (partner keys: in their territories) */
  CreateTicket: "ticket.create",
  /** comment on a ticket in reach, and reopen one */
  CommentTicket: "ticket.comment",
  /** work tickets: assign, change status, priority and text, link articles */
  WorkTickets: "ticket.work",
  /** give the customer's satisfaction score (the creator's side: ticket.service.ts) */
  RateTicket: "ticket.rate",
  /** be assigned tickets, and hear of SLA breaches in one's territory (slaBreached) */
  WatchBreaches: "ticket.breach.watch",
  ReadSla: "sla.read",
  ConfigureSla: "sla.configure",
  RunSlaSweep: "sla.sweep.run",
  ReadArticles: "article.read",
  WriteArticles: "article.write",
} as const;

/** Everyone who deals with customers (issue 13): service agents and sales staff; finance and marketing have no ticket reach. */
const STAFF_READERS = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, SERVICE_AGENT];
const WORKERS = [EXECUTIVE, TERRITORY_HEAD, BUSINESS_MANAGER, SERVICE_AGENT];

/** Who may do what with tickets, SLA policies and the knowledge base; rows are further limited by Scope (TICKET_SCOPE, scopedArticles). */
export const serviceGrants: Grants = {
  [ServicePermission.ReadTickets]: [...STAFF_READERS, PARTNER],
  // Partner keys enter tickets for the accounts of their territories (once keys have scopes: the tickets:write scope).
  [ServicePermission.CreateTicket]: [...STAFF_READERS, PARTNER],
  [ServicePermission.CommentTicket]: STAFF_READERS,
  [ServicePermission.WorkTickets]: WORKERS,
  [ServicePermission.RateTicket]: [...STAFF_READERS, PARTNER],
  [ServicePermission.WatchBreaches]: [TERRITORY_HEAD, SERVICE_AGENT],
  [ServicePermission.ReadSla]: STAFF_READERS,
  [ServicePermission.ConfigureSla]: [EXECUTIVE, TERRITORY_HEAD],
  [ServicePermission.RunSlaSweep]: [EXECUTIVE, SYSTEM_ADMIN],
  [ServicePermission.ReadArticles]: [...STAFF_READERS, FINANCE, MARKETER],
  [ServicePermission.WriteArticles]: [EXECUTIVE, TERRITORY_HEAD, SERVICE_AGENT],
};
