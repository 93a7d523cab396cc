import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, accountById } from "../accounts";
import { Opportunity, opportunityById } from "../opportunities";
import { QuoteApprovalPolicy } from "./approval-policy.entity";
import * as policies from "./approval-policy.service";
import { ApprovalRequest } from "./approval-request.entity";
import { Product } from "./product.entity";
import { runQuoteExpiry } from "./quote-expiry";
import * as workflow from "./quote-workflow";
import { Quote, QuoteLine } from "./quote.entity";
import { CreateQuoteInput, QuoteApprovalPolicyInput, QuoteFilter, QuoteOrder, UpdateQuoteInput } from "./quote.inputs";
import { approvalsByQuote, linesByQuote, productById, quoteById, quotesByOpportunity } from "./quote.loaders";
import * as quotes from "./quote.service";

export const { Connection: QuoteConnection } = Connection(Quote);

/** What the computed fields below read from their rows (src/db/rows.ts). */
rowsOf(Quote).reads({ opportunity: ["opportunityId"], account: ["accountId"], territory: ["territoryId"], owner: ["ownerId"], lines: [], approvals: [], supersededBy: ["supersededById"] });
rowsOf(QuoteLine).reads({ product: ["productId"] });
rowsOf(Opportunity).reads({ quotes: [] });

@ObjectType({ description: "What a run of the quote expiry did; read by those who may run it" })
class QuoteExpiryResult {
  @Field(() => Date, { description: "the moment the run judged validity at" })
  asOf: Date;

  @Field(() => Int, { description: "how many SENT quotes past their validUntil became EXPIRED" })
  expired: number;
}

