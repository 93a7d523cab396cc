import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { MaxItems, TextLength } from "../domain/input-rules";
import type { Context } from "../context";
import { parseId, parseIds } from "../graphql/ids";
import { ApiKey } from "../org/api-key.entity";
import { User } from "../org/user.entity";
import { login } from "./auth.service";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-key.service";

@ObjectType({ description: "A session: the token to send and who it belongs to" })
class LoginResult {
  @Field(() => String, { description: "send as `Authorization: Bearer <token>`" })
  token: string;

  @Field(() => User, { description: "the user logged in" })
  user: User;
}

@ObjectType({ description: "A new partner API key, with its secret; system admins only" })
class CreatedApiKey {
  @Field(() => String, { description: "the key itself, shown only here: store it now" })
  key: string;

  @Field(() => ApiKey, { description: "the key's record, as `apiKeys` lists it from now on" })
  apiKey: ApiKey;
}

@InputType({ description: "A partner API key to create" })
class CreateApiKeyInput {
  @Field(() => String, { description: "what the key is for (the partner, the integration), 1 to 120 characters, not blank" })
  @TextLength(1, 120)
  name: string;

  @Field(() => [ID], { description: "the territories whose accounts the key may read, at least 1 and at most 50, each existing" })
  @MaxItems(50)
  territoryIds: string[];

  @Field(() => Date, { nullable: true, description: "when the key stops working (ISO-8601 timestamp, UTC), in the future; null or absent: it does not expire" })
  expiresAt?: Date | null;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult, {
    description:
      "Logs a user in and returns a bearer token (valid JWT_TTL_SECONDS, 8 hours by default). Open to anyone. A wrong e-mail or password, or a frozen user, is UNAUTHENTICATED (the answer never tells which e-mails exist); too many failed attempts for an account or from one client address are TOO_MANY_REQUESTS with extensions.retryAfterSeconds",
  })
  async login(
    @Arg("email", () => String, { description: "the user's e-mail, compared after trimming, NFKC and lower-casing" }) email: string,
    @Arg("password", () => String, { description: "the user's password" }) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginResult> {
    return login(ctx, email, password);
  }

  @Query(() => [ApiKey], { description: "every partner API key, newest first, with when each was last used; system admins only" })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return listApiKeys(ctx);
  }

  @Mutation(() => CreatedApiKey, {
    description:
      "Creates a partner API key for the granted territories and returns its secret, shown only in this answer. Audited; system admins only. BAD_USER_INPUT naming the field for a blank name, no territory or an unknown one, or an expiry not in the future",
  })
  createApiKey(@Arg("input", () => CreateApiKeyInput, { description: "the key's name, territories and expiry" }) input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<CreatedApiKey> {
    return createApiKey(ctx, { ...input, territoryIds: parseIds(input.territoryIds, "territoryIds") });
  }

  @Mutation(() => ApiKey, {
    description:
      "Revokes a partner API key at once: its requests are refused as UNAUTHENTICATED and its open WebSocket connections close (code 4403). Audited; system admins only. NOT_FOUND for an unknown key, CONFLICT when already revoked",
  })
  revokeApiKey(@Arg("id", () => ID, { description: "the id of the key (ApiKey.id), not its secret" }) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    return revokeApiKey(ctx, parseId(id, "id"));
  }
}
