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
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(6, 40)
  registrationNo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(0, 80)
  industry?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(0, 80)
  region?: string | null;
}

@InputType()
export class CreateAccountInput extends AccountDetails {
  @Field(() => String, { description: "the registered legal name, complete" })
  @TextLength(1, 200)
  name: string;

  @Field(() => Tier, { nullable: true })
  tier?: Tier | null;

  @Field(() => ID, { nullable: true, description: "defaults to the caller's territory; executives must name one" })
  territoryId?: string | null;
}

@InputType()
export class UpdateAccountInput extends AccountDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(1, 200)
  name?: string;

  @Field(() => AccountStatus, { nullable: true })
  status?: AccountStatus;

  @Field(() => Tier, { nullable: true })
  tier?: Tier;

  @Field(() => Decimal, { nullable: true })
  creditLimit?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IntegerBetween(0, 365)
  creditTermsDays?: number | null;

  @Field(() => RiskGrade, { nullable: true })
  riskGrade?: RiskGrade | null;
}

@InputType()
export class AccountFilter {
  @Field(() => String, { nullable: true, description: "part of the name, compared as the duplicate rule does" })
  @IsOptional()
  @TextLength(0, 200)
  name?: string;

  @Field(() => AccountStatus, { nullable: true })
  status?: AccountStatus;

  @Field(() => ApprovalStatus, { nullable: true })
  approvalStatus?: ApprovalStatus;

  @Field(() => Tier, { nullable: true })
  tier?: Tier;

  @Field(() => String, { nullable: true })
  industry?: string;

  @Field(() => String, { nullable: true })
  region?: string;

  @Field(() => ID, { nullable: true })
  ownerId?: string;

  @Field(() => ID, { nullable: true })
  territoryId?: string;

  @Field(() => FollowUpState, { nullable: true })
  followUpState?: FollowUpState;

  @Field(() => Boolean, { nullable: true })
  inPublicPool?: boolean;

  @Field(() => Boolean, { nullable: true, description: "archived accounts are left out unless this is true" })
  archived?: boolean;
}

export enum AccountOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(AccountOrderField, { name: "AccountOrderField" });

@InputType()
export class AccountOrder {
  @Field(() => AccountOrderField)
  field: AccountOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

/** The optional details of a contact, shared by create and update. */
@InputType()
class ContactDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(0, 120)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  @IsOptional()
  @IsCalendarDate()
  birthday?: string | null;

  @Field(() => Boolean, { nullable: true })
  isKeyPerson?: boolean;
}

@InputType()
export class CreateContactInput extends ContactDetails {
  @Field(() => ID)
  accountId: string;

  @Field(() => String)
  @TextLength(1, 120)
  name: string;
}

@InputType()
export class UpdateContactInput extends ContactDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(1, 120)
  name?: string;
}

/** What an activity says, wherever it is logged: against an account here, a lead or opportunity elsewhere. */
@InputType()
export class ActivityDetailsInput {
  @Field(() => ActivityType)
  type: ActivityType;

  @Field(() => String)
  @TextLength(1, 200)
  subject: string;

  @Field(() => Date, { nullable: true })
  dueAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "when it happened; an activity without dueAt counts as done now" })
  doneAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(0, 1000)
  outcome?: string | null;

  @Field(() => ID, { nullable: true, description: "who does it; only executives assign activities to others" })
  ownerId?: string | null;
}

@InputType()
export class LogActivityInput extends ActivityDetailsInput {
  @Field(() => ID)
  accountId: string;
}

@InputType()
export class FollowUpPolicyInput {
  @Field(() => Int)
  @IntegerBetween(1, 3650)
  warnFirstDays: number;

  @Field(() => Int)
  @IntegerBetween(1, 3650)
  warnSecondDays: number;

  @Field(() => Int)
  @IntegerBetween(1, 3650)
  reclaimDays: number;

  @Field(() => Int)
  @IntegerBetween(0, 100000)
  maxClaimedPerRep: number;

  @Field(() => Int)
  @IntegerBetween(0, 366)
  careReminderDays: number;
}
