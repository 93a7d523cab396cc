import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";

/**
 * "Every open lead and opportunity needs at least one activity a month (flagged otherwise)"
 * (PRODUCT.md, "Activities"). The clock starts when the record comes in and moves with each done
 * activity; stale is computed for a given moment, so a list can be asked "as of" any date.
 */
export const MONTHLY_ACTIVITY_DAYS = 30;

const DAY = 24 * 3600 * 1000;

/** Records whose activity clock is before this moment are stale as of `asOf`. */
export const staleBefore = (asOf: Date) => new Date(asOf.getTime() - MONTHLY_ACTIVITY_DAYS * DAY);

/**
 * Limits a list to the stale records (`stale` true) or to the others (false) as of `asOf`: open ones
 * (in `openStatuses`) whose activity clock is over a month old. Nothing when `stale` is not given.
 */
export function whereStale<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, openStatuses: readonly string[], stale: boolean | null | undefined, asOf: Date | null | undefined): void {
  if (stale === undefined || stale === null) return;
  const before = staleBefore(asOf ?? new Date());
  if (stale) qb.andWhere(`${alias}.status IN (:...staleOpen) AND ${alias}.activityClockAt < :staleBefore`, { staleOpen: openStatuses, staleBefore: before });
  else qb.andWhere(`(${alias}.status NOT IN (:...staleOpen) OR ${alias}.activityClockAt >= :staleBefore)`, { staleOpen: openStatuses, staleBefore: before });
}

export const isStale = (activityClockAt: Date, open: boolean, asOf: Date) => open && activityClockAt < staleBefore(asOf);

/**
 * What a done activity changes on a lead or an opportunity: its last activity and its clock move
 * forward, never back; null when the activity is not done (a planned one is no contact).
 */
export function activityClockChanges(record: { activityClockAt: Date; lastActivityAt: Date | null }, doneAt: Date | null) {
  if (!doneAt) return null;
  return {
    lastActivityAt: record.lastActivityAt && record.lastActivityAt > doneAt ? record.lastActivityAt : doneAt,
    activityClockAt: record.activityClockAt > doneAt ? record.activityClockAt : doneAt,
  };
}
