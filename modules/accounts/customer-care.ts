import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Brackets } from "typeorm";
import type { Context } from "../../src/context";
import { Account } from "./account.entity";
import { ACCOUNT_SCOPE } from "./account.service";
import { Holiday } from "./holiday.entity";
import { Contact } from "./contact.entity";
import { DEFAULT_FOLLOW_UP } from "./follow-up.policy";

export enum CareReminderKind {
  BIRTHDAY = "BIRTHDAY",
  HOLIDAY = "HOLIDAY",
}
registerEnumType(CareReminderKind, {
  name: "CareReminderKind",
  description: "Why a customer should be greeted",
  valuesConfig: {
    BIRTHDAY: { description: "a contact's birthday (29 February birthdays fall on 28 February in other years)" },
    HOLIDAY: { description: "a configured holiday of the caller's territory or of the group" },
  },
});

@ObjectType({ description: "A day ahead to greet customers: a contact's birthday, or a configured holiday" })
export class CareReminder {
  @Field(() => CareReminderKind, { description: "birthday or holiday" })
  kind: CareReminderKind;

  @Field(() => String, { description: "YYYY-MM-DD, the day to greet" })
  date: string;

  @Field(() => String, { description: "what to greet for: \"Birthday of <name>\", or the holiday's name" })
  title: string;

  @Field(() => Contact, { nullable: true, description: "whose birthday it is; null for a holiday" })
  contact: Contact | null;

  @Field(() => Account, { nullable: true, description: "the contact's account (live, in the caller's reach); null for a holiday" })
  account: Account | null;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The customer-care list (PRODUCT.md, "Customer care"): birthdays of the contacts of the accounts
 * the caller reaches, and configured holidays, from today up to `days` ahead. A 29 February
 * birthday is remembered on 28 February in other years.
 */
export async function careReminders(ctx: Context, days: number = DEFAULT_FOLLOW_UP.careReminderDays, today = new Date()): Promise<CareReminder[]> {
  const window = new Map<number, string>();
  for (let i = 0; i <= days; i++) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + i));
    const md = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    window.set(md, isoDay(d));
    if (md === 228 && !isLeap(d.getUTCFullYear())) window.set(229, isoDay(d));
  }
  const rows = await ctx.scope
    .apply(ctx.db.getRepository(Contact).createQueryBuilder("c").innerJoinAndMapOne("c.account", Account, "a", "a.id = c.accountId"), "a", ACCOUNT_SCOPE)
    .andWhere("a.archivedAt IS NULL")
    .andWhere("c.birthMonthDay IN (:...mds)", { mds: [...window.keys()] })
    .getMany();
  const birthdays: CareReminder[] = rows.map((c) => {
    const { account, ...contact } = c as Contact & { account: Account };
    return { kind: CareReminderKind.BIRTHDAY, date: window.get(c.birthMonthDay!)!, title: `Birthday of ${c.name}`, contact: Object.assign(new Contact(), contact), account };
  });
  const holidayQuery = ctx.db
    .getRepository(Holiday)
    .createQueryBuilder("h")
    .where("h.date >= :from AND h.date <= :to", { from: isoDay(today), to: isoDay(new Date(today.getTime() + days * 86400_000)) });
  const territories = ctx.viewer?.territoryIds ?? [];
  holidayQuery.andWhere(
    new Brackets((w) => {
      w.where("h.territoryId IS NULL");
      if (territories.length > 0) w.orWhere("h.territoryId IN (:...ts)", { ts: territories });
    }),
  );
  const holidays: CareReminder[] = (await holidayQuery.getMany()).map((h) => ({ kind: CareReminderKind.HOLIDAY, date: h.date, title: h.name, contact: null, account: null }));
  return [...birthdays, ...holidays].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}
