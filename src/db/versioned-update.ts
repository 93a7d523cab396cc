import type { EntityTarget } from "typeorm";
import { conflict } from "../errors";
import { CommonReason } from "../errors";
import { diff, type Changes, type UnitOfWork } from "./unit-of-work";

/** A row that takes optimistic concurrency: an id and a version bumped by every change. */
export interface Versioned {
  id: number;
  version: number;
}

export interface VersionedUpdateOptions<T> {
  /** the version the caller read (a mutation's `version` argument); another version is a CONFLICT */
  expectedVersion?: number;
  /** the audit entry's action, e.g. UPDATE, APPROVE, TRANSFER */
  action: string;
  /** the fields whose changes the audit entry records */
  audited: readonly (keyof T)[];
  /** recorded instead of the changes of `audited`, where the action says more than the diff */
  changes?: Changes;
}

/**
 * The one versioned write (ARCHITECTURE.md step 7): checks the version the caller read, writes the
 * changes with the version bumped (and updatedAt, where the entity has one) only if nobody else
 * wrote in between, and audits what changed. Two editors never overwrite each other silently: the
 * later one gets CONFLICT with reason STALE_VERSION, naming the field `version` and the current one.
 */
export async function versionedUpdate<T extends Versioned>(
  uow: UnitOfWork,
  entity: EntityTarget<T>,
  row: T,
  changes: Partial<T>,
  options: VersionedUpdateOptions<T>,
): Promise<T> {
  const metadata = uow.manager.getRepository(entity).metadata;
  const type = metadata.targetName;
  const read = row.version;
  if (options.expectedVersion !== undefined && options.expectedVersion !== read) throw stale(type, row.id, read, options.expectedVersion);
  const stamped = metadata.findColumnWithPropertyName("updatedAt") ? { ...changes, updatedAt: new Date() } : { ...changes };
  const written = { ...stamped, version: read + 1 } as Partial<T>;
  const result = await uow.manager.update(entity, { id: row.id, version: read } as never, written as never);
  if (!result.affected) throw stale(type, row.id, null, read);
  const before = { ...row };
  Object.assign(row, written);
  const audited = options.changes ?? diff(before, row, options.audited as (keyof T)[]);
  if (options.changes || Object.keys(audited).length > 0) await uow.audit(type, row.id, options.action, audited);
  return row;
}

function stale(type: string, id: number, current: number | null, expected: number) {
  const message =
    current === null
      ? `${type} ${id} was changed by someone else since version ${expected}; reload it and try again`
      : `${type} ${id} is at version ${current}, not ${expected}: reload it and try again`;
  return conflict(message, { reason: CommonReason.StaleVersion, field: "version", ...(current === null ? {} : { currentVersion: current }) });
}

/**
 * The one audited insert: writes `row` (TypeORM sets its generated id on it) and audits its
 * creation, with the `audited` fields as changes from nothing (and `extra` beside them).
 */
export async function insertAudited<T extends { id: number }>(uow: UnitOfWork, entity: EntityTarget<T>, row: T, audited: readonly (keyof T)[], extra: Changes = {}): Promise<T> {
  await uow.manager.insert(entity, row as never);
  await uow.audit(uow.manager.getRepository(entity).metadata.targetName, row.id, "CREATE", { ...diff({}, row, audited as (keyof T)[]), ...extra });
  return row;
}
