import type { Role } from "./roles";
import { forbidden } from "../errors";
import type { Viewer } from "./viewer";

/**
 * Permissions are data: each module declares its permission names and the roles granted each
 * (`grants` in its manifest); shield rules and services ask this one table.
 */
export type Grants = Record<string, readonly Role[]>;

export class Permissions {
  private readonly table = new Map<string, Set<Role>>();

  constructor(grants: Grants[]) {
    for (const fragment of grants) {
      for (const [permission, roles] of Object.entries(fragment)) {
        if (this.table.has(permission)) throw new Error(`Permission ${permission} is granted twice`);
        this.table.set(permission, new Set(roles));
      }
    }
  }

  has(viewer: Viewer | null, permission: string): boolean {
    return viewer !== null && this.granted(viewer.role, permission);
  }

  /** Refuses with FORBIDDEN, naming the first of `permissions` the viewer lacks. */
  require(viewer: Viewer | null, ...permissions: string[]): void {
    for (const permission of permissions) {
      if (!this.has(viewer, permission)) throw forbidden(`Not allowed: your role lacks the permission "${permission}"`);
    }
  }

  /** Whether `role` holds `permission` (for a user other than the caller: a record's owner). */
  granted(role: Role, permission: string): boolean {
    const roles = this.table.get(permission);
    if (!roles) throw new Error(`Unknown permission ${permission}`);
    return roles.has(role);
  }
}
