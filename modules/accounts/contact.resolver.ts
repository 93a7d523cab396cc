import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { parseId } from "../../src/graphql/ids";
import { Account } from "./account.entity";
import { CreateContactInput, UpdateContactInput } from "./account.inputs";
import { accountById } from "./account.loaders";
import { Contact } from "./contact.entity";
import { createContact, updateContact } from "./contact.service";

@Resolver(() => Contact)
export class ContactResolver {
  @Mutation(() => Contact)
  createContact(@Arg("input", () => CreateContactInput) input: CreateContactInput, @Ctx() ctx: Context): Promise<Contact> {
    return createContact(ctx, input);
  }

  @Mutation(() => Contact)
  updateContact(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => UpdateContactInput) input: UpdateContactInput,
    @Ctx() ctx: Context,
  ): Promise<Contact> {
    return updateContact(ctx, parseId(id, "id"), version, input);
  }

  @FieldResolver(() => Account, { nullable: true })
  account(@Root() contact: Contact, @Ctx() ctx: Context) {
    return loader(ctx, accountById).load(contact.accountId);
  }
}
