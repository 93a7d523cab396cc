import { Role } from "./roles";

/** Who is calling, resolved once per request (or per WebSocket connection) by the auth layer. */
export interface Viewer {
  kind: "user" | "partner";
  /** user id, or API key id for a partner */
  id: number;
  name: string;
  role: Role;
  /** the user's home territory; null for group-level users */
  territoryId: number | null;
  /** territories whose rows the viewer may reach (a partner's granted territories) */
  territoryIds: number[];
  /** user ids whose records the viewer reaches as a team: themselves and their direct reports */
  teamIds: number[];
  /** when the credential (login token or API key) stops working; null when it does not expire */
  expiresAt?: Date | null;
}

export const isUser = (viewer: Viewer | null): viewer is Viewer & { kind: "user" } => viewer?.kind === "user";
