import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { ValidateNested } from "class-validator";
import { Role } from "../../src/access/roles";
import { MaxItems } from "../../src/domain/input-rules";
import { SortDirection } from "../../src/graphql/connection";
import { Decimal } from "../../src/graphql/scalars";
import { RiskGrade } from "../accounts";
import { Ratio } from "../quotes";
import { ContractTemplate, OrderStatus } from "./order.entity";

@InputType({ description: "How an accepted quote becomes an order" })
export class CreateOrderInput {
  @Field(() => ContractTemplate, { description: "the contract template: STANDARD, or CUSTOM (always countersigned)" })
  template: ContractTemplate;

  @Field(() => String, { nullable: true, description: "the day (YYYY-MM-DD) the customer signed, not in the future" })
  signedOn?: string | null;

  @Field(() => String, { nullable: true, description: "the delivery terms agreed, at most 1,000 characters" })
  deliveryTerms?: string | null;
}

@InputType({ description: "A filter of the orders list; the fields given must all hold" })
export class OrderFilter {
  @Field(() => OrderStatus, { nullable: true, description: "orders in this status" })
  status?: OrderStatus;

  @Field(() => ID, { nullable: true, description: "orders of this account" })
  accountId?: string;

  @Field(() => ID, { nullable: true, description: "orders owned by this user" })
  ownerId?: string;

  @Field(() => ID, { nullable: true, description: "orders of this territory" })
  territoryId?: string;
}

export enum OrderOrderField {
  CREATED_AT = "CREATED_AT",
}
registerEnumType(OrderOrderField, {
  name: "OrderOrderField",
  description: "What the orders list is ordered by (then by id)",
  valuesConfig: { CREATED_AT: { description: "when the order was made" } },
});

@InputType({ description: "The order of the orders list" })
export class OrderOrder {
  @Field(() => OrderOrderField, { description: "the column to order by" })
  field: OrderOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "ascending or descending" })
  direction: SortDirection;
}

@InputType({ description: "A territory's order approval policy" })
export class OrderApprovalPolicyInput {
  @Field(() => Decimal, { description: "the largest amount the owner's sales manager approves alone" })
  standardMaxAmount: string;

  @Field(() => Ratio, { description: "the lowest net ratio (0 to 1) the owner's sales manager approves alone" })
  minNetRatio: string;

  @Field(() => [Role], { description: "1 to 5 countersign steps in order: BUSINESS_MANAGER, TERRITORY_HEAD or EXECUTIVE, never junior to the step before (a role may repeat: two executives)" })
  @MaxItems(5)
  countersign: Role[];

  @Field(() => [RiskGrade], { description: "the risk grades whose orders need prepayment (may be empty)" })
  @MaxItems(3)
  prepaymentRiskGrades: RiskGrade[];
}

@InputType({ description: "A task of an execution order" })
export class ExecutionTaskInput {
  @Field(() => String, { description: "what is to be done, 1 to 200 characters" })
  title: string;

  @Field(() => ID, { description: "a person of the order's territory who is not frozen" })
  assigneeId: string;

  @Field(() => String, { description: "the day (YYYY-MM-DD) it is due, today or later" })
  dueOn: string;
}

@InputType({ description: "The execution order of an approved order" })
export class ExecutionOrderInput {
  @Field(() => String, { description: "the delivery date (YYYY-MM-DD), today or later" })
  deliveryDate: string;

  @Field(() => String, { nullable: true, description: "notes to delivery, invoicing and implementation, at most 2,000 characters" })
  notes?: string | null;

  @Field(() => [ExecutionTaskInput], { description: "0 to 50 implementation tasks" })
  @MaxItems(50)
  @ValidateNested({ each: true })
  tasks: ExecutionTaskInput[];
}

@InputType({ description: "An invoice against an order" })
export class IssueInvoiceInput {
  @Field(() => Decimal, { description: "the amount billed, more than 0; the order's invoices never add up to more than its amount" })
  amount: string;

  @Field(() => String, { description: "the day it is issued (YYYY-MM-DD), not in the future" })
  issuedOn: string;

  @Field(() => String, { description: "the last day it may be paid (YYYY-MM-DD), on or after issuedOn" })
  dueOn: string;
}

@InputType({ description: "A payment received on an invoice" })
export class RecordPaymentInput {
  @Field(() => ID, { description: "the invoice paid" })
  invoiceId: string;

  @Field(() => Decimal, { description: "the amount received, more than 0 and at most what is outstanding on the invoice" })
  amount: string;

  @Field(() => String, { description: "the day the money arrived (YYYY-MM-DD), not before the invoice's issuedOn nor in the future" })
  receivedOn: string;

  @Field(() => String, { description: "the bank's or the ERP's reference of the transfer, 1 to 100 characters" })
  reference: string;
}
