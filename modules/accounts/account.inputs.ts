import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { IsOptional } from "class-validator";
import { IntegerBetween, IsCalendarDate, IsEmailAddress, IsPhoneNumber, TextLength } from "../../src/domain/input-rules";
import { Decimal } from "../../src/graphql/scalars";
import { SortDirection } from "../../src/graphql/connection";
import { AccountStatus, ApprovalStatus, FollowUpState, RiskGrade, Tier } from "./account.entity";
import { ActivityType } from "./activity.entity";

/** Details of an account that anyone who may create one may also change. */
@InputType()
class AccountDetails {
  @Field(() => String, {
    nullable: true,
    description: "unified social credit code: 6 to 30 letters and digits once spaces and dashes are dropped (kept upper-case); unique in the group, a number on file is CONFLICT with reason DUPLICATE (field registrationNo); null: none",
  })
  @IsOptional()
  @TextLength(6, 40)
  registrationNo?: string | null;

  @Field(() => String, { nullable: true, description: "the customer's industry, free text, at most 80 characters; null or blank: none" })
  @IsOptional()
  @TextLength(0, 80)
  industry?: string | null;

  @Field(() => String, { nullable: true, description: "the customer's region, free text, at most 80 characters; null or blank: none" })
  @IsOptional()
  @TextLength(0, 80)
  region?: string | null;
}

@InputType({ description: "A new account; absent fields are left empty" })
export class CreateAccountInput extends AccountDetails {
  @Field(() => String, { description: "the registered legal name, complete" })
  @TextLength(1, 200)
  name: string;

  @Field(() => Tier, { nullable: true, description: "GENERAL when absent; another tier only from EXECUTIVE, TERRITORY_HEAD or SALES_MANAGER (FORBIDDEN otherwise)" })
  tier?: Tier | null;

  @Field(() => ID, {
    nullable: true,
    description: "the account's territory; defaults to the caller's own. Only users without a territory (executives) name another, and must name one (BAD_USER_INPUT without it); anyone else naming another is FORBIDDEN with reason OUTSIDE_TERRITORY",
  })
  territoryId?: string | null;
}

@InputType({ description: "Changes to an account: an absent field stays as it is, a null clears it (name, status and tier cannot be null). Each field needs its right: credit limit, terms and risk grade EXECUTIVE, TERRITORY_HEAD or FINANCE; tier EXECUTIVE, TERRITORY_HEAD or SALES_MANAGER; the others the roles that create accounts (EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER). A field the caller may not change is FORBIDDEN" })
export class UpdateAccountInput extends AccountDetails {
  @Field(() => String, { nullable: true, description: "the new registered legal name, complete, 1 to 200 characters; the duplicate rule applies (CONFLICT with reason DUPLICATE, field name)" })
  @IsOptional()
  @TextLength(1, 200)
  name?: string;

  @Field(() => AccountStatus, { nullable: true, description: "the new relationship status" })
  status?: AccountStatus;

  @Field(() => Tier, { nullable: true, description: "the new tier; EXECUTIVE, TERRITORY_HEAD or SALES_MANAGER only" })
  tier?: Tier;

  @Field(() => Decimal, { nullable: true, description: "the new credit limit in CNY, up to two decimals, not negative; null: not limited. EXECUTIVE, TERRITORY_HEAD or FINANCE only" })
  creditLimit?: string | null;

  @Field(() => Int, { nullable: true, description: "the new credit terms in days, 0 to 365; null clears them. EXECUTIVE, TERRITORY_HEAD or FINANCE only" })
  @IsOptional()
  @IntegerBetween(0, 365)
  creditTermsDays?: number | null;

  @Field(() => RiskGrade, { nullable: true, description: "the new risk grade; null clears it. EXECUTIVE, TERRITORY_HEAD or FINANCE only" })
  riskGrade?: RiskGrade | null;
}

@InputType({ description: "Which accounts of the caller's reach to list; the conditions given all apply" })
export class AccountFilter {
  @Field(() => String, { nullable: true, description: "part of the name, compared as the duplicate rule does" })
  @IsOptional()
  @TextLength(0, 200)
  name?: string;

  @Field(() => AccountStatus, { nullable: true, description: "only accounts of this status" })
  status?: AccountStatus;

  @Field(() => ApprovalStatus, { nullable: true, description: "only PENDING or only APPROVED accounts" })
  approvalStatus?: ApprovalStatus;

  @Field(() => Tier, { nullable: true, description: "only accounts of this tier" })
  tier?: Tier;

  @Field(() => String, { nullable: true, description: "only accounts of exactly this industry" })
  industry?: string;

  @Field(() => String, { nullable: true, description: "only accounts of exactly this region" })
  region?: string;

