import { Brackets, type EntityManager, type SelectQueryBuilder } from "typeorm";
import { Reach } from "../../src/access/roles";
import { actsIn, requireTerritory } from "../../src/access/territory";
import type { Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { inTransaction } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { integerBetween } from "../../src/domain/integer";
import { cleanText, requiredText } from "../../src/domain/text";
import { badInput, forbidden, notFound, refused } from "../../src/errors";
import type { SelectionInfo } from "../../src/graphql/selection";
import { Article, ArticleStatus } from "./article.entity";
import { reindex, rankedArticleIds } from "./article-search";
import { ServicePermission } from "./service.permissions";
import { ServiceReason } from "./service.reasons";
import type { CreateArticleInput, UpdateArticleInput } from "./ticket.inputs";

export const ARTICLE_AUDITED: (keyof Article)[] = ["title", "body", "tagList", "status", "territoryId"];

/**
 * The articles a viewer reaches: group articles (no territory) and those of the viewer's territories
 * (every one for executives); drafts only for those who write articles. Articles have no owner, and a
 * group row has no territory, so this is the module's own rule rather than the Scope's owner reach.
 */
export function scopedArticles(ctx: Context, manager: EntityManager = ctx.db.manager, alias = "ar"): SelectQueryBuilder<Article> {
  const qb = manager.getRepository(Article).createQueryBuilder(alias);
  const viewer = ctx.viewer;
  if (!viewer || !ctx.permissions.has(viewer, ServicePermission.ReadArticles)) return qb.andWhere("1 = 0");
  if (ctx.scope.reach !== Reach.All) {
    qb.andWhere(new Brackets((w) => {
      w.where(`${alias}.territoryId IS NULL`);
      if (viewer.territoryIds.length > 0) w.orWhere(`${alias}.territoryId IN (:...kbTerritories)`, { kbTerritories: viewer.territoryIds });
    }));
  }
  if (!ctx.permissions.has(viewer, ServicePermission.WriteArticles)) qb.andWhere(`${alias}.status = :kbPublished`, { kbPublished: ArticleStatus.PUBLISHED });
  return qb;
}

export const findArticle = (ctx: Context, id: number, manager?: EntityManager) => scopedArticles(ctx, manager).andWhere("ar.id = :id", { id }).getOne();

export async function readArticle(ctx: Context, id: number, info: SelectionInfo): Promise<Article | null> {
  const reads = rowsOf(Article);
  const [row] = await reads.many(scopedArticles(ctx).andWhere("ar.id = :id", { id }), "ar", reads.columnsOf(ctx.db, info));
  return row ?? null;
}

function tagsOf(tags: string[]): string {
  if (tags.length > 10) throw badInput("tags", "must have at most 10 tags");
  const cleaned = tags.map((tag, i) => {
    const text = cleanText(tag, `tags.${i}`, { max: 30 });
    if (text.includes(",")) throw badInput(`tags.${i}`, "must not contain a comma");
    return text;
  });
  return [...new Set(cleaned)].join(",");
}

const titleOf = (value: string) => cleanText(value, "title", { max: 200 });
const bodyOf = (value: string) => requiredText(value, "body", { max: 20000 });

/** The territory a new article is for: the caller's (or one they act in), or the whole group (executives only). */
async function articleTerritory(ctx: Context, manager: EntityManager, input: CreateArticleInput): Promise<number | null> {
  if (!input.group) return requireTerritory(ctx, manager, input.territoryId ?? null);
  if (ctx.viewer!.territoryId !== null) throw forbidden("group: a group article is written by executives only", { field: "group", reason: ServiceReason.GroupArticle });
  return null;
}

export function createArticle(ctx: Context, input: CreateArticleInput): Promise<Article> {
  const title = titleOf(input.title);
  const body = bodyOf(input.body);
  const tagList = tagsOf(input.tags ?? []);
  return inTransaction(ctx, async (uow) => {
    const territoryId = await articleTerritory(ctx, uow.manager, input);
    const now = new Date();
    const article = Object.assign(new Article(), { title, body, tagList, status: ArticleStatus.DRAFT, territoryId, createdById: ctx.viewer!.id, createdAt: now, updatedAt: now, publishedAt: null, version: 1 });
    return insertAudited(uow, Article, article, ARTICLE_AUDITED);
  });
}

/** An article the caller may write: in reach, and in a territory they act in (a group article: executives). */
async function writable(ctx: Context, manager: EntityManager, id: number): Promise<Article> {
  const article = await findArticle(ctx, id, manager);
  if (!article) throw notFound("Article", id);
  const acts = article.territoryId === null ? ctx.viewer!.territoryId === null : actsIn(ctx, article.territoryId);
  if (!acts) throw forbidden(`Article ${id} belongs to ${article.territoryId === null ? "the whole group" : "another territory"}: you do not write it`, { reason: article.territoryId === null ? ServiceReason.GroupArticle : "OUTSIDE_TERRITORY" });
  return article;
}

/** Changes an article from the version read; a published one is indexed anew in the same transaction, so search sees the change at once. */
export function updateArticle(ctx: Context, id: number, version: number, input: UpdateArticleInput): Promise<Article> {
  for (const field of ["title", "body", "tags"] as const) if (input[field] === null) throw badInput(field, "cannot be null");
  const changes: Partial<Article> = {};
  if (input.title !== undefined) changes.title = titleOf(input.title!);
  if (input.body !== undefined) changes.body = bodyOf(input.body!);
  if (input.tags !== undefined) changes.tagList = tagsOf(input.tags!);
  return inTransaction(ctx, async (uow) => {
    const article = await writable(ctx, uow.manager, id);
    const updated = await versionedUpdate(uow, Article, article, changes, { expectedVersion: version, action: "UPDATE", audited: ARTICLE_AUDITED });
    if (updated.status === ArticleStatus.PUBLISHED) await reindex(uow.manager, updated, true);
    return updated;
  });
}

/** Publishes a DRAFT: from the commit on, searchArticles finds it for everyone in its reach. */
export function publishArticle(ctx: Context, id: number): Promise<Article> {
  return inTransaction(ctx, async (uow) => {
    const article = await writable(ctx, uow.manager, id);
    if (article.status !== ArticleStatus.DRAFT) throw refused(ServiceReason.WrongStatus, `Article ${id} is ${article.status}; publishArticle takes a DRAFT`);
    const published = await versionedUpdate(uow, Article, article, { status: ArticleStatus.PUBLISHED, publishedAt: new Date() }, { action: "PUBLISH", audited: ARTICLE_AUDITED });
    await reindex(uow.manager, published, false);
    return published;
  });
}

export interface ArticleHitRow {
  article: Article;
  score: number;
  matchedTerms: number;
}

/**
 * Published articles in the caller's reach ranked by relevance to `query` (article-search.ts): the
 * ids come from the term index, the rows through the reach with only the selected columns.
 */
export async function searchArticles(ctx: Context, query: string, first: number, info?: SelectionInfo): Promise<ArticleHitRow[]> {
  const text = requiredText(query, "query", { max: 200 });
  const limit = integerBetween(first, "first", 1, 50);
  const viewer = ctx.viewer!;
  const reach = ctx.scope.reach === Reach.All ? null : viewer.territoryIds;
  const ranked = await rankedArticleIds(ctx.db.manager, text, reach, limit);
  if (ranked.length === 0) return [];
  const reads = rowsOf(Article);
  const rows = await reads.many(
    scopedArticles(ctx).andWhere("ar.id IN (:...ids)", { ids: ranked.map((r) => r.articleId) }).andWhere("ar.status = :published", { published: ArticleStatus.PUBLISHED }),
    "ar",
    reads.columnsOf(ctx.db, info, ["article"]),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.filter((r) => byId.has(r.articleId)).map((r) => ({ article: byId.get(r.articleId)!, score: r.score, matchedTerms: r.matched }));
}

