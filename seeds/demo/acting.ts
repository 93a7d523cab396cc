import type { Context, Services } from "../../src/context";
import { createContext } from "../../src/context";
import { readUser } from "../../src/auth/authenticate";
import type { User } from "../../src/org/user.entity";

/**
 * A context in which a demo seed acts as `user`, with the reach the user would have signed in (a
 * sales manager's team: themselves and their direct reports), for the steps a seed takes through
 * another module's public API, which checks reach and records who acted.
 */
export async function actingAs(services: Services, user: User): Promise<Context> {
  const known = await readUser(services.db, user.id);
  if (!known) throw new Error(`demo user ${user.id} is not in the database`);
  return createContext(services, known.viewer, "demo-seed");
}
