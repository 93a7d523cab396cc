import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { MaxItems, TextLength } from "../domain/input-rules";
import type { Context } from "../context";
import { parseId, parseIds } from "../graphql/ids";
import { ApiKey } from "../org/api-key.entity";
import { User } from "../org/user.entity";
import { login } from "./auth.service";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-key.service";

@ObjectType()
class LoginResult {
  @Field(() => String, { description: "send as `Authorization: Bearer <token>`" })
  token: string;

  @Field(() => User)
  user: User;
}

@ObjectType()
class CreatedApiKey {
  @Field(() => String, { description: "the key itself, shown only here: store it now" })
  key: string;

  @Field(() => ApiKey)
  apiKey: ApiKey;
}

@InputType()
class CreateApiKeyInput {
  @Field(() => String)
  @TextLength(1, 120)
  name: string;

  @Field(() => [ID])
  @MaxItems(50)
  territoryIds: string[];

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult)
  async login(
    @Arg("email", () => String) email: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginResult> {
    return login(ctx, email, password);
  }

  @Query(() => [ApiKey], { description: "every partner API key, newest first, with when each was last used; system admins only" })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return listApiKeys(ctx);
  }

  @Mutation(() => CreatedApiKey)
  createApiKey(@Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<CreatedApiKey> {
    return createApiKey(ctx, { ...input, territoryIds: parseIds(input.territoryIds, "territoryIds") });
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    return revokeApiKey(ctx, parseId(id, "id"));
  }
}
