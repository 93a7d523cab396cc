import type { DataSource, EntityManager } from "typeorm";
import { Article, ArticleStatus } from "./article.entity";
import { termsOf, weightedTerms } from "./article-terms";

/**
 * Knowledge-base search without FULLTEXT (modules/service/README.md): an inverted index of terms
 * (article-terms.ts) kept in `article_terms`, written in the transaction that publishes or changes
 * an article, searched from each term's best postings (the index (term, weight DESC, articleId,
 * reach)). MariaDB has no ngram parser for FULLTEXT and SQLite's FTS5 would be a second design; one
 * table of postings works the same on both.
 */

const isMySql = (manager: EntityManager) => ["mysql", "mariadb"].includes(manager.connection.options.type);
const CHUNK = 400;
/** the row of article_term_counts that counts the indexed articles */
const ALL = "";

/** Adds `delta` to the article counts of `terms`, in the terms' order (two writers lock them in one order: no deadlock). */
async function count(manager: EntityManager, terms: string[], delta: number): Promise<void> {
  const sorted = [...new Set(terms)].sort();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    const values = chunk.map(() => "(?, ?)").join(", ");
    const params = chunk.flatMap((term) => [term, delta]);
    await manager.query(
      isMySql(manager)
        ? `INSERT INTO article_term_counts (term, articles) VALUES ${values} ON DUPLICATE KEY UPDATE articles = articles + VALUES(articles)`
        : `INSERT INTO article_term_counts (term, articles) VALUES ${values} ON CONFLICT (term) DO UPDATE SET articles = articles + excluded.articles`,
      params,
    );
  }
}

/**
 * Writes the index of one article as it now is: its old postings go (when `wasIndexed`), and a
 * PUBLISHED article's terms come in with their weights; the term counts follow.
 */
export async function reindex(manager: EntityManager, article: Article, wasIndexed: boolean): Promise<void> {
  if (wasIndexed) {
    const old: { term: string }[] = await manager.query("SELECT term FROM article_terms WHERE articleId = ?", [article.id]);
    await manager.query("DELETE FROM article_terms WHERE articleId = ?", [article.id]);
    await count(manager, [ALL, ...old.map((o) => o.term)], -1);
  }
  if (article.status !== ArticleStatus.PUBLISHED) return;
  const terms = [...weightedTerms(article.title, article.body, article.tags())];
  const reach = article.territoryId ?? 0;
  for (let i = 0; i < terms.length; i += CHUNK) {
    const chunk = terms.slice(i, i + CHUNK);
    await manager.query(`INSERT INTO article_terms (term, reach, articleId, weight) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}`, chunk.flatMap(([term, weight]) => [term, reach, article.id, weight]));
  }
  await count(manager, [ALL, ...terms.map(([term]) => term)], 1);
}

/** At most this many terms of a query are looked up (a pasted paragraph still costs a bounded read). */
const MAX_QUERY_TERMS = 16;
/**
 * How many postings of each term a search reads, best weights first (README, "Query"). Every article
 * holding all the query's terms holds the rarest, so that one is read deepest: its best 600, each
 * other term's best 100 (fewer past seven terms), never fewer than the hits asked for. One term
 * alone: its best `limit` are the answer.
 */
const RAREST_DEPTH = 600;
const OTHER_DEPTH = 100;
const OTHERS_TOTAL = 600;
/** (term, weight DESC, articleId, reach): migrations/1700000006100-article-terms-by-weight.ts */
const BY_WEIGHT = "IDX_article_terms_by_weight";
function depthOf(rank: number, terms: number, limit: number): number {
  if (terms === 1) return limit;
  return rank === 0 ? Math.max(limit, RAREST_DEPTH) : Math.max(limit, Math.min(OTHER_DEPTH, Math.floor(OTHERS_TOTAL / (terms - 1))));
}

export interface RankedArticle {
  articleId: number;
  matched: number;
  score: number;
}

