import type { Grants } from "../../src/access/permissions";
import { Role } from "../../src/access/roles";

const { EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE, SYSTEM_ADMIN } = Role;

export const QuotePermission = {
  Read: "quote.read",
  Write: "quote.write",
  /** approve or reject a discount */
  Approve: "quote.approve",
  /** list and hear of the approval requests that wait for one's decision, of any kind (pendingApprovals, approvalRequested) */
  DecideApprovals: "approval.decide",
  ConfigurePolicy: "quote.policy.configure",
  RunExpiry: "quote.expiry.run",
  ReadCatalogue: "product.read",
  WriteCatalogue: "product.write",
  SetListPrice: "product.price.set",
} as const;

const SELLING = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER];
/** Quote reach (issue 11): sellers, and finance for its territory; marketers, service agents, admins and partners none. */
const READING = [...SELLING, FINANCE];

/** Who may do what with quotes and the catalogue; rows are further limited by Scope (QUOTE_SCOPE). */
export const quoteGrants: Grants = {
  [QuotePermission.Read]: READING,
  [QuotePermission.Write]: SELLING,
  [QuotePermission.Approve]: [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER],
  // Business managers review orders (a step of their countersign chain, modules/orders).
  [QuotePermission.DecideApprovals]: [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, BUSINESS_MANAGER],
  [QuotePermission.ConfigurePolicy]: [EXECUTIVE, TERRITORY_HEAD],
  [QuotePermission.RunExpiry]: [EXECUTIVE, SYSTEM_ADMIN],
  [QuotePermission.ReadCatalogue]: READING,
  // The territory head and business manager keep their territory's prices; executives all (and the group's catalogue).
  [QuotePermission.WriteCatalogue]: [EXECUTIVE, TERRITORY_HEAD, BUSINESS_MANAGER],
  [QuotePermission.SetListPrice]: [EXECUTIVE, TERRITORY_HEAD, BUSINESS_MANAGER],
};
