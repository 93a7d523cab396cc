import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { badInput } from "../../src/errors";
import { Quote, QuoteStatus } from "./quote.entity";
import { QUOTE_AUDITED } from "./quote.service";

export type ExpiryRunner = Pick<Context, "db" | "events" | "viewer">;

/**
 * SENT quotes past their validity become EXPIRED: a quote is valid through its validUntil day
 * (UTC), so as of any moment of the next day it has expired. The periodic job and
 * `runQuoteExpiry(asOf)` both call this; `asOf` may be in the past (to catch up), never in the
 * future, where it would expire quotes the customer may still accept. Each expiry is audited.
 */
export async function runQuoteExpiry(runner: ExpiryRunner, asOf: Date, now = new Date()): Promise<number> {
  if (asOf.getTime() > now.getTime()) throw badInput("asOf", "must not be later than now");
  const day = asOf.toISOString().slice(0, 10);
  return inTransaction(runner, async (uow) => {
    const due = await uow.manager.getRepository(Quote).createQueryBuilder("q").where("q.status = :sent", { sent: QuoteStatus.SENT }).andWhere("q.validUntil < :day", { day }).orderBy("q.id").getMany();
    for (const quote of due) await versionedUpdate(uow, Quote, quote, { status: QuoteStatus.EXPIRED }, { action: "EXPIRE", audited: QUOTE_AUDITED });
    return due.length;
  });
}
