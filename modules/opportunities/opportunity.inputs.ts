import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { IsOptional, ValidateNested } from "class-validator";
import { IsHttpUrl, MaxItems, TextLength } from "../../src/domain/input-rules";
import { SortDirection } from "../../src/graphql/connection";
import { Decimal } from "../../src/graphql/scalars";
import { OpportunityStage, OpportunityStatus } from "./opportunity.entity";

@InputType({ description: "A document to attach by link" })
export class AttachmentInput {
  @Field(() => String, { description: "the document's name, 1 to 200 characters" })
  @TextLength(1, 200)
  name: string;

  @Field(() => String, { description: "an http(s) link to the document, at most 1,000 characters" })
  @IsHttpUrl()
  @TextLength(0, 1000)
  link: string;
}

/** The details shared by create and update. */
@InputType()
class OpportunityDetails {
  @Field(() => [String], { nullable: true, description: "the competitors in the deal, at most 20 names of at most 120 characters (blanks and repeats dropped); the list replaces the old one, null clears it" })
  @IsOptional()
  @MaxItems(20)
  @TextLength(0, 120, { each: true })
  competitors?: string[] | null;

  @Field(() => String, { nullable: true, description: "what the owner does next, at most 500 characters; null or blank: none" })
  @IsOptional()
  @TextLength(0, 500)
  nextStep?: string | null;

  @Field(() => [AttachmentInput], { nullable: true, description: "documents attached by link, at most 50; the list replaces the old one, null clears it" })
  @IsOptional()
  @MaxItems(50)
  @ValidateNested({ each: true })
  attachments?: AttachmentInput[] | null;
}

@InputType({ description: "A new opportunity, owned by the caller" })
export class CreateOpportunityInput extends OpportunityDetails {
  @Field(() => String, { description: "what is being sold, 1 to 200 characters" })
  @TextLength(1, 200)
  name: string;

  @Field(() => ID, { description: "the account, in the caller's reach, not archived (BAD_USER_INPUT otherwise)" })
  accountId: string;

  @Field(() => Decimal, { description: "the expected amount in CNY, up to two decimals, not negative" })
  amount: string;

  @Field(() => String, { description: "the day the sale is expected to close, YYYY-MM-DD" })
  expectedCloseDate: string;

  @Field(() => OpportunityStage, { nullable: true, description: "the open stage to start at (not WON or LOST: BAD_USER_INPUT); default PROSPECTING" })
  stage?: OpportunityStage | null;
}

@InputType({ description: "Changes to an opportunity: an absent field stays as it is (name, amount and expectedCloseDate cannot be null). The stage moves with moveOpportunityStage" })
export class UpdateOpportunityInput extends OpportunityDetails {
  @Field(() => String, { nullable: true, description: "the new name, 1 to 200 characters" })
  @IsOptional()
  @TextLength(1, 200)
  name?: string;

  @Field(() => Decimal, { nullable: true, description: "the new expected amount in CNY, up to two decimals, not negative" })
  amount?: string;

  @Field(() => String, { nullable: true, description: "the new expected close day, YYYY-MM-DD" })
  expectedCloseDate?: string;
}

@InputType({ description: "Which opportunities of the caller's reach to list; the conditions given all apply" })
export class OpportunityFilter {
  @Field(() => OpportunityStage, { nullable: true, description: "only opportunities at this stage" })
  stage?: OpportunityStage;

  @Field(() => OpportunityStatus, { nullable: true, description: "only opportunities of this status" })
  status?: OpportunityStatus;

  @Field(() => ID, { nullable: true, description: "only opportunities of this account" })
  accountId?: string;

  @Field(() => ID, { nullable: true, description: "only opportunities owned by this user" })
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: "only opportunities of this territory (still within the caller's reach)" })
  territoryId?: string;

  @Field(() => Boolean, { nullable: true, description: "true: open opportunities with no activity for a month as of `asOf`; false: the others" })
  stale?: boolean;

  @Field(() => Date, { nullable: true, description: "the moment `stale` is judged at; default now" })
  asOf?: Date;
}

export enum OpportunityOrderField {
  CREATED_AT = "CREATED_AT",
  NAME = "NAME",
  AMOUNT = "AMOUNT",
  EXPECTED_CLOSE_DATE = "EXPECTED_CLOSE_DATE",
}
registerEnumType(OpportunityOrderField, {
  name: "OpportunityOrderField",
  description: "What the opportunities list is ordered by",
  valuesConfig: {
    CREATED_AT: { description: "when the opportunity was created (the default, oldest first)" },
    NAME: { description: "the opportunity's name" },
    AMOUNT: { description: "the expected amount" },
    EXPECTED_CLOSE_DATE: { description: "the expected close day" },
  },
});

@InputType({ description: "The order of the opportunities list; ties are ordered by id" })
export class OpportunityOrder {
  @Field(() => OpportunityOrderField, { description: "the field to order by" })
  field: OpportunityOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "ascending unless given" })
  direction: SortDirection;
}
