import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";
import { Tier } from "../accounts";

/** What a ticket is about (PRODUCT.md, "Service desk"). */
export enum TicketType {
  CONSULTATION = "CONSULTATION",
  COMPLAINT = "COMPLAINT",
  REPAIR = "REPAIR",
  REQUEST = "REQUEST",
}
registerEnumType(TicketType, {
  name: "TicketType",
  description: "What a ticket is about",
  valuesConfig: {
    CONSULTATION: { description: "a question about a product, a contract or a delivery" },
    COMPLAINT: { description: "the customer is unhappy with something we did" },
    REPAIR: { description: "something delivered or installed must be fixed" },
    REQUEST: { description: "the customer asks for a service (a document, a visit, a change)" },
  },
});

export enum TicketChannel {
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  WEB = "WEB",
  CHAT = "CHAT",
  VISIT = "VISIT",
  PARTNER = "PARTNER",
}
registerEnumType(TicketChannel, {
  name: "TicketChannel",
  description: "How a ticket came in",
  valuesConfig: {
    PHONE: { description: "a call to the service desk" },
    EMAIL: { description: "an e-mail" },
    WEB: { description: "the customer's web form" },
    CHAT: { description: "online chat" },
    VISIT: { description: "told to staff in person" },
    PARTNER: { description: "submitted by a partner integration with its API key (always so for a key)" },
  },
});

export enum TicketPriority {
  LOW = "LOW",
  NORMAL = "NORMAL",
  HIGH = "HIGH",
  URGENT = "URGENT",
}
registerEnumType(TicketPriority, {
  name: "TicketPriority",
  description: "How fast a ticket must be answered; with the account's tier it picks the SLA targets",
  valuesConfig: {
    LOW: { description: "default targets 24 h to first response, 120 h to resolution" },
    NORMAL: { description: "default targets 8 h to first response, 72 h to resolution" },
    HIGH: { description: "default targets 4 h to first response, 24 h to resolution" },
    URGENT: { description: "default targets 1 h to first response, 8 h to resolution" },
  },
});

export enum TicketStatus {
  NEW = "NEW",
  OPEN = "OPEN",
  PENDING = "PENDING",
  RESOLVED = "RESOLVED",
  CLOSED = "CLOSED",
}
registerEnumType(TicketStatus, {
  name: "TicketStatus",
  description: "Where a ticket stands",
  valuesConfig: {
    NEW: { description: "entered, nobody works on it yet; the SLA clocks run" },
    OPEN: { description: "being worked on; the SLA clocks run" },
    PENDING: { description: "waiting on the customer: the SLA clocks stop until it leaves PENDING" },
    RESOLVED: { description: "answered: the resolution clock stopped; the customer's side may rate it; reopened within 30 days" },
    CLOSED: { description: "done; reopened within 30 days of closing" },
  },
});

