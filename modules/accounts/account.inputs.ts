import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { IsEmail, IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { Decimal } from "../../src/graphql/scalars";
import { SortDirection } from "../../src/graphql/connection";
import { AccountStatus, ApprovalStatus, FollowUpState, RiskGrade, Tier } from "./account.entity";
import { ActivityType } from "./activity.entity";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Details of an account that anyone who may create one may also change. */
@InputType()
class AccountDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(6, 40)
  registrationNo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(80)
  industry?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(80)
  region?: string | null;
}

@InputType()
export class CreateAccountInput extends AccountDetails {
  @Field(() => String, { description: "the registered legal name, complete" })
  @Length(1, 200)
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
  @Length(1, 200)
  name?: string;

  @Field(() => AccountStatus, { nullable: true })
  status?: AccountStatus;

  @Field(() => Tier, { nullable: true })
  tier?: Tier;

  @Field(() => Decimal, { nullable: true })
  creditLimit?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(365)
  creditTermsDays?: number | null;

  @Field(() => RiskGrade, { nullable: true })
  riskGrade?: RiskGrade | null;
}

@InputType()
export class AccountFilter {
  @Field(() => String, { nullable: true, description: "part of the name, compared as the duplicate rule does" })
  @IsOptional()
  @MaxLength(200)
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
  @MaxLength(120)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,40}$/, { message: "phone must be digits, spaces, ( ) - and an optional leading +" })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: "email must be an e-mail address" })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  @IsOptional()
  @Matches(DATE, { message: "birthday must be a date as YYYY-MM-DD" })
  birthday?: string | null;

  @Field(() => Boolean, { nullable: true })
  isKeyPerson?: boolean;
}

@InputType()
export class CreateContactInput extends ContactDetails {
  @Field(() => ID)
  accountId: string;

  @Field(() => String)
  @Length(1, 120)
  name: string;
}

@InputType()
export class UpdateContactInput extends ContactDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 120)
  name?: string;
}

/** What an activity says, wherever it is logged: against an account here, a lead or opportunity elsewhere. */
@InputType()
export class ActivityDetailsInput {
  @Field(() => ActivityType)
  type: ActivityType;

  @Field(() => String)
  @Length(1, 200)
  subject: string;

  @Field(() => Date, { nullable: true })
  dueAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "when it happened; an activity without dueAt counts as done now" })
  doneAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
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
  @Min(1)
  @Max(3650)
  warnFirstDays: number;

  @Field(() => Int)
  @Min(1)
  @Max(3650)
  warnSecondDays: number;

  @Field(() => Int)
  @Min(1)
  @Max(3650)
  reclaimDays: number;

  @Field(() => Int)
  @Min(0)
  @Max(100000)
  maxClaimedPerRep: number;

  @Field(() => Int)
  @Min(0)
  @Max(366)
  careReminderDays: number;
}
