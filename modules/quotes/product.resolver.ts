import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { Decimal } from "../../src/graphql/scalars";
import { territoryById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { PriceListEntry, Product } from "./product.entity";
import { CreateProductInput, ProductFilter, UpdateProductInput } from "./product.inputs";
import * as products from "./product.service";
import { pricesByProduct, productById } from "./quote.loaders";

export const { Connection: ProductConnection } = Connection(Product);

rowsOf(Product).reads({ prices: [] });
rowsOf(PriceListEntry).reads({ product: ["productId"], territory: ["territoryId"] });

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: "the group's catalogue by code, in keyset pages; for every role with quote access" })
  products(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Arg("filter", () => ProductFilter, { nullable: true, description: "search and active filter" }) filter?: ProductFilter) {
    return products.listProducts(ctx, filter, page, info);
  }

  @Mutation(() => Product, { description: "adds a product to the catalogue (executives, territory heads, business managers); audited. Refusals: BAD_USER_INPUT naming the field; CONFLICT with field code when the code exists" })
  createProduct(@Arg("input", () => CreateProductInput, { description: "the product" }) input: CreateProductInput, @Ctx() ctx: Context): Promise<Product> {
    return products.createProduct(ctx, input);
  }

  @Mutation(() => Product, { description: "changes a product from the version read; audited. Refusals: BAD_USER_INPUT naming the field; NOT_FOUND; CONFLICT with reason STALE_VERSION (field version, currentVersion) when it changed since" })
  updateProduct(
    @Arg("id", () => ID, { description: "the product" }) id: string,
    @Arg("version", () => Int, { description: "the version read" }) version: number,
    @Arg("input", () => UpdateProductInput, { description: "the changes" }) input: UpdateProductInput,
    @Ctx() ctx: Context,
  ): Promise<Product> {
    return products.updateProduct(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => PriceListEntry, {
    description:
      "sets a product's list price (CNY) in a territory: heads and business managers their own territory's, executives any; quotes written from now on take it; audited. Refusals: BAD_USER_INPUT naming the field (listPrice must be more than 0; productId must exist); FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for another territory",
  })
  setListPrice(
    @Arg("productId", () => ID, { description: "the product" }) productId: string,
    @Arg("territoryId", () => ID, { description: "the territory whose price list it is" }) territoryId: string,
    @Arg("listPrice", () => Decimal, { description: "the price of one unit, more than 0" }) listPrice: string,
    @Ctx() ctx: Context,
  ): Promise<PriceListEntry> {
    return products.setListPrice(ctx, productId, territoryId, listPrice);
  }

  @FieldResolver(() => [PriceListEntry], { description: "the product's list prices in the territories the caller works in (all for executives)" })
  prices(@Root() product: Product, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, pricesByProduct).load(product.id, info);
  }
}

@Resolver(() => PriceListEntry)
export class PriceListEntryResolver {
  @FieldResolver(() => Product, { description: "the product priced" })
  product(@Root() entry: PriceListEntry, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, productById).load(entry.productId, info);
  }

  @FieldResolver(() => Territory, { description: "the territory whose price it is" })
  territory(@Root() entry: PriceListEntry, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(entry.territoryId);
  }
}