/**
 * The best `limit` articles for `query` among those of `reach` (territory ids; null: every one) and
 * the group's: most query terms matched first, then the sum of weight × idf, idf = ln(1 + N/df) with
 * N the indexed articles and df those holding the term. One read of the term counts, then one
 * statement: the candidates are each term's best postings in reach (`depthOf`), each ranked exactly
 * from all its postings of the query's terms. That is the exhaustive ranking whenever each term's
 * postings in reach fit in its depth, and close to it otherwise (README, "Query").
 */
export async function rankedArticleIds(manager: EntityManager, query: string, reach: number[] | null, limit: number): Promise<RankedArticle[]> {
  const terms = [...termsOf(query, true).keys()].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return [];
  const counts: { term: string; articles: number }[] = await manager.query(`SELECT term, articles FROM article_term_counts WHERE term IN (${[ALL, ...terms].map(() => "?").join(", ")})`, [ALL, ...terms]);
  const n = Number(counts.find((c) => c.term === ALL)?.articles ?? 0);
  const present = counts.filter((c) => c.term !== ALL && Number(c.articles) > 0);
  if (present.length === 0) return [];
  const idf = present.map((c) => [c.term, Math.round(1000 * Math.log(1 + n / Number(c.articles)))] as const);
  const { sql, params } = postingsQuery(manager.connection, idf, reach, limit);
  const rows: { articleId: number; matched: number; score: number }[] = await manager.query(sql, params);
  return rows.map((r) => ({ articleId: Number(r.articleId), matched: Number(r.matched), score: Number(r.score) }));
}

/**
 * The statement that ranks articles for weighted terms. Candidates: for each term, its best postings
 * in reach by (weight DESC, articleId), the ranking's own order, read in that order from BY_WEIGHT
 * and stopped after the term's depth, so a term held by half the articles costs what a rare one
 * does; the index is named, as on a small table either database may rather sort the term's range. Ranking: the candidates' postings of
 * every query term, looked up by article (the join keyword keeps either database from reading the
 * terms' postings whole and probing the candidates instead, as both may on a small table), grouped
 * by article. article.test.ts checks both plans.
 */
export function postingsQuery(db: DataSource, idf: readonly (readonly [string, number])[], reach: number[] | null, limit: number): { sql: string; params: (string | number)[] } {
  const reaches = reach === null ? null : [0, ...reach];
  const inReach = (alias: string) => (reaches ? ` AND ${alias}.reach IN (${reaches.map(() => "?").join(", ")})` : "");
  const mysql = isMySql(db.manager);
  const byWeight = mysql ? `article_terms b FORCE INDEX (${BY_WEIGHT})` : `article_terms b INDEXED BY ${BY_WEIGHT}`;
  // SQLite looks a candidate's postings up by the primary key (term=? AND reach=? AND articleId=?); MariaDB cannot with IN lists before articleId, so it takes the articleId index.
  const byArticle = mysql ? `STRAIGHT_JOIN article_terms p FORCE INDEX (${db.namingStrategy.indexName("article_terms", ["articleId"])})` : "CROSS JOIN article_terms p";
  // The highest idf is the rarest term's.
  const rarestFirst = [...idf].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const best = rarestFirst
    .map((_, i) => `SELECT articleId FROM (SELECT b.articleId FROM ${byWeight} WHERE b.term = ?${inReach("b")} ORDER BY b.weight DESC, b.articleId ASC LIMIT ${depthOf(i, idf.length, limit)}) c${i}`)
    .join(" UNION ");
  const sql =
    `SELECT p.articleId AS articleId, COUNT(*) AS matched, SUM(p.weight * CASE p.term ${idf.map(() => "WHEN ? THEN ?").join(" ")} ELSE 0 END) AS score ` +
    `FROM (${best}) c ${byArticle} ON p.articleId = c.articleId WHERE p.term IN (${idf.map(() => "?").join(", ")})` +
    inReach("p") +
    ` GROUP BY p.articleId ORDER BY matched DESC, score DESC, p.articleId ASC LIMIT ${Math.floor(limit)}`;
  return { sql, params: [...idf.flat(), ...rarestFirst.flatMap(([term]) => [term, ...(reaches ?? [])]), ...idf.map(([term]) => term), ...(reaches ?? [])] };
}
