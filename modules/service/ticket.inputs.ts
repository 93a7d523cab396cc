import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { SortDirection } from "../../src/graphql/connection";
import { Tier } from "../accounts";
import { TicketChannel, TicketPriority, TicketStatus, TicketType } from "./ticket.entity";

@InputType({ description: "A new ticket" })
export class CreateTicketInput {
  @Field(() => ID, { description: "the customer: an account in the caller's reach (a partner key: in its territories)" })
  accountId: string;

  @Field(() => ID, { nullable: true, description: "who at the customer raised it: a contact of the account" })
  contactId?: string | null;

  @Field(() => TicketType, { description: "what it is about" })
  type: TicketType;

  @Field(() => TicketChannel, { description: "how it came in; always PARTNER for a partner key" })
  channel: TicketChannel;

  @Field(() => TicketPriority, { defaultValue: TicketPriority.NORMAL, description: "how fast it must be answered; NORMAL by default" })
  priority: TicketPriority;

  @Field(() => String, { description: "one line, 1 to 200 characters" })
  subject: string;

  @Field(() => String, { description: "the customer's words, 1 to 5,000 characters" })
  description: string;

  @Field(() => ID, { nullable: true, description: "who works on it: a service agent or the head of the account's territory, not frozen; the ticket is then OPEN" })
  assigneeId?: string | null;
}

@InputType({ description: "Changes to a ticket that is not CLOSED; what is left out stays" })
export class UpdateTicketInput {
  @Field(() => String, { nullable: true, description: "one line, 1 to 200 characters" })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: "1 to 5,000 characters" })
  description?: string | null;

  @Field(() => TicketType, { nullable: true, description: "what it is about" })
  type?: TicketType | null;

  @Field(() => TicketPriority, { nullable: true, description: "a new priority: the due times are computed again from creation under the territory's policy now" })
  priority?: TicketPriority | null;
}

@InputType({ description: "A comment on a ticket" })
export class TicketCommentInput {
  @Field(() => String, { description: "what is said, 1 to 5,000 characters" })
  body: string;

  @Field(() => Boolean, { description: "true: shared with the customer (a service agent's first public comment stops the first-response clock); false: an internal note" })
  public: boolean;
}

@InputType({ description: "A filter of the tickets list; the fields given must all hold" })
export class TicketFilter {
  @Field(() => TicketStatus, { nullable: true, description: "tickets in this status" })
  status?: TicketStatus;

  @Field(() => TicketPriority, { nullable: true, description: "tickets of this priority" })
  priority?: TicketPriority;

  @Field(() => TicketType, { nullable: true, description: "tickets of this type" })
  type?: TicketType;

  @Field(() => ID, { nullable: true, description: "tickets assigned to this user" })
  assigneeId?: string;

  @Field(() => ID, { nullable: true, description: "tickets of this account" })
  accountId?: string;

  @Field(() => Boolean, { nullable: true, description: "true: tickets with a breached SLA target (first response or resolution); false: tickets with none" })
  breached?: boolean;
}

export enum TicketOrderField {
  CREATED_AT = "CREATED_AT",
  RESOLUTION_DUE_AT = "RESOLUTION_DUE_AT",
}
registerEnumType(TicketOrderField, {
  name: "TicketOrderField",
  description: "What the tickets list is ordered by (then by id)",
  valuesConfig: {
    CREATED_AT: { description: "when the ticket was entered" },
    RESOLUTION_DUE_AT: { description: "when it is due to be resolved: the most pressing first, ascending" },
  },
});

@InputType({ description: "The order of the tickets list" })
export class TicketOrder {
  @Field(() => TicketOrderField, { description: "the column to order by" })
  field: TicketOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "ascending or descending" })
  direction: SortDirection;
}

@InputType({ description: "A territory's SLA targets for a priority and one tier, or every tier" })
export class SlaPolicyInput {
  @Field(() => TicketPriority, { description: "the priority the targets are for" })
  priority: TicketPriority;

  @Field(() => Tier, { nullable: true, description: "the account tier; left out: every tier that has no targets of its own" })
  tier?: Tier | null;

  @Field(() => Int, { description: "minutes to the first response, 1 to 525,600 (a year)" })
  firstResponseMinutes: number;

  @Field(() => Int, { description: "minutes to resolution, 1 to 525,600, not less than firstResponseMinutes" })
  resolutionMinutes: number;
}

@InputType({ description: "A new knowledge-base article (a DRAFT until publishArticle)" })
export class CreateArticleInput {
  @Field(() => String, { description: "1 to 200 characters" })
  title: string;

  @Field(() => String, { description: "1 to 20,000 characters" })
  body: string;

  @Field(() => [String], { defaultValue: [], description: "at most 10 labels of 1 to 30 characters, without commas" })
  tags: string[];

  @Field(() => ID, { nullable: true, description: "the territory it is for; left out: the caller's own" })
  territoryId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: "true: an article for the whole group (executives only); territoryId is then ignored" })
  group: boolean;
}

@InputType({ description: "Changes to an article; what is left out stays. A published article is searched as changed at once" })
export class UpdateArticleInput {
  @Field(() => String, { nullable: true, description: "1 to 200 characters" })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "1 to 20,000 characters" })
  body?: string | null;

  @Field(() => [String], { nullable: true, description: "every label anew: at most 10 of 1 to 30 characters, without commas" })
  tags?: string[] | null;
}
