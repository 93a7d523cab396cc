import { In } from "typeorm";
import type { Context } from "../context";
import { badInput, conflict, notFound } from "../errors";
import { inTransaction } from "../db/unit-of-work";
import { ApiKey } from "../org/api-key.entity";
import { Territory } from "../org/territory.entity";
import { generateApiKey } from "./api-keys";

export interface ApiKeyInput {
  name: string;
  territoryIds: number[];
  expiresAt?: Date | null;
}

/** Creates a partner key; the key itself is returned here once and never again. */
export async function createApiKey(ctx: Context, input: ApiKeyInput): Promise<{ key: string; apiKey: ApiKey }> {
  const name = input.name.trim();
  if (name === "") throw badInput("name", "must not be blank");
  const ids = [...new Set(input.territoryIds)];
  if (ids.length === 0) throw badInput("territoryIds", "grant at least one territory");
  if (input.expiresAt && input.expiresAt <= new Date()) throw badInput("expiresAt", "must be in the future");
  return inTransaction(ctx, async (uow) => {
    const found = await uow.manager.countBy(Territory, { id: In(ids) });
    if (found !== ids.length) throw badInput("territoryIds", "names a territory that does not exist");
    const { key, prefix, secretHash } = generateApiKey();
    const apiKey = uow.manager.create(ApiKey, {
      name,
      prefix,
      secretHash,
      territoryIdList: ids.join(","),
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
      createdById: ctx.viewer!.id,
      createdAt: new Date(),
    });
    await uow.manager.save(apiKey);
    await uow.audit("ApiKey", apiKey.id, "CREATE", { name: { from: null, to: apiKey.name }, territoryIds: { from: null, to: ids } });
    return { key, apiKey };
  });
}

/** Every partner key, newest first, revoked and expired ones included (a system admin's list). */
export function listApiKeys(ctx: Context): Promise<ApiKey[]> {
  return ctx.db.getRepository(ApiKey).find({ order: { id: "DESC" } });
}

export async function revokeApiKey(ctx: Context, id: number): Promise<ApiKey> {
  return inTransaction(ctx, async (uow) => {
    const apiKey = await uow.manager.findOneBy(ApiKey, { id });
    if (!apiKey) throw notFound("API key", id);
    if (apiKey.revokedAt) throw conflict(`API key ${id} is already revoked`);
    apiKey.revokedAt = new Date();
    await uow.manager.update(ApiKey, { id }, { revokedAt: apiKey.revokedAt });
    uow.emit({ name: "principal.revoked", payload: { kind: "partner", id } });
    await uow.audit("ApiKey", id, "REVOKE", { revokedAt: { from: null, to: apiKey.revokedAt.toISOString() } });
    return apiKey;
  });
}