const STATUS_REFUSAL = "FAILED_PRECONDITION with reason WRONG_STATUS when the quote is not";
const REACH = "NOT_FOUND when the quote does not exist or is outside the caller's reach";

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => QuoteConnection, { description: "quotes in the caller's reach (a rep their own, a manager the team's, head, business manager and finance the territory's, executives all), oldest first by default, in keyset pages" })
  quotes(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => QuoteFilter, { nullable: true, description: "what the quotes must match" }) filter?: QuoteFilter,
    @Arg("orderBy", () => QuoteOrder, { nullable: true, description: "default CREATED_AT ascending" }) orderBy?: QuoteOrder,
  ) {
    return quotes.listQuotes(ctx, filter, orderBy, page, info);
  }

  @Query(() => Quote, { nullable: true, description: "one version of a quote; null when it does not exist or is outside the caller's reach" })
  quote(@Arg("id", () => ID, { description: "the quote version's id" }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Quote | null> {
    return quotes.readQuote(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => Quote, {
    description:
      "creates a DRAFT quote (version 1, numbered Q-<territory>-<year>-<6 digits>) owned by the caller, list prices from the territory's price list; audited. Refusals: BAD_USER_INPUT naming the field (validUntil before today; lines.N.productId not active or not priced in the territory; lines.N.quantity, lines.N.netPrice); FAILED_PRECONDITION, nothing stored, with reason OPPORTUNITY_OUT_OF_REACH (field opportunityId), OPPORTUNITY_NOT_OPEN, ACCOUNT_NOT_APPROVED or NO_FACE_TO_FACE_CONTACT (the account has had no VISIT or MEETING); CONFLICT with reason ARCHIVED when the account is archived",
  })
  createQuote(@Arg("input", () => CreateQuoteInput, { description: "the opportunity, validity and lines" }) input: CreateQuoteInput, @Ctx() ctx: Context): Promise<Quote> {
    return quotes.createQuote(ctx, input);
  }

  @Mutation(() => Quote, {
    description: `changes a DRAFT or REJECTED quote from the version read; new lines replace the old and are priced anew; audited. Refusals: BAD_USER_INPUT naming the field; ${REACH}; ${STATUS_REFUSAL} DRAFT or REJECTED; CONFLICT with reason STALE_VERSION (field version, currentVersion) when it changed since`,
  })
  updateQuote(
    @Arg("id", () => ID, { description: "the quote version" }) id: string,
    @Arg("version", () => Int, { description: "the version read (Quote.version)" }) version: number,
    @Arg("input", () => UpdateQuoteInput, { description: "the changes" }) input: UpdateQuoteInput,
    @Ctx() ctx: Context,
  ): Promise<Quote> {
    return quotes.updateQuote(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Quote, {
    description: `sends a DRAFT or REJECTED quote for approval under the territory's policy: APPROVED at once at or above the free ratio, else PENDING_APPROVAL and those who may decide hear of it (approvalRequested). Refusals: ${REACH}; ${STATUS_REFUSAL} DRAFT or REJECTED; FAILED_PRECONDITION with reason VALIDITY_PASSED when validUntil has passed`,
  })
  submitQuote(@Arg("id", () => ID, { description: "the quote version" }) id: string, @Ctx() ctx: Context): Promise<Quote> {
    return workflow.submitQuote(ctx, parseId(id, "id"));
  }

  @Mutation(() => Quote, {
    description: `approves a quote waiting for the caller's decision: someone in its requiredApproverRole standing above its owner (their own sales manager, their territory's head, another executive). Refusals: NOT_FOUND when it does not exist; FORBIDDEN with reason APPROVER_ROLE (another role decides) or NOT_ABOVE_OWNER (the caller does not stand above the owner, is the owner, or does not reach the quote); ${STATUS_REFUSAL} PENDING_APPROVAL; BAD_USER_INPUT with field comment over 500 characters`,
  })
  approveQuote(@Arg("id", () => ID, { description: "the quote version" }) id: string, @Ctx() ctx: Context, @Arg("comment", () => String, { nullable: true, description: "the approver's note, at most 500 characters" }) comment?: string): Promise<Quote> {
    return workflow.approveQuote(ctx, parseId(id, "id"), comment);
  }

  @Mutation(() => Quote, {
    description: `rejects a quote waiting for the caller's decision; it may be edited and submitted again. Refusals: as approveQuote; BAD_USER_INPUT with field reason when it is blank or over 500 characters`,
  })
  rejectQuote(@Arg("id", () => ID, { description: "the quote version" }) id: string, @Arg("reason", () => String, { description: "why, for the owner; 1 to 500 characters" }) reason: string, @Ctx() ctx: Context): Promise<Quote> {
    return workflow.rejectQuote(ctx, parseId(id, "id"), reason);
  }

  @Mutation(() => Quote, { description: `sends an APPROVED quote to the customer. Refusals: ${REACH}; ${STATUS_REFUSAL} APPROVED; FAILED_PRECONDITION with reason VALIDITY_PASSED when validUntil has passed` })
  sendQuote(@Arg("id", () => ID, { description: "the quote version" }) id: string, @Ctx() ctx: Context): Promise<Quote> {
    return workflow.sendQuote(ctx, parseId(id, "id"));
  }

  @Mutation(() => Quote, {
    description: `records the customer's acceptance of a SENT quote; its opportunity moves to COMMITMENT. Refusals: ${REACH}; ${STATUS_REFUSAL} SENT; FAILED_PRECONDITION with reason VALIDITY_PASSED when validUntil has passed, OPPORTUNITY_NOT_OPEN when the opportunity is no longer OPEN; CONFLICT with reason ARCHIVED when its account is archived`,
  })
  acceptQuote(@Arg("id", () => ID, { description: "the quote version" }) id: string, @Ctx() ctx: Context): Promise<Quote> {
    return workflow.acceptQuote(ctx, parseId(id, "id"));
  }

  @Mutation(() => Quote, { description: `records that the customer declined a SENT quote. Refusals: ${REACH}; ${STATUS_REFUSAL} SENT; BAD_USER_INPUT with field reason when it is blank or over 500 characters` })
  declineQuote(@Arg("id", () => ID, { description: "the quote version" }) id: string, @Arg("reason", () => String, { description: "why the customer declined; 1 to 500 characters" }) reason: string, @Ctx() ctx: Context): Promise<Quote> {
    return workflow.declineQuote(ctx, parseId(id, "id"), reason);
  }

  @Mutation(() => Quote, {
    description: `makes the next version of a quote as a DRAFT copy (same number, quoteVersion + 1); the old version becomes SUPERSEDED and stays readable, and a decision it waited for is withdrawn. Refusals: ${REACH}; ${STATUS_REFUSAL} PENDING_APPROVAL, APPROVED, REJECTED, SENT, DECLINED or EXPIRED; FAILED_PRECONDITION with reason OPPORTUNITY_NOT_OPEN`,
  })
  reviseQuote(@Arg("id", () => ID, { description: "the latest version of the quote" }) id: string, @Ctx() ctx: Context): Promise<Quote> {
    return quotes.reviseQuote(ctx, parseId(id, "id"));
  }

  @Mutation(() => QuoteExpiryResult, { description: "turns SENT quotes past their validUntil into EXPIRED as of a moment (operators and tests); the periodic job does it too. Refusals: BAD_USER_INPUT with field asOf when it is later than now" })
  async runQuoteExpiry(@Arg("asOf", () => Date, { description: "the moment validity is judged at; not in the future" }) asOf: Date, @Ctx() ctx: Context): Promise<QuoteExpiryResult> {
    return { asOf, expired: await runQuoteExpiry(ctx, asOf) };
  }

  @Query(() => QuoteApprovalPolicy, { description: "a territory's quote approval chain. Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in" })
  quoteApprovalPolicy(@Arg("territoryId", () => ID, { description: "the territory" }) territoryId: string, @Ctx() ctx: Context): Promise<QuoteApprovalPolicy> {
    return policies.readPolicy(ctx, territoryId);
  }

  @Mutation(() => QuoteApprovalPolicy, {
    description:
      "sets a territory's quote approval chain (its head, or an executive); quotes submitted from then on follow it; audited. Refusals: BAD_USER_INPUT naming the field (freeRatio, steps.N.minRatio: from 0 to 1, falling, the last at 0; steps.N.role: SALES_MANAGER, TERRITORY_HEAD or EXECUTIVE, never junior to the step before); FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY",
  })
  setQuoteApprovalPolicy(
    @Arg("territoryId", () => ID, { description: "the territory" }) territoryId: string,
    @Arg("input", () => QuoteApprovalPolicyInput, { description: "the chain" }) input: QuoteApprovalPolicyInput,
    @Ctx() ctx: Context,
  ): Promise<QuoteApprovalPolicy> {
    return policies.setPolicy(ctx, territoryId, input);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: "the opportunity quoted; null when it is outside the caller's reach" })
  opportunity(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, opportunityById).load(quote.opportunityId, info);
  }

  @FieldResolver(() => Account, { nullable: true, description: "the customer; null when the account is outside the caller's reach" })
  account(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, accountById).load(quote.accountId, info);
  }

  @FieldResolver(() => Territory, { description: "the territory whose price list and approval chain the quote follows" })
  territory(@Root() quote: Quote, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(quote.territoryId);
  }

  @FieldResolver(() => User, { description: "who wrote the quote and answers for it" })
  owner(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, userById).load(quote.ownerId, info);
  }

  @FieldResolver(() => [QuoteLine], { description: "the lines in their order" })
  lines(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, linesByQuote).load(quote.id, info);
  }

  @FieldResolver(() => [ApprovalRequest], { description: "every approval asked for this version, oldest first, with its decision" })
  approvals(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, approvalsByQuote).load(quote.id, info);
  }

  @FieldResolver(() => Quote, { nullable: true, description: "the next version, once this one was revised" })
  supersededBy(@Root() quote: Quote, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return quote.supersededById === null ? null : loader(ctx, quoteById).load(quote.supersededById, info);
  }
}

@Resolver(() => QuoteLine)
export class QuoteLineResolver {
  @FieldResolver(() => Product, { description: "the product quoted" })
  product(@Root() line: QuoteLine, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, productById).load(line.productId, info);
  }
}

/** `Opportunity.quotes`: the quotes module extends the opportunities module's type (ARCHITECTURE.md, "The module contract"). */
@Resolver(() => Opportunity)
export class OpportunityQuotesResolver {
  // Nullable so that a role without quote access gets FORBIDDEN here and keeps the rest of the opportunity.
  @FieldResolver(() => [Quote], { nullable: true, description: "the opportunity's quotes (every version) in the caller's reach, newest first; null for roles that may not read quotes" })
  quotes(@Root() opportunity: Opportunity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, quotesByOpportunity).load(opportunity.id, info);
  }
}
