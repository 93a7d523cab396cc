import { Field, Int, ObjectType } from "type-graphql";
import { Account, Contact } from "../accounts";
import { Opportunity } from "../opportunities";
import { User } from "../../src/org/user.entity";
import { Lead } from "./lead.entity";

@ObjectType({ description: "the same answer whatever the company: the form never tells who is a customer" })
export class WebLeadReceipt {
  @Field(() => Boolean, { description: "always true: the lead was received" })
  received: boolean;

  @Field(() => String, { description: "a thank-you to show the visitor" })
  message: string;
}

@ObjectType({ description: "Why a row of an import was refused" })
export class ImportRowError {
  @Field(() => String, { description: "the error code, as a refused createLead would give it: BAD_USER_INPUT, FORBIDDEN..." })
  code: string;

  @Field(() => String, { nullable: true, description: "the input field at fault" })
  field: string | null;

  @Field(() => String, { description: "what is wrong, for a person to read" })
  message: string;
}

@ObjectType({ description: "one row of an import: the lead made from it, or why it was refused" })
export class ImportLeadRow {
  @Field(() => Int, { description: "the row's position in `inputs`, from 0" })
  index: number;

  @Field(() => Lead, { nullable: true, description: "the lead made from the row; null when the row was refused" })
  lead: Lead | null;

  @Field(() => ImportRowError, { nullable: true, description: "why the row was refused; null when it was accepted" })
  error: ImportRowError | null;
}

@ObjectType({ description: "What an import made of its rows; each row is accepted or refused on its own" })
export class ImportLeadsResult {
  @Field(() => Int, { description: "how many rows became leads" })
  accepted: number;

  @Field(() => Int, { description: "how many rows were refused" })
  refused: number;

  @Field(() => [ImportLeadRow], { description: "every row's outcome, in the order of `inputs`" })
  rows: ImportLeadRow[];
}

@ObjectType({ description: "what converting a lead made" })
export class LeadConversion {
  @Field(() => Lead, { description: "the lead, now CONVERTED" })
  lead: Lead;

  @Field(() => Account, { description: "the account created (owned by the lead's owner) or linked" })
  account: Account;

  @Field(() => Contact, { description: "the contact made from the lead's contact person, a key person" })
  contact: Contact;

  @Field(() => Opportunity, { description: "the opportunity created, owned by the lead's owner" })
  opportunity: Opportunity;
}

@ObjectType({ description: "a lead given to a new owner, by rule or by hand" })
export class LeadAssignment {
  @Field(() => Lead, { description: "the lead as it was assigned" })
  lead: Lead;

  @Field(() => User, { description: "the new owner" })
  owner: User;

  @Field(() => User, { description: "who assigned it (who dispatched it, for an assignment by rule)" })
  assignedBy: User;

  @Field(() => Date, { description: "when it was assigned (UTC)" })
  assignedAt: Date;
}
