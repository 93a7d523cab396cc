import type { Grants } from "../../src/access/permissions";
import { Role } from "../../src/access/roles";

const { EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE, SERVICE_AGENT, MARKETER, SYSTEM_ADMIN, PARTNER } = Role;

export const AccountPermission = {
  Read: "account.read",
  Create: "account.create",
  Update: "account.update",
  Approve: "account.approve",
  Archive: "account.archive",
  Transfer: "account.transfer",
  TransferAcrossTerritories: "account.transfer.across-territories",
  Claim: "account.claim",
  SetTier: "account.tier.set",
  ReadCredit: "account.credit.read",
  WriteCredit: "account.credit.write",
  ReadContactPrivate: "contact.private.read",
  WriteContact: "contact.write",
  ReadActivity: "activity.read",
  LogActivity: "activity.log",
  AssignActivityToAnyone: "activity.assign-anyone",
  RunFollowUpSweep: "follow-up.sweep",
  ConfigureFollowUp: "follow-up.configure",
  ReadCareReminders: "care.read",
} as const;

const SELLING = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER];
const MANAGING = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER];

/** Who may do what with accounts, contacts and activities; rows are further limited by Scope. */
export const accountGrants: Grants = {
  [AccountPermission.Read]: [...SELLING, FINANCE, SERVICE_AGENT, MARKETER, PARTNER],
  [AccountPermission.Create]: SELLING,
  [AccountPermission.Update]: [...SELLING, FINANCE],
  [AccountPermission.Approve]: MANAGING,
  [AccountPermission.Archive]: MANAGING,
  [AccountPermission.Transfer]: MANAGING,
  [AccountPermission.TransferAcrossTerritories]: [EXECUTIVE],
  [AccountPermission.Claim]: [SALES_REP],
  [AccountPermission.SetTier]: MANAGING,
  // Credit limit, terms and risk grade: the people who decide on credit and on orders.
  [AccountPermission.ReadCredit]: [...MANAGING, BUSINESS_MANAGER, FINANCE],
  [AccountPermission.WriteCredit]: [EXECUTIVE, TERRITORY_HEAD, FINANCE],
  // Contact phone, e-mail and birthday: the people who call, visit and serve the customer.
  [AccountPermission.ReadContactPrivate]: [...SELLING, SERVICE_AGENT],
  [AccountPermission.WriteContact]: [...SELLING, SERVICE_AGENT],
  [AccountPermission.ReadActivity]: [...SELLING, SERVICE_AGENT, MARKETER, FINANCE],
  [AccountPermission.LogActivity]: [...SELLING, SERVICE_AGENT, MARKETER],
  [AccountPermission.AssignActivityToAnyone]: [EXECUTIVE],
  [AccountPermission.RunFollowUpSweep]: [EXECUTIVE, SYSTEM_ADMIN],
  [AccountPermission.ConfigureFollowUp]: [EXECUTIVE, TERRITORY_HEAD, SYSTEM_ADMIN],
  [AccountPermission.ReadCareReminders]: [...SELLING, SERVICE_AGENT],
};
