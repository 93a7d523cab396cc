import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Info } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, Activity, ActivityDetailsInput, accountById, activitiesByRelated } from "../accounts";
import { isStale, opportunityById, Opportunity } from "../opportunities";
import { convertLead } from "./conversion";
import { assignLead, dispatchLead } from "./lead-assignment";
import { Lead } from "./lead.entity";
import { ConvertLeadInput, CreateLeadInput, LeadFilter, LeadOrder, WebLeadInput } from "./lead.inputs";
import * as leads from "./lead.service";
import { ImportLeadsResult, LeadConversion, WebLeadReceipt } from "./lead.types";
import { logLeadActivity } from "./record-activity";
import { rowsOf } from "../../src/db/rows";

export const { Connection: LeadConnection } = Connection(Lead);

rowsOf(Lead).reads({
  territory: ["territoryId"], owner: ["ownerId"], assignedBy: ["assignedById"], stale: ["activityClockAt", "status"], activities: [],
  convertedAccount: ["convertedAccountId"], convertedOpportunity: ["convertedOpportunityId"],
});

@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => LeadConnection, { description: "leads in the caller's reach, by keyset pages (newest first by default)" })
  leads(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => LeadFilter, { nullable: true, description: "which leads; without it, every one in reach" }) filter?: LeadFilter,
    @Arg("orderBy", () => LeadOrder, { nullable: true, description: "the order; newest first when absent" }) orderBy?: LeadOrder,
  ) {
    return leads.listLeads(ctx, filter, orderBy, page, info);
  }

  @Query(() => Lead, { nullable: true, description: "null when it does not exist or is outside the caller's reach" })
  lead(@Arg("id", () => ID, { description: "the lead's id" }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Lead | null> {
    return leads.readLead(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => WebLeadReceipt, {
    description:
      "the public web form: no login; the lead comes in NEW, without a territory or owner, for an executive to route. At most WEB_LEAD_MAX_PER_MINUTE submissions (default 10) per client address and minute (TOO_MANY_REQUESTS beyond, with retryAfterSeconds); bad input is BAD_USER_INPUT naming the field",
  })
  submitWebLead(@Arg("input", () => WebLeadInput, { description: "what the visitor entered" }) input: WebLeadInput, @Ctx() ctx: Context): Promise<WebLeadReceipt> {
    return leads.submitWebLead(ctx, input);
  }

  @Mutation(() => Lead, {
    description:
      "enters a lead; who keeps their own leads (reps, managers) keeps one entered in their own territory (ASSIGNED to them), the others' wait NEW for dispatch. Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in",
  })
  createLead(@Arg("input", () => CreateLeadInput, { description: "the new lead" }) input: CreateLeadInput, @Ctx() ctx: Context): Promise<Lead> {
    return leads.createLead(ctx, input);
  }

  @Mutation(() => ImportLeadsResult, {
    description:
      "many leads at once; each row is accepted or refused with its own error. At most IMPORT_MAX_ROWS_PER_REQUEST rows (default 500) in one request over all its imports (BAD_USER_INPUT beyond), and IMPORT_MAX_ROWS_PER_MINUTE rows (default 2000) per user and minute (TOO_MANY_REQUESTS beyond, with retryAfterSeconds)",
  })
  async importLeads(
    // Rows are validated one by one in the service, so one bad row refuses that row, not the import.
    @Arg("inputs", () => [CreateLeadInput], { validate: false, description: "the leads, at least one; each is checked as createLead would check it, channel IMPORT unless given" }) inputs: CreateLeadInput[],
    @Ctx() ctx: Context,
  ): Promise<ImportLeadsResult> {
    const rows = await leads.importLeads(ctx, inputs);
    const accepted = rows.filter((r) => r.lead).length;
    return { accepted, refused: rows.length - accepted, rows };
  }

  @Mutation(() => Lead, {
    description: "marks a NEW lead QUALIFIED. Refusals: CONFLICT with reason ALREADY_DECIDED when the lead is no longer NEW; CONFLICT with reason STALE_VERSION (field version) when another write to it came in between",
  })
  qualifyLead(@Arg("id", () => ID, { description: "a NEW lead in the caller's reach" }) id: string, @Ctx() ctx: Context): Promise<Lead> {
    return leads.qualifyLead(ctx, parseId(id, "id"));
  }

  @Mutation(() => Lead, {
    description: "closes an open lead as DISQUALIFIED, with the reason. Refusals: CONFLICT with reason ALREADY_DECIDED when it is already disqualified or converted; CONFLICT with reason STALE_VERSION (field version) when another write to it came in between",
  })
  disqualifyLead(
    @Arg("id", () => ID, { description: "an open (NEW, QUALIFIED or ASSIGNED) lead in the caller's reach" }) id: string,
    @Arg("reason", () => String, { description: "why the lead is not worth pursuing, at most 500 characters, not blank" }) reason: string, @Ctx() ctx: Context): Promise<Lead> {
    return leads.disqualifyLead(ctx, parseId(id, "id"), reason);
  }

  @Mutation(() => Lead, {
    description:
      "gives a NEW or QUALIFIED lead to the owner the assignment rules choose. Refusals: CONFLICT with reason ALREADY_DECIDED when the lead is no longer NEW or QUALIFIED (reassign it with assignLead), NO_RULE_FITS when no rule fits it or none whose user or team can take it (assign it by hand), RULE_BUSY when another dispatch took the same rule's turn at the same moment (try again); CONFLICT with reason STALE_VERSION (field version) when another write to it came in between",
  })
  dispatchLead(@Arg("id", () => ID, { description: "a NEW or QUALIFIED lead in the caller's reach" }) id: string, @Ctx() ctx: Context): Promise<Lead> {
    return dispatchLead(ctx, parseId(id, "id"));
  }

  @Mutation(() => Lead, {
    description:
      "assigns or reassigns a lead by hand: a business manager or head within the territory, a manager within their team, an executive anywhere. Refusals: CONFLICT with reason ALREADY_DECIDED when the lead is disqualified or converted, or already that owner's (field ownerId); FORBIDDEN with field ownerId and reason OUTSIDE_TERRITORY for an owner of another territory, OUTSIDE_TEAM for a manager's pick outside their team; CONFLICT with reason STALE_VERSION (field version) when another write to it came in between",
  })
  assignLead(
    @Arg("id", () => ID, { description: "an open lead in the caller's reach" }) id: string,
    @Arg("ownerId", () => ID, { description: "the new owner: a user of a territory in a selling role, not frozen (BAD_USER_INPUT otherwise); the lead moves to the owner's territory" }) ownerId: string, @Ctx() ctx: Context): Promise<Lead> {
    return assignLead(ctx, parseId(id, "id"), parseId(ownerId, "ownerId"));
  }

  @Mutation(() => LeadConversion, {
    description:
      "creates or links the account, a contact and an opportunity, in one transaction. Refusals: CONFLICT with reason NOT_ASSIGNED when the lead is not assigned to an owner yet, ALREADY_DECIDED when it is already converted or disqualified, DUPLICATE when a new account would duplicate one on file (field name or registrationNo; convert again linking it); FAILED_PRECONDITION with reason IN_PUBLIC_POOL when a rep or manager links an account of the public pool; CONFLICT with reason STALE_VERSION (field version) when another write to it came in between",
  })
  convertLead(
    @Arg("id", () => ID, { description: "an ASSIGNED lead in the caller's reach" }) id: string,
    @Arg("input", () => ConvertLeadInput, { description: "the account to create or link, and the opportunity's details" }) input: ConvertLeadInput, @Ctx() ctx: Context): Promise<LeadConversion> {
    return convertLead(ctx, parseId(id, "id"), input);
  }

  @Mutation(() => Activity, {
    description: "logs an activity against a lead. Refusals: CONFLICT with reason NOT_ROUTED when the lead is not routed to a territory yet (assign it first)",
  })
  logLeadActivity(
    @Arg("leadId", () => ID, { description: "the lead, in the caller's reach" }) leadId: string,
    @Arg("input", () => ActivityDetailsInput, { description: "the activity" }) input: ActivityDetailsInput, @Ctx() ctx: Context): Promise<Activity> {
    return logLeadActivity(ctx, parseId(leadId, "leadId"), input);
  }

  @FieldResolver(() => Territory, { nullable: true, description: "null until the lead is routed to a territory" })
  territory(@Root() lead: Lead, @Ctx() ctx: Context) {
    return lead.territoryId === null ? null : loader(ctx, territoryById).load(lead.territoryId);
  }

  @FieldResolver(() => User, { nullable: true, description: "who works the lead; null until it is assigned" })
  owner(@Root() lead: Lead, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return lead.ownerId === null ? null : loader(ctx, userById).load(lead.ownerId, info);
  }

  @FieldResolver(() => User, { nullable: true, description: "who last assigned it (who dispatched it, for an assignment by rule); null until it is assigned" })
  assignedBy(@Root() lead: Lead, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return lead.assignedById === null ? null : loader(ctx, userById).load(lead.assignedById, info);
  }

  @FieldResolver(() => Boolean, { description: "open, and no activity for a month as of `asOf` (default now)" })
  stale(@Root() lead: Lead, @Arg("asOf", () => Date, { nullable: true, description: "the moment to judge at (UTC); default now" }) asOf?: Date): boolean {
    return isStale(lead.activityClockAt, leads.OPEN_LEAD_STATUSES.includes(lead.status), asOf ?? new Date());
  }

  @FieldResolver(() => [Activity], { description: "newest first" })
  activities(@Root() lead: Lead, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, activitiesByRelated("Lead")).load(lead.id, info);
  }

  @FieldResolver(() => Account, { nullable: true, description: "the account it was converted into or linked to; null unless CONVERTED, or when the account is outside the caller's reach" })
  convertedAccount(@Root() lead: Lead, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return lead.convertedAccountId === null ? null : loader(ctx, accountById).load(lead.convertedAccountId, info);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: "the opportunity it was converted into; null unless CONVERTED, or when the opportunity is outside the caller's reach" })
  convertedOpportunity(@Root() lead: Lead, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return lead.convertedOpportunityId === null ? null : loader(ctx, opportunityById).load(lead.convertedOpportunityId, info);
  }
}
