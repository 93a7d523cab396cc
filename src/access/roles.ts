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
registerEnumType(Role, { name: "Role" });

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
