import { requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { inTransaction } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { money } from "../../src/domain/money";
import { cleanText } from "../../src/domain/text";
import { badInput, conflict, notFound } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import type { SelectionInfo } from "../../src/graphql/selection";
import { PriceListEntry, Product } from "./product.entity";
import type { CreateProductInput, ProductFilter, UpdateProductInput } from "./product.inputs";

const AUDITED: (keyof Product)[] = ["code", "name", "unit", "active"];
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The catalogue, ordered by code; one catalogue for the group, so no Scope (prices are per territory). */
const PRODUCT_LIST: ListSpec<Product, ProductFilter, "CODE"> = {
  alias: "p",
  equal: { active: "active" },
  where: (qb, filter) => {
    const search = filter.search?.trim();
    if (search) qb.andWhere("(p.code LIKE :search ESCAPE '!' OR p.name LIKE :search ESCAPE '!')", { search: `%${search.replace(/[!%_]/g, (c) => `!${c}`)}%` });
  },
  orders: { CODE: { column: "code", kind: "string", read: (p) => p.code } },
  defaultOrder: { field: "CODE", direction: SortDirection.ASC },
};

export function listProducts(ctx: Context, filter: ProductFilter | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Product>> {
  return listPage(ctx.db.getRepository(Product).createQueryBuilder("p"), PRODUCT_LIST, filter ?? {}, undefined, page, info);
}

export function createProduct(ctx: Context, input: CreateProductInput): Promise<Product> {
  const code = cleanText(input.code, "code").toUpperCase();
  if (!CODE.test(code)) throw badInput("code", "must be letters, digits, dots, dashes and underscores, starting with a letter or digit");
  const now = new Date();
  const product = Object.assign(new Product(), { code, name: cleanText(input.name, "name"), unit: cleanText(input.unit, "unit"), active: true, createdAt: now, updatedAt: now, version: 1 });
  return inTransaction(ctx, async (uow) => {
    if (await uow.manager.existsBy(Product, { code })) throw conflict(`A product with code ${code} exists`, { field: "code" });
    return insertAudited(uow, Product, product, AUDITED);
  });
}

export function updateProduct(ctx: Context, id: number, version: number, input: UpdateProductInput): Promise<Product> {
  const changes: Partial<Product> = {};
  for (const field of ["name", "unit", "active"] as const) if (input[field] === null) throw badInput(field, "cannot be null");
  if (input.name !== undefined) changes.name = cleanText(input.name, "name");
  if (input.unit !== undefined) changes.unit = cleanText(input.unit, "unit");
  if (input.active !== undefined) changes.active = input.active;
  return inTransaction(ctx, async (uow) => {
    const product = await uow.manager.findOneBy(Product, { id });
    if (!product) throw notFound("Product", id);
    return versionedUpdate(uow, Product, product, changes, { expectedVersion: version, action: "UPDATE", audited: AUDITED });
  });
}

/** Sets a product's list price in a territory the caller acts in (heads and business managers their own, executives any). Audited. */
export function setListPrice(ctx: Context, productIdText: string, territoryIdText: string, listPrice: string): Promise<PriceListEntry> {
  const productId = parseId(productIdText, "productId");
  const price = money(listPrice, "listPrice");
  if (/^0+\.00$/.test(price)) throw badInput("listPrice", "must be more than 0");
  return inTransaction(ctx, async (uow) => {
    const territoryId = await requireTerritory(ctx, uow.manager, territoryIdText);
    if (!(await uow.manager.existsBy(Product, { id: productId }))) throw badInput("productId", `product ${productId} does not exist`);
    const existing = await uow.manager.findOneBy(PriceListEntry, { productId, territoryId });
    const entry = existing ?? Object.assign(new PriceListEntry(), { productId, territoryId, currency: "CNY" });
    const before = existing?.listPrice ?? null;
    Object.assign(entry, { listPrice: price, updatedAt: new Date() });
    await uow.manager.save(PriceListEntry, entry);
    await uow.audit("PriceListEntry", entry.id, existing ? "UPDATE" : "CREATE", { productId: { from: null, to: productId }, territoryId: { from: null, to: territoryId }, listPrice: { from: before, to: price } });
    return entry;
  });
}
