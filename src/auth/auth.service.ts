import type { Context } from "../context";
import { DomainError, ErrorCode, unauthenticated } from "../errors";
import { User } from "../org/user.entity";
import { decoyHash, verifyPassword } from "./password";
import { issueToken } from "./tokens";

function tooMany(seconds: number) {
  return new DomainError(ErrorCode.TooManyRequests, `Too many login attempts; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/**
 * An e-mail address as it is stored and compared: trimmed, NFKC (full-width letters and digits to
 * ASCII), format and other invisible characters (zero-width space, soft hyphen, bidi controls)
 * dropped, lower case. Lookups compare it exactly (users.email is binary on MySQL), so the per-account
 * limit below counts every spelling that can reach one user under one key.
 */
export function normaliseEmail(email: string): string {
  return email.normalize("NFKC").replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, "").trim().toLowerCase();
}

/**
 * Logs a user in. Failed attempts are limited per account and per client address, so a password
 * cannot be guessed through this mutation; the answer never tells which e-mails exist.
 *
 * A locked account is no lock-out of its owner: five wrong passwords from anywhere would otherwise
 * shut anyone (the executive) out for the window. While it is locked, an address with no failure in
 * the window gets one try; the right password passes, a wrong one is refused like the lock and marks
 * that address, so each address guesses once at most.
 */
export async function login(ctx: Context, email: string, password: string): Promise<{ token: string; user: User }> {
  const { config } = ctx;
  const windowMs = config.loginWindowSeconds * 1000;
  const perAccount = ctx.limiters.get("login:account", config.loginMaxAttemptsPerAccount, windowMs);
  const perAddress = ctx.limiters.get("login:address", config.loginMaxAttemptsPerAddress, windowMs);
  const accountKey = normaliseEmail(email);
  const addressWait = perAddress.retryAfter(ctx.clientAddress);
  if (addressWait > 0) throw tooMany(addressWait);
  const lockWait = perAccount.retryAfter(accountKey);
  const throughLock = lockWait > 0 && perAddress.count(ctx.clientAddress) === 0;
  if (lockWait > 0 && !throughLock) throw tooMany(lockWait);
  // Counted as a failure before the password is checked (asynchronously), or parallel guesses would all pass the limit.
  perAccount.hit(accountKey);
  perAddress.hit(ctx.clientAddress);

  const user = await ctx.db.getRepository(User).findOneBy({ email: accountKey });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) throw throughLock ? tooMany(lockWait) : unauthenticated("Invalid e-mail or password");
  // The right password: the attempt counted above was no failure after all.
  perAccount.reset(accountKey);
  perAddress.refund(ctx.clientAddress);
  if (user.frozen) throw unauthenticated("User is frozen");
  return { token: issueToken(config, user.id), user };
}
