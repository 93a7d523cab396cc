import { allow, rule } from "graphql-shield";
import type { Context } from "../context";
import { forbidden, unauthenticated } from "../errors";

/**
 * The shield side of permissions. Every rule is cached per request ("contextual"), so a list of
 * 100 accounts asks each question once, not 100 times.
 */
export const isAuthenticated = rule("isAuthenticated", { cache: "contextual" })((_parent, _args, ctx: Context) =>
  ctx.viewer ? true : unauthenticated(),
);

const made = new Map<string, ReturnType<ReturnType<typeof rule>>>();

/** Allows the operation or field when the viewer's role is granted `permission`. */
export function can(permission: string) {
  let existing = made.get(permission);
  if (!existing) {
    existing = rule(`can:${permission}`, { cache: "contextual" })((_parent, _args, ctx: Context) => {
      if (!ctx.viewer) return unauthenticated();
      return ctx.permissions.has(ctx.viewer, permission) ? true : forbidden(`Not allowed: your role lacks the permission "${permission}"`);
    });
    made.set(permission, existing);
  }
  return existing;
}

/** Anyone, logged in or not: used for `login`, `viewer` and plain data types. */
export const anyone = allow;

/** Staff and anonymous callers (a login result), not partner keys. */
export const notPartner = rule("notPartner", { cache: "contextual" })((_parent, _args, ctx: Context) =>
  ctx.viewer?.kind === "partner" ? forbidden("Partners may not read this field") : true,
);
