import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Info } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { parseId } from "../../src/graphql/ids";
import { Account } from "./account.entity";
import { CreateContactInput, UpdateContactInput } from "./account.inputs";
import { accountById } from "./account.loaders";
import { Contact } from "./contact.entity";
import { createContact, updateContact } from "./contact.service";
import { rowsOf } from "../../src/db/rows";

rowsOf(Contact).reads({ account: ["accountId"] });

@Resolver(() => Contact)
export class ContactResolver {
  @Mutation(() => Contact, {
    description:
      "adds a contact to an account in the caller's reach. Refusals: CONFLICT with reason ARCHIVED when the account is archived; FAILED_PRECONDITION with reason IN_PUBLIC_POOL for a rep or manager on a pool account",
  })
  createContact(@Arg("input", () => CreateContactInput, { description: "the new contact and its account" }) input: CreateContactInput, @Ctx() ctx: Context): Promise<Contact> {
    return createContact(ctx, input);
  }

  @Mutation(() => Contact, {
    description:
      "changes a contact from the version read; a change of key person is audited as KEY_PERSON_CHANGE. Refusals: CONFLICT with reason STALE_VERSION (field version, currentVersion), ARCHIVED when its account is archived; FAILED_PRECONDITION with reason IN_PUBLIC_POOL for a rep or manager on a pool account's contact",
  })
  updateContact(
    @Arg("id", () => ID, { description: "the contact, of an account in the caller's reach (NOT_FOUND otherwise)" }) id: string,
    @Arg("version", () => Int, { description: "the contact's version as the caller read it" }) version: number,
    @Arg("input", () => UpdateContactInput, { description: "the fields to change" }) input: UpdateContactInput,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
    return updateContact(ctx, parseId(id, "id"), version, input);
  }

  @FieldResolver(() => Account, { nullable: true, description: "the account the contact belongs to" })
  account(@Root() contact: Contact, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, accountById).load(contact.accountId, info);
  }
}
