import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { IsOptional } from "class-validator";
import { IntegerBetween, IsEmailAddress, IsPhoneNumber, TextLength } from "../../src/domain/input-rules";
import { SortDirection } from "../../src/graphql/connection";
import { Decimal } from "../../src/graphql/scalars";
import { LeadChannel, LeadStatus } from "./lead.entity";

/** What every lead says about the prospect, from the public form or from staff. */
@InputType()
class LeadDetails {
  @Field(() => String)
  @TextLength(1, 200)
  company: string;

  @Field(() => String)
  @TextLength(1, 120)
  contactName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmailAddress()
  @TextLength(0, 254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => LeadChannel, { nullable: true })
  channel?: LeadChannel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(0, 80)
  industry?: string | null;

  @Field(() => String, { nullable: true })
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

@InputType()
export class CreateLeadInput extends LeadDetails {
  @Field(() => ID, { nullable: true, description: "defaults to the caller's territory; executives may leave it to route later" })
  territoryId?: string | null;

  @Field(() => Date, { nullable: true, description: "when the lead came in, for imports of earlier leads; default now" })
  receivedAt?: Date | null;
}

@InputType()
export class LeadFilter {
  @Field(() => LeadStatus, { nullable: true })
  status?: LeadStatus;

  @Field(() => LeadChannel, { nullable: true })
  channel?: LeadChannel;

  @Field(() => String, { nullable: true })
  industry?: string;

  @Field(() => String, { nullable: true })
  region?: string;

  @Field(() => ID, { nullable: true })
  ownerId?: string;

  @Field(() => ID, { nullable: true })
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
registerEnumType(LeadOrderField, { name: "LeadOrderField" });

@InputType()
export class LeadOrder {
  @Field(() => LeadOrderField)
  field: LeadOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(6, 40)
  registrationNo?: string | null;

  @Field(() => String, { nullable: true, description: "default: the lead's company" })
  @IsOptional()
  @TextLength(1, 200)
  opportunityName?: string | null;

  @Field(() => Decimal)
  amount: string;

  @Field(() => String, { description: "YYYY-MM-DD" })
  expectedCloseDate: string;
}

@InputType()
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

  @Field(() => Int, { nullable: true, defaultValue: 100 })
  @IsOptional()
  @IntegerBetween(0, 10000)
  priority?: number;
}
