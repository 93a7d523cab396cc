/** A user frozen or an API key revoked: their open sockets are closed at once. */
export interface PrincipalRevokedEvent {
  kind: "user" | "partner";
  id: number;
}

declare module "./domain-events" {
  interface DomainEvents {
    "principal.revoked": PrincipalRevokedEvent;
  }
}

export const PRINCIPAL_REVOKED = "principal.revoked";
