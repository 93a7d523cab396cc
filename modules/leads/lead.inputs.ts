import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { IsOptional } from "class-validator";
import { IntegerBetween, IsEmailAddress, IsPhoneNumber, TextLength } from "../../src/domain/input-rules";
import { SortDirection } from "../../src/graphql/connection";
import { Decimal } from "../../src/graphql/scalars";
import { LeadChannel, LeadStatus } from "./lead.entity";

/** What every lead says about the prospect, from the public form or from staff. */
@InputType()
class LeadDetails {
  @Field(() => String, { description: "the prospect's company, 1 to 200 characters" })
  @TextLength(1, 200)
  company: string;

  @Field(() => String, { description: "the person to contact, 1 to 120 characters" })
  @TextLength(1, 120)
  contactName: string;

  @Field(() => String, { nullable: true, description: "the contact's e-mail, at most 254 characters; an e-mail or a phone number is required (BAD_USER_INPUT on email without either)" })
  @IsOptional()
  @IsEmailAddress()
  @TextLength(0, 254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "the contact's phone number: digits, spaces, parentheses and dashes, optionally a leading +, 5 to 40 characters" })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => LeadChannel, { nullable: true, description: "how the lead came in; default WEB_FORM on the web form (which takes only WEB_FORM or ONLINE_CHAT), PHONE for createLead, IMPORT for importLeads" })
  channel?: LeadChannel | null;

  @Field(() => String, { nullable: true, description: "the prospect's industry, at most 80 characters; dispatch matches it against assignment rules" })
  @IsOptional()
  @TextLength(0, 80)
  industry?: string | null;

  @Field(() => String, { nullable: true, description: "the prospect's region, at most 80 characters; dispatch matches it against assignment rules" })
  @IsOptional()
  @TextLength(0, 80)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "what the prospect wrote or said" })
  @IsOptional()
  @TextLength(0, 2000)
  note?: string | null;
}

@InputType({ description: "the public web form: no territory, no owner; it never says whether the company is a customer" })
export class WebLeadInput extends LeadDetails {}

@InputType({ description: "A lead entered by staff" })
export class CreateLeadInput extends LeadDetails {
  @Field(() => ID, { nullable: true, description: "defaults to the caller's territory; executives may leave it to route later" })
  territoryId?: string | null;

  @Field(() => Date, { nullable: true, description: "when the lead came in, for imports of earlier leads; default now" })
  receivedAt?: Date | null;
}

@InputType({ description: "Which leads of the caller's reach to list; the conditions given all apply" })
export class LeadFilter {
  @Field(() => LeadStatus, { nullable: true, description: "only leads of this status" })
  status?: LeadStatus;

  @Field(() => LeadChannel, { nullable: true, description: "only leads that came in through this channel" })
  channel?: LeadChannel;

  @Field(() => String, { nullable: true, description: "only leads of exactly this industry" })
  industry?: string;

  @Field(() => String, { nullable: true, description: "only leads of exactly this region" })
  region?: string;

  @Field(() => ID, { nullable: true, description: "only leads owned by this user" })
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: "only leads of this territory (still within the caller's reach)" })
  territoryId?: string;

  @Field(() => Boolean, { nullable: true, description: "true: only leads without an owner" })
  unassigned?: boolean;

  @Field(() => Boolean, { nullable: true, description: "true: open leads with no activity for a month as of `asOf`; false: the others" })
  stale?: boolean;

  @Field(() => Date, { nullable: true, description: "the moment `stale` is judged at; default now" })
  asOf?: Date;
}

export enum LeadOrderField {
  CREATED_AT = "CREATED_AT",
  COMPANY = "COMPANY",
}
registerEnumType(LeadOrderField, {
  name: "LeadOrderField",
  description: "What the leads list is ordered by",
  valuesConfig: {
    CREATED_AT: { description: "when the lead came in (the default, newest first)" },
    COMPANY: { description: "the prospect's company name" },
  },
});

@InputType({ description: "The order of the leads list; ties are ordered by id" })
export class LeadOrder {
  @Field(() => LeadOrderField, { description: "the field to order by" })
  field: LeadOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: "descending unless given" })
  direction: SortDirection;
}

@InputType({ description: "what converting a lead creates: an account (or a link to one), a contact, an opportunity" })
export class ConvertLeadInput {
  @Field(() => ID, { nullable: true, description: "link this existing account instead of creating one" })
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: "the registered name of the new account; default the lead's company" })
  @IsOptional()
  @TextLength(1, 200)
  accountName?: string | null;

  @Field(() => String, { nullable: true, description: "the new account's unified social credit code (6 to 30 letters and digits once spaces and dashes are dropped); not with accountId" })
  @IsOptional()
  @TextLength(6, 40)
  registrationNo?: string | null;

  @Field(() => String, { nullable: true, description: "default: the lead's company" })
  @IsOptional()
  @TextLength(1, 200)
  opportunityName?: string | null;

  @Field(() => Decimal, { description: "the opportunity's expected amount in CNY, up to two decimals, not negative" })
  amount: string;

  @Field(() => String, { description: "the opportunity's expected close day, YYYY-MM-DD" })
  expectedCloseDate: string;
}

@InputType({ description: "A lead assignment rule: which leads (territory, region, industry) go to whom (one user, or a team in turn). Name either userId or teamManagerId" })
export class AssignmentRuleInput {
  @Field(() => ID, { nullable: true, description: "default: the caller's territory" })
  territoryId?: string | null;

  @Field(() => String, { nullable: true, description: "only leads of this region; null: any" })
  @IsOptional()
  @TextLength(0, 80)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "only leads of this industry; null: any" })
  @IsOptional()
  @TextLength(0, 80)
  industry?: string | null;

  @Field(() => ID, { nullable: true, description: "give the leads to this user (or name a team)" })
  userId?: string | null;

  @Field(() => ID, { nullable: true, description: "share the leads in turn among this manager's reps" })
  teamManagerId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 100, description: "among rules equally specific, the lower number wins; 0 to 10000, default 100" })
  @IsOptional()
  @IntegerBetween(0, 10000)
  priority?: number;
}