  @Field(() => ID, { nullable: true, description: "only accounts owned by this user" })
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: "only accounts of this territory (still within the caller's reach)" })
  territoryId?: string;

  @Field(() => FollowUpState, { nullable: true, description: "only accounts with this follow-up flag" })
  followUpState?: FollowUpState;

  @Field(() => Boolean, { nullable: true, description: "true: only accounts in the public pool; false: only owned ones" })
  inPublicPool?: boolean;

  @Field(() => Boolean, { nullable: true, description: "archived accounts are left out unless this is true" })
  archived?: boolean;
}

export enum AccountOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(AccountOrderField, {
  name: "AccountOrderField",
  description: "What the accounts list is ordered by",
  valuesConfig: {
    NAME: { description: "the registered name (the default)" },
    CREATED_AT: { description: "when the account was created" },
    UPDATED_AT: { description: "when the account last changed" },
  },
});

@InputType({ description: "The order of the accounts list; ties are ordered by id" })
export class AccountOrder {
  @Field(() => AccountOrderField, { description: "the field to order by" })
  field: AccountOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "ascending unless given" })
  direction: SortDirection;
}

/** The optional details of a contact, shared by create and update. */
@InputType()
class ContactDetails {
  @Field(() => String, { nullable: true, description: "job title, at most 120 characters; null or blank: none" })
  @IsOptional()
  @TextLength(0, 120)
  title?: string | null;

  @Field(() => String, { nullable: true, description: "phone number: digits, spaces, parentheses and dashes, optionally a leading +, 5 to 40 characters; null: none" })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "e-mail address, kept in lower case; null: none" })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @Field(() => String, { nullable: true, description: "date of birth, YYYY-MM-DD; it puts the contact on the owner's care reminders; null: none" })
  @IsOptional()
  @IsCalendarDate()
  birthday?: string | null;

  @Field(() => Boolean, { nullable: true, description: "whether the contact decides or influences purchases; false when absent at creation" })
  isKeyPerson?: boolean;
}

@InputType({ description: "A new contact of an account" })
export class CreateContactInput extends ContactDetails {
  @Field(() => ID, { description: "the account, in the caller's reach and taking writes (not archived, not a pool account for reps and managers)" })
  accountId: string;

  @Field(() => String, { description: "full name, 1 to 120 characters" })
  @TextLength(1, 120)
  name: string;
}

@InputType({ description: "Changes to a contact: an absent field stays as it is, a null clears it (the name cannot be null)" })
export class UpdateContactInput extends ContactDetails {
  @Field(() => String, { nullable: true, description: "the new full name, 1 to 120 characters" })
  @IsOptional()
  @TextLength(1, 120)
  name?: string;
}

/** What an activity says, wherever it is logged: against an account here, a lead or opportunity elsewhere. */
@InputType({ description: "What an activity says, wherever it is logged" })
export class ActivityDetailsInput {
  @Field(() => ActivityType, { description: "the kind of activity" })
  type: ActivityType;

  @Field(() => String, { description: "what it is about, 1 to 200 characters, not blank" })
  @TextLength(1, 200)
  subject: string;

  @Field(() => Date, { nullable: true, description: "when it is due (UTC), for a planned activity; with a due time and no doneAt the activity is planned, not yet contact" })
  dueAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "when it happened (UTC), not in the future; an activity without dueAt or doneAt counts as done now" })
  doneAt?: Date | null;

  @Field(() => String, { nullable: true, description: "what came of it, at most 1,000 characters; null or blank: none" })
  @IsOptional()
  @TextLength(0, 1000)
  outcome?: string | null;

  @Field(() => ID, { nullable: true, description: "who does it; only executives assign activities to others" })
  ownerId?: string | null;
}

@InputType({ description: "An activity on an account" })
export class LogActivityInput extends ActivityDetailsInput {
  @Field(() => ID, { description: "the account, in the caller's reach and taking writes" })
  accountId: string;
}

@InputType({ description: "A territory's whole follow-up rule; the periods must grow: warnFirstDays < warnSecondDays < reclaimDays" })
export class FollowUpPolicyInput {
  @Field(() => Int, { description: "days without activity before WARN_30, 1 to 3650 (default 30)" })
  @IntegerBetween(1, 3650)
  warnFirstDays: number;

  @Field(() => Int, { description: "days without activity before WARN_60, 1 to 3650, more than warnFirstDays (default 60)" })
  @IntegerBetween(1, 3650)
  warnSecondDays: number;

  @Field(() => Int, { description: "days without activity before the account is reclaimed into the public pool, 1 to 3650, more than warnSecondDays (default 90)" })
  @IntegerBetween(1, 3650)
  reclaimDays: number;

  @Field(() => Int, { description: "how many accounts claimed from the pool a rep may hold at a time, 0 to 100000 (default 50)" })
  @IntegerBetween(0, 100000)
  maxClaimedPerRep: number;

  @Field(() => Int, { description: "days ahead the care reminders look by default, 0 to 366 (default 7)" })
  @IntegerBetween(0, 366)
  careReminderDays: number;
}
