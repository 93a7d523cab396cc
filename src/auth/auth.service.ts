import type { Context } from "../context";
import { DomainError, ErrorCode, unauthenticated } from "../errors";
import { User } from "../org/user.entity";
import { decoyHash, verifyPassword } from "./password";
import { issueToken } from "./tokens";

function tooMany(seconds: number) {
  return new DomainError(ErrorCode.TooManyRequests, `Too many login attempts; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/**
 * Logs a user in. Failed attempts are limited per account and per client address, so a password
 * cannot be guessed through this mutation; the answer never tells which e-mails exist.
 */
export async function login(ctx: Context, email: string, password: string): Promise<{ token: string; user: User }> {
  const { config } = ctx;
  const windowMs = config.loginWindowSeconds * 1000;
  const perAccount = ctx.limiters.get("login:account", config.loginMaxAttemptsPerAccount, windowMs);
  const perAddress = ctx.limiters.get("login:address", config.loginMaxAttemptsPerAddress, windowMs);
  const accountKey = email.trim().toLowerCase();
  const wait = Math.max(perAccount.retryAfter(accountKey), perAddress.retryAfter(ctx.clientAddress));
  if (wait > 0) throw tooMany(wait);
  // Counted as a failure before the password is checked (asynchronously), or parallel guesses would all pass the limit.
  perAccount.hit(accountKey);
  perAddress.hit(ctx.clientAddress);

  const user = await ctx.db.getRepository(User).findOneBy({ email: accountKey });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) throw unauthenticated("Invalid e-mail or password");
  // The right password: the attempt counted above was no failure after all.
  perAccount.reset(accountKey);
  perAddress.refund(ctx.clientAddress);
  if (user.frozen) throw unauthenticated("User is frozen");
  return { token: issueToken(config, user.id), user };
}
