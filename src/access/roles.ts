import { registerEnumType } from "type-graphql";

/** The roles of PRODUCT.md, "The organisation: territories and roles". */
export enum Role {
  EXECUTIVE = "EXECUTIVE",
  TERRITORY_HEAD = "TERRITORY_HEAD",
  SALES_MANAGER = "SALES_MANAGER",
  SALES_REP = "SALES_REP",
  BUSINESS_MANAGER = "BUSINESS_MANAGER",
  FINANCE = "FINANCE",
  SERVICE_AGENT = "SERVICE_AGENT",
  MARKETER = "MARKETER",
  TERRITORY_ADMIN = "TERRITORY_ADMIN",
  SYSTEM_ADMIN = "SYSTEM_ADMIN",
  PARTNER = "PARTNER",
}
registerEnumType(Role, {
  name: "Role",
  description: "What a user does in the group; it decides which operations and confidential fields they may use and how far their reach goes (docs/roles-and-reach.md)",
  valuesConfig: {
    EXECUTIVE: { description: "group management: reaches every territory, may do whatever a territory head may in all of them, move records across territories and assign activities to anyone" },
    TERRITORY_HEAD: { description: "head of a territory (business segment): reaches every row of it; approves, reassigns, closes and configures it" },
    SALES_MANAGER: { description: "department manager: reaches their own rows, those of the reps who report to them and the territory's public pool; approves their reps' accounts, closes and quotes" },
    SALES_REP: { description: "direct or channel sales: reaches the rows they own and the territory's public pool; creates customers, leads, opportunities, activities and quotes, and claims from the pool" },
    BUSINESS_MANAGER: { description: "sales operations: reaches every row of their territory; triages and dispatches leads, reviews orders and issues execution orders" },
    FINANCE: { description: "reaches every row of their territory; invoices, payments, receivables, credit limits and risk grades" },
    SERVICE_AGENT: { description: "reaches every row of their territory; tickets and the knowledge base" },
    MARKETER: { description: "reaches every row of their territory; campaigns, segments and lead intake" },
    TERRITORY_ADMIN: { description: "creates, freezes and changes the users of their territory; no commercial data" },
    SYSTEM_ADMIN: { description: "system settings, territories, users and partner API keys; no commercial data" },
    PARTNER: { description: "a partner integration calling with an API key: reads the accounts of the territories granted to the key without confidential fields, enters and rates their tickets and records payments of their invoices; no user logs in with this role" },
  },
});

/** How far a role reaches over commercial rows (records with a territory and an owner). */
export enum Reach {
  /** every territory */
  All = "ALL",
  /** every row of the viewer's territories */
  Territory = "TERRITORY",
  /** rows owned by the viewer or the reps reporting to them, plus the territory's public pool */
  Team = "TEAM",
  /** rows owned by the viewer, plus the territory's public pool */
  Own = "OWN",
  /** no commercial data at all */
  None = "NONE",
}

export const ROLE_REACH: Record<Role, Reach> = {
  [Role.EXECUTIVE]: Reach.All,
  [Role.TERRITORY_HEAD]: Reach.Territory,
  [Role.SALES_MANAGER]: Reach.Team,
  [Role.SALES_REP]: Reach.Own,
  [Role.BUSINESS_MANAGER]: Reach.Territory,
  [Role.FINANCE]: Reach.Territory,
  [Role.SERVICE_AGENT]: Reach.Territory,
  [Role.MARKETER]: Reach.Territory,
  [Role.TERRITORY_ADMIN]: Reach.None,
  [Role.SYSTEM_ADMIN]: Reach.None,
  // A partner key reaches the territories granted to it, nothing else.
  [Role.PARTNER]: Reach.Territory,
};

/** Roles that own commercial records (accounts, leads, opportunities). */
export const SELLING_ROLES: readonly Role[] = [Role.SALES_REP, Role.SALES_MANAGER, Role.TERRITORY_HEAD, Role.EXECUTIVE, Role.BUSINESS_MANAGER];

/** Roles a lead assignment rule may name as the one user who gets its leads: those who work leads themselves. */
export const LEAD_TAKING_ROLES: readonly Role[] = [Role.SALES_REP, Role.SALES_MANAGER];

/** Roles that lead a team: the reps reporting to one of them (User.managerId) are their team. */
export const TEAM_LEADING_ROLES: readonly Role[] = [Role.SALES_MANAGER];

/** Roles that are members of a team, and so share a team's leads in turn. */
export const TEAM_MEMBER_ROLES: readonly Role[] = [Role.SALES_REP];

export const ALL_ROLES = Object.values(Role);
export const STAFF_ROLES = ALL_ROLES.filter((r) => r !== Role.PARTNER);
export const allRolesBut = (...excluded: Role[]) => ALL_ROLES.filter((r) => !excluded.includes(r));
