import type { Context } from "../../src/context";
import { diff, inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { calendarDate } from "../../src/domain/calendar-date";
import { problem } from "../../src/domain/problems";
import { cleanText } from "../../src/domain/text";
import { badInput, notFound } from "../../src/errors";
import type { EntityManager } from "typeorm";
import type { ParentScope } from "../../src/access/scope";
import { Account } from "./account.entity";
import { ACCOUNT_SCOPE, assertWritable, withWritableAccount } from "./account.service";
import { Contact } from "./contact.entity";
import type { CreateContactInput, UpdateContactInput } from "./account.inputs";

const AUDITED: (keyof Contact)[] = ["name", "title", "phone", "email", "birthday", "isKeyPerson"];

/** A birthday (a calendar date, not in the future) and the month-day key reminders search by. */
function birthday(value: string | null | undefined): { birthday: string | null; birthMonthDay: number | null } {
  if (!value) return { birthday: null, birthMonthDay: null };
  const date = calendarDate(value, "birthday", { notAfter: "today" });
  return { birthday: date, birthMonthDay: Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) };
}

const cleanName = (name: string) => cleanText(name, "name", { max: 120 });

/** Contacts are reached through their account: a contact is in reach when its account is. */
export const CONTACT_SCOPE: ParentScope = { parent: Account, foreignKey: "accountId", columns: ACCOUNT_SCOPE };

/** One contact in the viewer's reach, or null: outside the reach is the same as not existing. */
export function findContact(ctx: Context, id: number, manager: EntityManager = ctx.db.manager): Promise<Contact | null> {
  return ctx.scope.applyThrough(manager.getRepository(Contact).createQueryBuilder("c"), "c", CONTACT_SCOPE).andWhere("c.id = :id", { id }).getOne();
}

export async function createContact(ctx: Context, input: CreateContactInput): Promise<Contact> {
  return withWritableAccount(ctx, input.accountId, (uow, account) => insertContact(uow, account.id, input));
}

/** Adds a contact to an account the caller already reached, inside the caller's transaction (also for converting a lead). */
export async function insertContact(uow: UnitOfWork, accountId: number, input: Omit<CreateContactInput, "accountId">): Promise<Contact> {
  const fields = {
    name: cleanName(input.name),
    title: input.title?.trim() || null,
    phone: input.phone?.trim() || null,
    email: input.email?.trim().toLowerCase() || null,
    ...birthday(input.birthday),
    isKeyPerson: input.isKeyPerson ?? false,
  };
  const contact = uow.manager.create(Contact, { ...fields, accountId, createdAt: new Date(), version: 1 });
  await insertAudited(uow, Contact, contact, AUDITED);
  return contact;
}

/** Changes a contact; key-person changes are audited like every other field, for managers to track. */
export async function updateContact(ctx: Context, id: number, version: number, input: UpdateContactInput): Promise<Contact> {
  const changes: Partial<Contact> = {};
  if (input.name !== undefined) {
    if (input.name === null) throw badInput("name", problem.null);
    changes.name = cleanName(input.name);
  }
  if (input.title !== undefined) changes.title = input.title?.trim() || null;
  if (input.phone !== undefined) changes.phone = input.phone?.trim() || null;
  if (input.email !== undefined) changes.email = input.email?.trim().toLowerCase() || null;
  if (input.birthday !== undefined) Object.assign(changes, birthday(input.birthday));
  if (input.isKeyPerson !== undefined && input.isKeyPerson !== null) changes.isKeyPerson = input.isKeyPerson;
  return inTransaction(ctx, async (uow) => {
    const contact = await findContact(ctx, id, uow.manager);
    if (!contact) throw notFound("Contact", id);
    assertWritable(ctx, await uow.manager.findOneByOrFail(Account, { id: contact.accountId }));
    const changed = diff(contact, { ...contact, ...changes }, AUDITED);
    return versionedUpdate(uow, Contact, contact, changes, { expectedVersion: version, action: changed.isKeyPerson ? "KEY_PERSON_CHANGE" : "UPDATE", audited: AUDITED });
  });
}
