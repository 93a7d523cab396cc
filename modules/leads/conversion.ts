import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { badInput, conflict } from "../../src/errors";
import { parseId } from "../../src/graphql/ids";
import { assertWritable, findAccount, insertAccount, insertContact, type Account, type Contact } from "../accounts";
import { insertOpportunity, type Opportunity } from "../opportunities";
import { Lead, LeadStatus } from "./lead.entity";
import type { ConvertLeadInput } from "./lead.inputs";
import { LeadReason } from "./lead.reasons";
import { LEAD_AUDITED, requireLead } from "./lead.service";

export interface Conversion {
  lead: Lead;
  account: Account;
  contact: Contact;
  opportunity: Opportunity;
}

/**
 * Converting a lead (PRODUCT.md, "Lead intake") creates, in one transaction, an account (or links
 * an existing one), a contact and an opportunity, owned by the lead's owner. A new account passes
 * the accounts module's duplicate rule: a company already on file is a CONFLICT naming who has it,
 * and the caller converts again linking that account.
 */
export function convertLead(ctx: Context, id: number, input: ConvertLeadInput): Promise<Conversion> {
  const linkId = input.accountId ? parseId(input.accountId, "accountId") : null;
  if (linkId !== null && (input.accountName || input.registrationNo)) throw badInput("accountName", "give either accountId to link or the new account's details, not both");
  return inTransaction(ctx, async (uow) => {
    const lead = await requireLead(ctx, uow.manager, id);
    if (lead.status !== LeadStatus.ASSIGNED || lead.ownerId === null || lead.territoryId === null) {
      const decided = lead.status === LeadStatus.CONVERTED || lead.status === LeadStatus.DISQUALIFIED;
      throw conflict(`Lead ${id} is ${lead.status}; only an ASSIGNED lead is converted`, { reason: decided ? LeadReason.AlreadyDecided : LeadReason.NotAssigned });
    }
    let account: Account;
    if (linkId !== null) {
      const found = await findAccount(ctx, linkId, uow.manager);
      if (!found || found.archivedAt) throw badInput("accountId", `account ${linkId} does not exist or is outside your reach`);
      if (found.territoryId !== lead.territoryId) throw badInput("accountId", "the account belongs to another territory than the lead");
      account = assertWritable(ctx, found);
    } else {
      account = await insertAccount(
        ctx,
        uow,
        { name: input.accountName ?? lead.company, registrationNo: input.registrationNo ?? null, industry: lead.industry, region: lead.region, territoryId: String(lead.territoryId) },
        lead.ownerId,
      );
    }
    const contact = await insertContact(uow, account.id, { name: lead.contactName, email: lead.email, phone: lead.phone, isKeyPerson: true });
    const opportunity = await insertOpportunity(ctx, uow, {
      name: input.opportunityName ?? lead.company,
      account,
      ownerId: lead.ownerId,
      amount: input.amount,
      expectedCloseDate: input.expectedCloseDate,
      leadId: lead.id,
    });
    const updated = await versionedUpdate(uow, Lead, lead, {
      status: LeadStatus.CONVERTED,
      convertedAccountId: account.id,
      convertedOpportunityId: opportunity.id,
      convertedAt: new Date(),
    }, { action: "CONVERT", audited: LEAD_AUDITED });
    uow.emit({ name: "lead.converted", payload: { leadId: id, accountId: account.id, opportunityId: opportunity.id } });
    return { lead: updated, account, contact, opportunity };
  });
}
