import type { Context, Services } from "../../src/context";
import { createContext } from "../../src/context";
import { Role } from "../../src/access/roles";
import type { Viewer } from "../../src/access/viewer";
import { User } from "../../src/org/user.entity";

/**
 * A context in which a demo seed acts as `user`, with the reach the user would have signed in (a
 * sales manager's team: themselves and their direct reports), for the steps a seed takes through
 * another module's public API, which checks reach and records who acted.
 */
export async function actingAs(services: Services, user: User): Promise<Context> {
  const reports = user.role === Role.SALES_MANAGER ? (await services.db.getRepository(User).findBy({ managerId: user.id })).map((u) => u.id) : [];
  const viewer: Viewer = {
    kind: "user",
    id: user.id,
    name: user.name,
    role: user.role,
    territoryId: user.territoryId,
    territoryIds: user.territoryId === null ? [] : [user.territoryId],
    teamIds: [user.id, ...reports],
  };
  return createContext(services, viewer, "demo-seed");
}
