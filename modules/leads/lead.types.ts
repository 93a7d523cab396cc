import { Field, Int, ObjectType } from "type-graphql";
import { Account, Contact } from "../accounts";
import { Opportunity } from "../opportunities";
import { User } from "../../src/org/user.entity";
import { Lead } from "./lead.entity";

@ObjectType({ description: "the same answer whatever the company: the form never tells who is a customer" })
export class WebLeadReceipt {
  @Field(() => Boolean)
  received: boolean;

  @Field(() => String)
  message: string;
}

@ObjectType()
export class ImportRowError {
  @Field(() => String)
  code: string;

  @Field(() => String, { nullable: true, description: "the input field at fault" })
  field: string | null;

  @Field(() => String)
  message: string;
}

@ObjectType({ description: "one row of an import: the lead made from it, or why it was refused" })
export class ImportLeadRow {
  @Field(() => Int, { description: "the row's position in `inputs`, from 0" })
  index: number;

  @Field(() => Lead, { nullable: true })
  lead: Lead | null;

  @Field(() => ImportRowError, { nullable: true })
  error: ImportRowError | null;
}

@ObjectType()
export class ImportLeadsResult {
  @Field(() => Int)
  accepted: number;

  @Field(() => Int)
  refused: number;

  @Field(() => [ImportLeadRow])
  rows: ImportLeadRow[];
}

@ObjectType({ description: "what converting a lead made" })
export class LeadConversion {
  @Field(() => Lead)
  lead: Lead;

  @Field(() => Account)
  account: Account;

  @Field(() => Contact)
  contact: Contact;

  @Field(() => Opportunity)
  opportunity: Opportunity;
}

@ObjectType({ description: "a lead given to a new owner, by rule or by hand" })
export class LeadAssignment {
  @Field(() => Lead)
  lead: Lead;

  @Field(() => User)
  owner: User;

  @Field(() => User)
  assignedBy: User;

  @Field(() => Date)
  assignedAt: Date;
}
