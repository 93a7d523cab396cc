import type { CrmModule } from "../../src/modules/contract";
import { can, isAuthenticated } from "../../src/access/rules";
import { Account } from "./account.entity";
import { AccountPermission as P, accountGrants } from "./account.permissions";
import { AccountResolver } from "./account.resolver";
import { findAccount } from "./account.service";
import { Activity } from "./activity.entity";
import { ActivityResolver } from "./activity.resolver";
import { FollowUpPolicy } from "./follow-up-policy.entity";
import { Holiday } from "./holiday.entity";
import { Contact } from "./contact.entity";
import { ContactResolver } from "./contact.resolver";
import { findContact } from "./contact.service";
import { seedAccountsDemo } from "./demo.seed";
import { runFollowUpSweep } from "./follow-up";
import { FollowUpResolver } from "./follow-up.resolver";
import { Accounts1700000001000 } from "./migrations/1700000001000-accounts";
import { AccountIndexes1700000001100 } from "./migrations/1700000001100-account-indexes";
import { AccountNameKeys1700000001200 } from "./migrations/1700000001200-account-name-keys";

/** Accounts, contacts and activities (PRODUCT.md, "Customers (accounts) and contacts"). */
export const accountsModule: CrmModule = {
  name: "accounts",
  requires: [],
  entities: [Account, Contact, Activity, FollowUpPolicy, Holiday],
  resolvers: [AccountResolver, ContactResolver, ActivityResolver, FollowUpResolver],
  migrations: [Accounts1700000001000, AccountIndexes1700000001100, AccountNameKeys1700000001200],
  grants: accountGrants,
  rules: {
    Query: {
      accounts: can(P.Read),
      account: can(P.Read),
      followUpPolicy: can(P.ConfigureFollowUp),
      careReminders: can(P.ReadCareReminders),
    },
    Mutation: {
      createAccount: can(P.Create),
      updateAccount: can(P.Update),
      approveAccount: can(P.Approve),
      archiveAccount: can(P.Archive),
      transferAccount: can(P.Transfer),
      claimAccount: can(P.Claim),
      createContact: can(P.WriteContact),
      updateContact: can(P.WriteContact),
      logActivity: can(P.LogActivity),
      runFollowUpSweep: can(P.RunFollowUpSweep),
      setFollowUpPolicy: can(P.ConfigureFollowUp),
      addHoliday: can(P.ConfigureFollowUp),
    },
    Account: {
      "*": isAuthenticated,
      creditLimit: can(P.ReadCredit),
      creditTermsDays: can(P.ReadCredit),
      riskGrade: can(P.ReadCredit),
      activities: can(P.ReadActivity),
    },
    AccountConnection: isAuthenticated,
    AccountEdge: isAuthenticated,
    Contact: { "*": isAuthenticated, phone: can(P.ReadContactPrivate), email: can(P.ReadContactPrivate), birthday: can(P.ReadContactPrivate) },
    Activity: can(P.ReadActivity),
    FollowUpSweepResult: can(P.RunFollowUpSweep),
    FollowUpPolicy: can(P.ConfigureFollowUp),
    Holiday: can(P.ConfigureFollowUp),
    CareReminder: can(P.ReadCareReminders),
  },
  jobs: [
    {
      name: "follow-up sweep",
      every: (s) => s.config.followUpSweepIntervalMs,
      run: (s, now) => runFollowUpSweep({ ...s, viewer: null }, now, now),
    },
  ],
  seed: seedAccountsDemo,
  auditable: {
    Account: async (ctx, id) => (await findAccount(ctx, id)) !== null,
    Contact: async (ctx, id) => (await findContact(ctx, id)) !== null,
  },
};

// The public API other modules may use.
export { Account, AccountStatus, ApprovalStatus, FollowUpState, Tier, RiskGrade } from "./account.entity";
export { Activity, ActivityType } from "./activity.entity";
export { Contact } from "./contact.entity";
export { accountById, activitiesByRelated } from "./account.loaders";
export { assertNotArchived, assertWritable, findAccount, scopedAccounts, insertAccount, ACCOUNT_SCOPE } from "./account.service";
export { AccountReason } from "./account.reasons";
export type { ActivityLinkSource } from "./activity-links";
export type { AccountCreatedEvent, AccountReclaimedEvent, AccountTransferredEvent, ActivityLoggedEvent } from "./account.events";
export { recordActivity } from "./activity.service";
export { insertContact } from "./contact.service";
export { ActivityDetailsInput, CreateAccountInput } from "./account.inputs";
export { AccountPermission } from "./account.permissions";
export { normaliseAccountName, normaliseRegistrationNo } from "./account-name";
export { assertNoDuplicate } from "./duplicates";