/** A customer's complaint or question, tracked to an answer (PRODUCT.md, "Service desk"; issue 13). */
@ObjectType({
  description:
    "A service ticket of an account; read by service agents, the head and business managers of its territory, by sales reps and managers for the accounts in their reach, by executives, and by partner keys for their territories",
})
@Entity("tickets")
@Index(["number"], { unique: true })
@Index(["territoryId", "createdAt", "id"])
@Index(["territoryId", "status", "createdAt", "id"])
@Index(["territoryId", "resolutionDueAt", "id"])
@Index(["createdAt", "id"])
@Index(["resolutionDueAt", "id"])
@Index(["assigneeId", "createdAt", "id"])
@Index(["accountId", "createdAt", "id"])
@Index(["status", "firstResponseDueAt"])
@Index(["status", "resolutionDueAt"])
export class Ticket {
  @Field(() => ID, { description: "the ticket's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "T-<territory code>-<year>-<6 digits>, gap-free per territory and year" })
  @Column({ type: "varchar", length: 40 })
  number: string;

  @Field(() => TicketType, { description: "what the ticket is about" })
  @Column({ type: "varchar", length: 20 })
  type: TicketType;

  @Field(() => TicketChannel, { description: "how it came in" })
  @Column({ type: "varchar", length: 20 })
  channel: TicketChannel;

  @Field(() => TicketPriority, { description: "how fast it must be answered; changing it recomputes the due times from creation" })
  @Column({ type: "varchar", length: 10 })
  priority: TicketPriority;

  @Field(() => TicketStatus, { description: "where it stands" })
  @Column({ type: "varchar", length: 10 })
  status: TicketStatus;

  @Field(() => String, { description: "one line saying what the customer needs, at most 200 characters" })
  @Column({ type: "varchar", length: 200 })
  subject: string;

  @Field(() => String, { description: "the customer's words, at most 5,000 characters" })
  @Column({ type: "text" })
  description: string;

  @Column({ type: "integer" })
  accountId: number;

  @Column({ type: "integer", nullable: true })
  contactId: number | null;

  @Column({ type: "integer", nullable: true })
  assigneeId: number | null;

  @Column({ type: "integer" })
  territoryId: number;

  @Field(() => Tier, { description: "the account's tier when the ticket was entered: with the priority it picks the SLA targets" })
  @Column({ type: "varchar", length: 20 })
  tier: Tier;

  /** the SLA target to first response, in minutes, from the territory's policy for the priority and tier (Ticket.slaPolicy) */
  @Column({ type: "integer" })
  firstResponseMinutes: number;

  /** the SLA target to resolution, in minutes */
  @Column({ type: "integer" })
  resolutionMinutes: number;

  /** where the targets came from: TIER, ALL_TIERS or DEFAULT (SlaSource) */
  @Column({ type: "varchar", length: 10 })
  slaSource: string;

  @Field(() => Date, { description: "createdAt + firstResponseMinutes + the minutes spent PENDING before the first response (UTC)" })
  @DateTimeColumn()
  firstResponseDueAt: Date;

  @Field(() => Date, { description: "createdAt + resolutionMinutes + the minutes spent PENDING or resolved before a reopen (UTC); while PENDING it moves on when the ticket leaves PENDING" })
  @DateTimeColumn()
  resolutionDueAt: Date;

  @Field(() => Date, { nullable: true, description: "the first public comment by a service agent (UTC): it stopped the first-response clock; null before" })
  @DateTimeColumn({ nullable: true })
  firstRespondedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when it was last RESOLVED (UTC); null while it is not resolved" })
  @DateTimeColumn({ nullable: true })
  resolvedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when it was CLOSED (UTC); null while it is not closed" })
  @DateTimeColumn({ nullable: true })
  closedAt: Date | null;

  /** since when the ticket is PENDING (the SLA clocks stand still); null when it is not */
  @DateTimeColumn({ nullable: true })
  pausedSince: Date | null;

  /** whole minutes the SLA clocks stood still so far (PENDING, and resolved before a reopen), added to the due times */
  @Column({ type: "integer", default: 0 })
  pausedMinutes: number;

  @Field(() => Boolean, { description: "true once the SLA sweep found no first response by firstResponseDueAt; never unset" })
  @Column({ type: "boolean", default: false })
  firstResponseBreached: boolean;

  @Field(() => Boolean, { description: "true once the SLA sweep found the ticket unresolved at resolutionDueAt; never unset" })
  @Column({ type: "boolean", default: false })
  resolutionBreached: boolean;

  @Field(() => Int, { nullable: true, description: "the customer's satisfaction from 1 (poor) to 5 (excellent), given once after resolution; null before" })
  @Column({ type: "integer", nullable: true })
  satisfaction: number | null;

  @Field(() => String, { nullable: true, description: "what the customer said with the rating, at most 1,000 characters" })
  @Column({ type: "varchar", length: 1000, nullable: true })
  satisfactionComment: string | null;

  /** the user who entered the ticket; null when a partner key did */
  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  /** the partner API key that entered the ticket; null when a user did */
  @Column({ type: "integer", nullable: true })
  createdByKeyId: number | null;

  @Field(() => Date, { description: "when it was entered (UTC): every SLA clock starts here" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when it last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "the record's version: send it back with updateTicket; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** A comment on a ticket, reached through its ticket (ARCHITECTURE.md: a child row goes by its parent's reach). */
@ObjectType({ description: "A comment on a ticket; read by whoever reads the ticket (partner keys: public comments only)" })
@Entity("ticket_comments")
@Index(["ticketId", "createdAt", "id"])
export class TicketComment {
  @Field(() => ID, { description: "the comment's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  ticketId: number;

  @Column({ type: "integer" })
  authorId: number;

  @Field(() => String, { description: "what was said, at most 5,000 characters" })
  @Column({ type: "text" })
  body: string;

  @Field(() => Boolean, { description: "true: shared with the customer (a service agent's first one stops the first-response clock); false: an internal note" })
  @Column({ type: "boolean" })
  public: boolean;

  @Field(() => Date, { description: "when it was written (UTC)" })
  @DateTimeColumn()
  createdAt: Date;
}

/** The last ticket number given in a territory and year (as quote numbers: ticket-number.ts). */
@Entity("ticket_number_counters")
export class TicketNumberCounter {
  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Column({ type: "integer", primary: true })
  year: number;

  @Column({ type: "integer" })
  lastNumber: number;
}

/** A knowledge-base article linked to a ticket (linkArticle). */
@Entity("ticket_article_links")
@Index(["articleId"])
export class TicketArticleLink {
  @Column({ type: "integer", primary: true })
  ticketId: number;

  @Column({ type: "integer", primary: true })
  articleId: number;

  @Column({ type: "integer" })
  linkedById: number;

  @DateTimeColumn()
  linkedAt: Date;
}
