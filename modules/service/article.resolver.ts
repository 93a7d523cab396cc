import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Field, Float, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root, FieldResolver } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { parseId } from "../../src/graphql/ids";
import { territoryById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { Article } from "./article.entity";
import * as articles from "./article.service";
import { CreateArticleInput, UpdateArticleInput } from "./ticket.inputs";

rowsOf(Article).reads({ tags: ["tagList"], territory: ["territoryId"] });

@ObjectType({ description: "An article found by searchArticles, with how well it matched; read by those who read articles" })
export class ArticleHit {
  @Field(() => Article, { description: "the published article" })
  article: Article;

  @Field(() => Int, { description: "how many of the query's terms (English words, pairs of Chinese characters) it holds; hits with more come first" })
  matchedTerms: number;

  @Field(() => Float, { description: "the sum over matched terms of weight × idf (higher is better); orders hits with as many matched terms" })
  score: number;
}

const REACH = "NOT_FOUND when the article does not exist or is outside the caller's reach";
const WRITE = "FORBIDDEN with reason OUTSIDE_TERRITORY (another territory's article) or GROUP_ARTICLE (a group article, for executives only)";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => [ArticleHit], {
    description:
      "published knowledge-base articles in the caller's reach (their territory's and the group's) ranked by relevance to the query, in Chinese or English: the most query terms matched first, then the score. Refusals: BAD_USER_INPUT with field query (blank, over 200 characters) or first (1 to 50)",
  })
  searchArticles(
    @Arg("query", () => String, { description: "the words to look for, e.g. 煤炭 发票 or invoice coal; 1 to 200 characters" }) query: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { defaultValue: 10, description: "how many hits at most, 1 to 50" }) first: number,
  ) {
    return articles.searchArticles(ctx, query, first, info);
  }

  @Query(() => Article, { nullable: true, description: "one article; null when it does not exist or is outside the caller's reach (a draft is in reach only of those who write articles)" })
  article(@Arg("id", () => ID, { description: "the article's id" }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return articles.readArticle(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => Article, {
    description:
      "writes a DRAFT article for the caller's territory, one they act in, or the whole group; audited. Refusals: BAD_USER_INPUT naming the field (title, body, tags, tags.N, territoryId); FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY, or field group and reason GROUP_ARTICLE (executives only)",
  })
  createArticle(@Arg("input", () => CreateArticleInput, { description: "the article" }) input: CreateArticleInput, @Ctx() ctx: Context): Promise<Article> {
    return articles.createArticle(ctx, input);
  }

  @Mutation(() => Article, {
    description: `changes an article from the version read; a published one is searched as changed from the commit on; audited. Refusals: BAD_USER_INPUT naming the field (id, title, body, tags, tags.N); ${REACH}; ${WRITE}; CONFLICT with reason STALE_VERSION (field version, currentVersion)`,
  })
  updateArticle(
    @Arg("id", () => ID, { description: "the article's id" }) id: string,
    @Arg("version", () => Int, { description: "the version read (Article.version)" }) version: number,
    @Arg("input", () => UpdateArticleInput, { description: "the changes" }) input: UpdateArticleInput,
    @Ctx() ctx: Context,
  ): Promise<Article> {
    return articles.updateArticle(ctx, parseId(id, "id"), version, input);
  }

  @Mutation(() => Article, { description: `publishes a DRAFT: searchArticles finds it from the commit on; audited. Refusals: BAD_USER_INPUT with field id; ${REACH}; ${WRITE}; FAILED_PRECONDITION with reason WRONG_STATUS when it is published already` })
  publishArticle(@Arg("id", () => ID, { description: "the article's id" }) id: string, @Ctx() ctx: Context): Promise<Article> {
    return articles.publishArticle(ctx, parseId(id, "id"));
  }

  @FieldResolver(() => Territory, { nullable: true, description: "the territory it is for; null: the whole group" })
  territory(@Root() article: Article, @Ctx() ctx: Context) {
    return article.territoryId === null ? null : loader(ctx, territoryById).load(article.territoryId);
  }
}
