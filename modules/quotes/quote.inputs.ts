import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { IsOptional, ValidateNested } from "class-validator";
import { MaxItems } from "../../src/domain/input-rules";
import { Role } from "../../src/access/roles";
import { SortDirection } from "../../src/graphql/connection";
import { Decimal } from "../../src/graphql/scalars";
import { Quantity, Ratio } from "./quote-decimal";
import { QuoteStatus } from "./quote.entity";

@InputType({ description: "A line of a quote; its list price comes from the territory's price list" })
export class QuoteLineInput {
  @Field(() => ID, { description: "an active product with a list price in the quote's territory" })
  productId: string;

  @Field(() => Quantity, { description: "how many of the product's unit, more than 0, up to 3 decimals" })
  quantity: string;

  @Field(() => Decimal, { description: "the price of one unit offered to the customer, exact to the cent" })
  netPrice: string;
}

@InputType({ description: "A new quote on an opportunity" })
export class CreateQuoteInput {
  @Field(() => ID, { description: "an OPEN opportunity in the caller's reach, on an APPROVED account that has had a VISIT or MEETING" })
  opportunityId: string;

  @Field(() => String, { description: "the last day (YYYY-MM-DD) the customer may accept the quote; today or later" })
  validUntil: string;

  @Field(() => [QuoteLineInput], { description: "1 to 100 lines" })
  @MaxItems(100)
  @ValidateNested({ each: true })
  lines: QuoteLineInput[];
}

@InputType({ description: "Changes to a DRAFT or REJECTED quote; what is left out stays" })
export class UpdateQuoteInput {
  @Field(() => String, { nullable: true, description: "the last day (YYYY-MM-DD) the customer may accept the quote; today or later" })
  validUntil?: string | null;

  @Field(() => [QuoteLineInput], { nullable: true, description: "every line anew, 1 to 100" })
  @IsOptional()
  @MaxItems(100)
  @ValidateNested({ each: true })
  lines?: QuoteLineInput[] | null;
}

@InputType({ description: "A filter of the quotes list; the fields given must all hold" })
export class QuoteFilter {
  @Field(() => QuoteStatus, { nullable: true, description: "quotes in this status" })
  status?: QuoteStatus;

  @Field(() => ID, { nullable: true, description: "quotes of this opportunity" })
  opportunityId?: string;

  @Field(() => ID, { nullable: true, description: "quotes of this account" })
  accountId?: string;

  @Field(() => ID, { nullable: true, description: "quotes owned by this user" })
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: "quotes of this territory" })
  territoryId?: string;
}

export enum QuoteOrderField {
  CREATED_AT = "CREATED_AT",
}
registerEnumType(QuoteOrderField, {
  name: "QuoteOrderField",
  description: "What the quotes list is ordered by (then by id)",
  valuesConfig: { CREATED_AT: { description: "when the quote version was created" } },
});

@InputType({ description: "The order of the quotes list" })
export class QuoteOrder {
  @Field(() => QuoteOrderField, { description: "the column to order by" })
  field: QuoteOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "ascending or descending" })
  direction: SortDirection;
}

@InputType({ description: "A step of a quote approval chain" })
export class ApprovalStepInput {
  @Field(() => Ratio, { description: "the lowest net ratio of the step, from 0 to 1, below the previous step's" })
  minRatio: string;

  @Field(() => Role, { description: "SALES_MANAGER, TERRITORY_HEAD or EXECUTIVE, never junior to the previous step's" })
  role: Role;
}

@InputType({ description: "A territory's quote approval chain" })
export class QuoteApprovalPolicyInput {
  @Field(() => Ratio, { description: "at or above this net ratio (0 to 1) no approval is needed" })
  freeRatio: string;

  @Field(() => [ApprovalStepInput], { description: "1 to 6 steps from the highest minRatio down, each below freeRatio; the last must start at 0" })
  @MaxItems(6)
  @ValidateNested({ each: true })
  steps: ApprovalStepInput[];
}
