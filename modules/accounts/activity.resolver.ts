import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root, Info } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { userById } from "../../src/org/org.loaders";
import { User } from "../../src/org/user.entity";
import { Account } from "./account.entity";
import { LogActivityInput } from "./account.inputs";
import { accountById } from "./account.loaders";
import { relatedTitle } from "./activity-links";
import { Activity } from "./activity.entity";
import { logActivity } from "./activity.service";
import { rowsOf } from "../../src/db/rows";

rowsOf(Activity).reads({ account: ["accountId"], relatedTitle: ["relatedType", "relatedId"], owner: ["ownerId"] });

@Resolver(() => Activity)
export class ActivityResolver {
  @Mutation(() => Activity, {
    description:
      "logs a call, visit, meeting, e-mail, task or note against an account; a done one is contact and clears the follow-up flags. Refusals: CONFLICT with reason ARCHIVED when the account is archived; FAILED_PRECONDITION with reason IN_PUBLIC_POOL for a rep or manager on a pool account; FORBIDDEN (field ownerId) when anyone but an executive gives the activity to someone else",
  })
  logActivity(@Arg("input", () => LogActivityInput, { description: "the activity and its account" }) input: LogActivityInput, @Ctx() ctx: Context): Promise<Activity> {
    return logActivity(ctx, input);
  }

  @FieldResolver(() => Account, { nullable: true, description: "the account it was logged on (an opportunity's account, for an opportunity's activity); null for a lead's activity or an account out of the caller's reach" })
  account(@Root() activity: Activity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return activity.accountId === null ? null : loader(ctx, accountById).load(activity.accountId, info);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "the name of the lead, opportunity (or other record) this activity is about, when the caller reaches it; null for an activity on the account alone, for a record out of reach, or when the record's module is disabled",
  })
  relatedTitle(@Root() activity: Activity, @Ctx() ctx: Context): Promise<string | null> | null {
    return activity.relatedType === null || activity.relatedId === null ? null : loader(ctx, relatedTitle).load(`${activity.relatedType}:${activity.relatedId}`);
  }

  @FieldResolver(() => User, { description: "who does or did it: whoever logged it, or the user an executive assigned it to" })
  owner(@Root() activity: Activity, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, userById).load(activity.ownerId, info);
  }
}
