import { Role } from "./access/roles";
import { anyone, can, isAuthenticated, notPartner } from "./access/rules";
import { AuditEntry } from "./audit/audit-entry.entity";
import { AuditResolver } from "./audit/audit.resolver";
import { AuthResolver } from "./auth/auth.resolver";
import type { CrmModule } from "./modules/contract";
import { Core1700000000000 } from "./migrations/1700000000000-core";
import { UserEmailExact1700000000100 } from "./migrations/1700000000100-user-email-exact";
import { ApiKeyLastUsed1700000000200 } from "./migrations/1700000000200-api-key-last-used";
import { EventOutbox1700000000300 } from "./migrations/1700000000300-event-outbox";
import { EventConsumer } from "./events/event-consumer.entity";
import { OutboxEntry } from "./events/outbox-entry.entity";
import { ApiKey } from "./org/api-key.entity";
import { OrgResolver } from "./org/org.resolver";
import { Territory } from "./org/territory.entity";
import { User } from "./org/user.entity";
import { OrgPermission } from "./org/user.service";

const STAFF = Object.values(Role).filter((r) => r !== Role.PARTNER);

/** Users, territories, API keys and the audit trail belong to the core, not to a module. */
export const coreModule: CrmModule = {
  name: "core",
  requires: [],
  entities: [Territory, User, ApiKey, AuditEntry, OutboxEntry, EventConsumer],
  resolvers: [OrgResolver, AuthResolver, AuditResolver],
  migrations: [Core1700000000000, UserEmailExact1700000000100, ApiKeyLastUsed1700000000200, EventOutbox1700000000300],
  grants: {
    [OrgPermission.ReadUsers]: STAFF,
    [OrgPermission.ManageUsers]: [Role.TERRITORY_ADMIN, Role.SYSTEM_ADMIN],
    [OrgPermission.ManageApiKeys]: [Role.SYSTEM_ADMIN],
    [OrgPermission.ReadAudit]: [Role.EXECUTIVE, Role.TERRITORY_HEAD, Role.SALES_MANAGER, Role.BUSINESS_MANAGER, Role.TERRITORY_ADMIN, Role.SYSTEM_ADMIN],
  },
  rules: {
    Query: {
      viewer: anyone,
      territories: isAuthenticated,
      users: can(OrgPermission.ReadUsers),
      auditTrail: can(OrgPermission.ReadAudit),
      apiKeys: can(OrgPermission.ManageApiKeys),
    },
    Mutation: {
      login: anyone,
      freezeUser: can(OrgPermission.ManageUsers),
      createApiKey: can(OrgPermission.ManageApiKeys),
      revokeApiKey: can(OrgPermission.ManageApiKeys),
    },
    LoginResult: anyone,
    CreatedApiKey: can(OrgPermission.ManageApiKeys),
    ApiKey: can(OrgPermission.ManageApiKeys),
    Territory: anyone,
    // Partners see who owns an account, not how to reach staff.
    // Every way to a User is guarded by its operation; the type only keeps partners from staff details.
    User: { "*": anyone, email: notPartner, role: notPartner, frozen: notPartner },
    AuditEntry: can(OrgPermission.ReadAudit),
    PageInfo: isAuthenticated,
  },
  auditable: {
    // Admins read the history of users they manage; executives and system admins of everyone.
    User: async (ctx, id) => {
      const v = ctx.viewer;
      if (!v || ![Role.EXECUTIVE, Role.SYSTEM_ADMIN, Role.TERRITORY_ADMIN, Role.TERRITORY_HEAD].includes(v.role)) return false;
      const user = await ctx.db.getRepository(User).findOneBy({ id });
      if (!user) return false;
      return v.role === Role.EXECUTIVE || v.role === Role.SYSTEM_ADMIN || user.territoryId === v.territoryId;
    },
  },
};
