import { Brackets } from "typeorm";
import type { Context } from "../../src/context";
import { insertAudited } from "../../src/db/versioned-update";
import type { UnitOfWork } from "../../src/db/unit-of-work";
import { badInput, forbidden } from "../../src/errors";
import { parseId } from "../../src/graphql/ids";
import { User } from "../../src/org/user.entity";
import { Account, FollowUpState } from "./account.entity";
import type { ActivityDetailsInput, LogActivityInput } from "./account.inputs";
import { AccountPermission } from "./account.permissions";
import { assertNotArchived, withWritableAccount } from "./account.service";
import { Activity } from "./activity.entity";

/** Where an activity belongs: an account, and optionally a record of a later module (lead, opportunity, ticket). */
export interface ActivityLink {
  account: Account | null;
  territoryId: number;
  relatedType: string | null;
  relatedId: number | null;
}

/**
 * Writes one activity inside the caller's transaction and keeps the linked account's last
 * contact time: a done activity (or one without a due time, which happened now) is a contact and
 * clears the follow-up flags; a planned one is not. The activity's `doneAt` is its contact time.
 * An archived account refuses it (CONFLICT), whatever it is logged against (the account itself,
 * or an opportunity of it): what hangs off an archived account takes no writes, and its contact
 * time never moves.
 */
export async function recordActivity(ctx: Context, uow: UnitOfWork, input: ActivityDetailsInput, link: ActivityLink, now = new Date()): Promise<Activity> {
  const viewer = ctx.viewer!;
  if (link.account) assertNotArchived(link.account);
  const subject = input.subject.trim();
  if (subject === "") throw badInput("subject", "must not be blank");
  if (input.doneAt && input.doneAt > new Date(now.getTime() + 5 * 60_000)) throw badInput("doneAt", "must not be in the future");
  let ownerId = viewer.id;
  if (input.ownerId !== undefined && input.ownerId !== null) {
    ownerId = parseId(input.ownerId, "ownerId");
    if (ownerId !== viewer.id && !ctx.permissions.has(viewer, AccountPermission.AssignActivityToAnyone)) {
      throw forbidden("ownerId: only executives assign activities to others");
    }
  }
  if (ownerId !== viewer.id) {
    const owner = await uow.manager.findOneBy(User, { id: ownerId });
    if (!owner || owner.frozen) throw badInput("ownerId", `user ${ownerId} does not exist or is frozen`);
  }
  const contactAt = input.doneAt ?? (input.dueAt ? null : now);
  const account = link.account;
  if (account && contactAt && (!account.lastContactAt || contactAt > account.lastContactAt)) {
    // Not a versioned edit: contact time only moves forward, whoever logs, so the UPDATE itself checks it.
    // Before the insert, whose foreign key share-locks this row: after it, two logs at once deadlock on MySQL.
    const moved = await uow.manager
      .createQueryBuilder()
      .update(Account)
      .set({ lastContactAt: contactAt, followUpState: FollowUpState.OK })
      .where("id = :id", { id: account.id })
      // Archived meanwhile (after the caller read the account): the contact time stays all the same.
      .andWhere("archivedAt IS NULL")
      .andWhere(new Brackets((w) => w.where("lastContactAt IS NULL").orWhere("lastContactAt < :contactAt", { contactAt })))
      .execute();
    if (moved.affected && account.followUpState !== FollowUpState.OK) {
      await uow.audit("Account", account.id, "FOLLOW_UP", { followUpState: { from: account.followUpState, to: FollowUpState.OK } });
    }
  }
  const activity = uow.manager.create(Activity, {
    type: input.type,
    subject,
    accountId: account?.id ?? null,
    relatedType: link.relatedType,
    relatedId: link.relatedId,
    territoryId: link.territoryId,
    ownerId,
    dueAt: input.dueAt ?? null,
    doneAt: contactAt,
    outcome: input.outcome?.trim() || null,
    createdById: viewer.id,
    createdAt: now,
  });
  await insertAudited(uow, Activity, activity, ["type", "subject", "accountId", "relatedType", "relatedId", "ownerId", "dueAt", "doneAt", "outcome"]);
  uow.emit({ name: "activity.logged", payload: { activityId: activity.id, accountId: account?.id ?? null, relatedType: link.relatedType, relatedId: link.relatedId } });
  return activity;
}

/** Logs an activity against an account in the caller's reach. */
export async function logActivity(ctx: Context, input: LogActivityInput, now = new Date()): Promise<Activity> {
  return withWritableAccount(ctx, input.accountId, (uow, account) =>
    recordActivity(ctx, uow, input, { account, territoryId: account.territoryId, relatedType: null, relatedId: null }, now),
  );
}
