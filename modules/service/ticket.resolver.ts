import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, accountById, Contact } from "../accounts";
import { Article } from "./article.entity";
import { SlaPolicy, SlaSource } from "./sla-policy.entity";
import * as policies from "./sla-policy.service";
import { articlesByTicket, commentsByTicket, contactById, publicCommentsByTicket } from "./service.loaders";
import { Ticket, TicketComment, TicketStatus } from "./ticket.entity";
import { CreateTicketInput, SlaPolicyInput, TicketCommentInput, TicketFilter, TicketOrder, UpdateTicketInput } from "./ticket.inputs";
import * as tickets from "./ticket.service";

export const { Connection: TicketConnection } = Connection(Ticket);

/** What the computed fields below read from their rows (src/db/rows.ts). */
rowsOf(Ticket).reads({
  account: ["accountId"],
  contact: ["contactId"],
  assignee: ["assigneeId"],
  territory: ["territoryId"],
  slaPolicy: ["priority", "tier", "firstResponseMinutes", "resolutionMinutes", "slaSource"],
  comments: [],
  articles: [],
});
rowsOf(TicketComment).reads({ author: ["authorId"] });

const REACH = "NOT_FOUND when the ticket does not exist or is outside the caller's reach";
const STATUS = "FAILED_PRECONDITION with reason WRONG_STATUS when the ticket is";
const ID_ARG = { description: "the ticket's id" };

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => TicketConnection, {
    description:
      "tickets in the caller's reach (service agents, the head and business managers their territory's; reps and managers those of the accounts in their reach; executives all; partner keys their territories'), oldest first by default, in keyset pages",
  })
  tickets(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => TicketFilter, { nullable: true, description: "what the tickets must match" }) filter?: TicketFilter,
    @Arg("orderBy", () => TicketOrder, { nullable: true, description: "default CREATED_AT ascending" }) orderBy?: TicketOrder,
  ) {
    return tickets.listTickets(ctx, filter, orderBy, page, info);
  }

  @Query(() => Ticket, { nullable: true, description: "one ticket; null when it does not exist or is outside the caller's reach" })
  ticket(@Arg("id", () => ID, ID_ARG) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Ticket | null> {
    return tickets.readTicket(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => Ticket, {
    description:
      "enters a ticket for an account in the caller's reach (a partner key: of its territories; channel PARTNER), numbered T-<territory>-<year>-<6 digits>, NEW (OPEN when assigned), due under the territory's SLA policy for its priority and the account's tier; audited. Refusals: BAD_USER_INPUT naming the field (accountId, contactId not of the account, subject, description, assigneeId not an active service agent or head of the territory); FAILED_PRECONDITION with reason ACCOUNT_OUT_OF_REACH (field accountId), nothing stored",
  })
  createTicket(@Arg("input", () => CreateTicketInput, { description: "the ticket" }) input: CreateTicketInput, @Ctx() ctx: Context): Promise<Ticket> {
    return tickets.createTicket(ctx, input);
  }

  @Mutation(() => Ticket, {
    description: `changes a ticket's text, type or priority from the version read; a new priority recomputes the due times from creation under the territory's policy now (PENDING time still excluded); audited. Refusals: BAD_USER_INPUT naming the field; ${REACH}; ${STATUS} CLOSED; CONFLICT with reason STALE_VERSION (field version, currentVersion)`,
  })
  updateTicket(
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("version", () => Int, { description: "the version read (Ticket.version)" }) version: number,
    @Arg("input", () => UpdateTicketInput, { description: "the changes" }) input: UpdateTicketInput,
    @Ctx() ctx: Context,
  ): Promise<Ticket> {
    return tickets.updateTicket(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Ticket, {
    description: `gives a ticket to a service agent or the head of its territory; a NEW ticket becomes OPEN; audited. Refusals: BAD_USER_INPUT with field id or assigneeId (not an active service agent or head of the ticket's territory); ${REACH}; ${STATUS} CLOSED`,
  })
  assignTicket(@Arg("id", () => ID, ID_ARG) id: string, @Arg("assigneeId", () => ID, { description: "the user who works on it" }) assigneeId: string, @Ctx() ctx: Context): Promise<Ticket> {
    return tickets.assignTicket(ctx, parseId(id, "id"), assigneeId);
  }

  @Mutation(() => Ticket, {
    description: `adds a comment; a service agent's first public comment is the first response (it stops the first-response clock; a NEW ticket becomes OPEN); audited. Refusals: BAD_USER_INPUT with field id or body (blank, over 5,000 characters); ${REACH}; ${STATUS} CLOSED`,
  })
  addTicketComment(@Arg("id", () => ID, ID_ARG) id: string, @Arg("input", () => TicketCommentInput, { description: "the comment" }) input: TicketCommentInput, @Ctx() ctx: Context): Promise<Ticket> {
    return tickets.addComment(ctx, parseId(id, "id"), input);
  }

  @Mutation(() => Ticket, {
    description: `moves a ticket on: NEW to OPEN, PENDING, RESOLVED or CLOSED; OPEN to PENDING, RESOLVED or CLOSED; PENDING to OPEN, RESOLVED or CLOSED; RESOLVED to CLOSED. PENDING stops the SLA clocks until the ticket leaves it; RESOLVED stops the resolution clock; audited. Refusals: BAD_USER_INPUT with field id; ${REACH}; FAILED_PRECONDITION with reason WRONG_STATUS for any other move (a RESOLVED or CLOSED ticket is reopened with reopenTicket)`,
  })
  setTicketStatus(@Arg("id", () => ID, ID_ARG) id: string, @Arg("status", () => TicketStatus, { description: "the status to move to" }) status: TicketStatus, @Ctx() ctx: Context): Promise<Ticket> {
    return tickets.setStatus(ctx, parseId(id, "id"), status);
  }

  @Mutation(() => Ticket, {
    description: `reopens a RESOLVED or CLOSED ticket (OPEN again) up to 30 days after it was resolved or closed, that moment included; the resolution clock goes on from where it stood at resolution; audited with the reason. Refusals: BAD_USER_INPUT with field id or reason (blank, over 500 characters); ${REACH}; ${STATUS} not RESOLVED or CLOSED; FAILED_PRECONDITION with reason REOPEN_WINDOW_PASSED after 30 days`,
  })
  reopenTicket(@Arg("id", () => ID, ID_ARG) id: string, @Arg("reason", () => String, { description: "why, 1 to 500 characters" }) reason: string, @Ctx() ctx: Context): Promise<Ticket> {
    return tickets.reopenTicket(ctx, parseId(id, "id"), reason);
  }

  @Mutation(() => Ticket, {
    description: `records the customer's satisfaction, once, after resolution, given by the creator's side (the user or partner key that entered the ticket, or the account's owner); audited. Refusals: BAD_USER_INPUT with field id, score (a whole number from 1 to 5) or comment (over 1,000 characters); ${REACH}; FORBIDDEN with reason NOT_CREATOR_SIDE; FAILED_PRECONDITION with reason NOT_RESOLVED (not RESOLVED or CLOSED) or ALREADY_RATED`,
  })
  rateTicket(
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("score", () => Int, { description: "1 (poor) to 5 (excellent)" }) score: number,
    @Ctx() ctx: Context,
    @Arg("comment", () => String, { nullable: true, description: "what the customer said, at most 1,000 characters" }) comment?: string,
  ): Promise<Ticket> {
    return tickets.rateTicket(ctx, parseId(id, "id"), score, comment);
  }

  @Mutation(() => Ticket, {
    description: `links a knowledge-base article in the caller's reach to a ticket (again: nothing changes); audited. Refusals: BAD_USER_INPUT with field ticketId or articleId; NOT_FOUND when the ticket does not exist or is outside the caller's reach; FAILED_PRECONDITION with reason ARTICLE_OUT_OF_REACH (field articleId)`,
  })
  linkArticle(@Arg("ticketId", () => ID, ID_ARG) ticketId: string, @Arg("articleId", () => ID, { description: "the article's id" }) articleId: string, @Ctx() ctx: Context): Promise<Ticket> {
    return tickets.linkArticle(ctx, parseId(ticketId, "ticketId"), parseId(articleId, "articleId"));
  }

  @Query(() => [SlaPolicy], { description: "a territory's SLA targets for every priority and tier (16 entries, URGENT and STRATEGIC first). Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in" })
  slaPolicies(@Arg("territoryId", () => ID, { description: "the territory" }) territoryId: string, @Ctx() ctx: Context): Promise<SlaPolicy[]> {
    return policies.readSlaPolicies(ctx, territoryId);
  }

  @Mutation(() => [SlaPolicy], {
    description:
      "sets a territory's SLA targets for a priority and one tier, or every tier without its own (its head, or an executive); tickets entered from then on, and tickets whose priority changes, follow them; audited. Refusals: BAD_USER_INPUT naming the field (firstResponseMinutes, resolutionMinutes: whole minutes from 1 to 525,600, resolution not less than first response); FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY",
  })
  setSlaPolicy(
    @Arg("territoryId", () => ID, { description: "the territory" }) territoryId: string,
    @Arg("input", () => SlaPolicyInput, { description: "the targets" }) input: SlaPolicyInput,
    @Ctx() ctx: Context,
  ): Promise<SlaPolicy[]> {
    return policies.setSlaPolicy(ctx, territoryId, input);
  }

  @FieldResolver(() => Account, { nullable: true, description: "the customer; null when the account is outside the caller's reach" })
  account(@Root() ticket: Ticket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, accountById).load(ticket.accountId, info);
  }

  @FieldResolver(() => Contact, { nullable: true, description: "who at the customer raised it; null when none was named" })
  contact(@Root() ticket: Ticket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ticket.contactId === null ? null : loader(ctx, contactById).load(ticket.contactId, info);
  }

  @FieldResolver(() => User, { nullable: true, description: "who works on it; null while nobody is assigned" })
  assignee(@Root() ticket: Ticket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ticket.assigneeId === null ? null : loader(ctx, userById).load(ticket.assigneeId, info);
  }

  @FieldResolver(() => Territory, { description: "the account's territory, whose SLA policy the ticket follows" })
  territory(@Root() ticket: Ticket, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(ticket.territoryId);
  }

  @FieldResolver(() => SlaPolicy, { description: "the SLA targets the ticket follows: its priority, the account's tier when it was entered, and the minutes taken from the policy then (or when the priority last changed)" })
  slaPolicy(@Root() ticket: Ticket): SlaPolicy {
    return Object.assign(new SlaPolicy(), { priority: ticket.priority, tier: ticket.tier, firstResponseMinutes: ticket.firstResponseMinutes, resolutionMinutes: ticket.resolutionMinutes, source: ticket.slaSource as SlaSource });
  }

  @FieldResolver(() => [TicketComment], { description: "the comments, oldest first (a partner key reads the public ones only)" })
  comments(@Root() ticket: Ticket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, ctx.viewer?.kind === "partner" ? publicCommentsByTicket : commentsByTicket).load(ticket.id, info);
  }

  @FieldResolver(() => [Article], { description: "the knowledge-base articles linked to it that the caller reaches, in the order they were linked" })
  articles(@Root() ticket: Ticket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, articlesByTicket).load(ticket.id, info);
  }
}

@Resolver(() => TicketComment)
export class TicketCommentResolver {
  @FieldResolver(() => User, { description: "who wrote it" })
  author(@Root() comment: TicketComment, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, userById).load(comment.authorId, info);
  }
}
