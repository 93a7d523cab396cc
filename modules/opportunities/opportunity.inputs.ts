import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { IsOptional, ValidateNested } from "class-validator";
import { IsHttpUrl, MaxItems, TextLength } from "../../src/domain/input-rules";
import { SortDirection } from "../../src/graphql/connection";
import { Decimal } from "../../src/graphql/scalars";
import { OpportunityStage, OpportunityStatus } from "./opportunity.entity";

@InputType()
export class AttachmentInput {
  @Field(() => String)
  @TextLength(1, 200)
  name: string;

  @Field(() => String, { description: "an http(s) link to the document" })
  @IsHttpUrl()
  @TextLength(0, 1000)
  link: string;
}

/** The details shared by create and update. */
@InputType()
class OpportunityDetails {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @MaxItems(20)
  @TextLength(0, 120, { each: true })
  competitors?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(0, 500)
  nextStep?: string | null;

  @Field(() => [AttachmentInput], { nullable: true })
  @IsOptional()
  @MaxItems(50)
  @ValidateNested({ each: true })
  attachments?: AttachmentInput[] | null;
}

@InputType()
export class CreateOpportunityInput extends OpportunityDetails {
  @Field(() => String)
  @TextLength(1, 200)
  name: string;

  @Field(() => ID)
  accountId: string;

  @Field(() => Decimal)
  amount: string;

  @Field(() => String, { description: "YYYY-MM-DD" })
  expectedCloseDate: string;

  @Field(() => OpportunityStage, { nullable: true, description: "default PROSPECTING" })
  stage?: OpportunityStage | null;
}

@InputType()
export class UpdateOpportunityInput extends OpportunityDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TextLength(1, 200)
  name?: string;

  @Field(() => Decimal, { nullable: true })
  amount?: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  expectedCloseDate?: string;
}

@InputType()
export class OpportunityFilter {
  @Field(() => OpportunityStage, { nullable: true })
  stage?: OpportunityStage;

  @Field(() => OpportunityStatus, { nullable: true })
  status?: OpportunityStatus;

  @Field(() => ID, { nullable: true })
  accountId?: string;

  @Field(() => ID, { nullable: true })
  ownerId?: string;

  @Field(() => ID, { nullable: true })
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
registerEnumType(OpportunityOrderField, { name: "OpportunityOrderField" });

@InputType()
export class OpportunityOrder {
  @Field(() => OpportunityOrderField)
  field: OpportunityOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}
