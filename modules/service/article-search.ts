import type { EntityManager } from "typeorm";
import { Article, ArticleStatus } from "./article.entity";
import { termsOf, weightedTerms } from "./article-terms";

/**
 * Knowledge-base search without FULLTEXT (modules/service/README.md): an inverted index of terms
 * (article-terms.ts) kept in `article_terms`, written in the transaction that publishes or changes
 * an article, read through its primary key (term, reach, articleId). MariaDB has no ngram parser for
 * FULLTEXT and SQLite's FTS5 would be a second design; one table of postings works the same on both.
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

export interface RankedArticle {
  articleId: number;
  matched: number;
  score: number;
}

/**
 * The best `limit` articles for `query` among those of `reach` (territory ids; null: every one) and
 * the group's: most query terms matched first, then the sum of weight × idf, idf = ln(1 + N/df) with
 * N the indexed articles and df those holding the term. One read of the term counts, one of the
 * postings of the query's terms (an index range per term and reach), grouped by article.
 */
export async function rankedArticleIds(manager: EntityManager, query: string, reach: number[] | null, limit: number): Promise<RankedArticle[]> {
  const terms = [...termsOf(query, true).keys()].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return [];
  const counts: { term: string; articles: number }[] = await manager.query(`SELECT term, articles FROM article_term_counts WHERE term IN (${[ALL, ...terms].map(() => "?").join(", ")})`, [ALL, ...terms]);
  const n = Number(counts.find((c) => c.term === ALL)?.articles ?? 0);
  const present = counts.filter((c) => c.term !== ALL && Number(c.articles) > 0);
  if (present.length === 0) return [];
  const idf = present.map((c) => [c.term, Math.round(1000 * Math.log(1 + n / Number(c.articles)))] as const);
  const { sql, params } = postingsQuery(idf, reach, limit);
  const rows: { articleId: number; matched: number; score: number }[] = await manager.query(sql, params);
  return rows.map((r) => ({ articleId: Number(r.articleId), matched: Number(r.matched), score: Number(r.score) }));
}

/**
 * The statement that ranks articles from the postings of weighted terms: one index range of the key
 * (term, reach, articleId) per term and reach, grouped by article (the EXPLAIN of article.test.ts).
 */
export function postingsQuery(idf: readonly (readonly [string, number])[], reach: number[] | null, limit: number): { sql: string; params: (string | number)[] } {
  const reaches = reach === null ? null : [0, ...reach];
  const sql =
    `SELECT p.articleId AS articleId, COUNT(*) AS matched, SUM(p.weight * CASE p.term ${idf.map(() => "WHEN ? THEN ?").join(" ")} ELSE 0 END) AS score ` +
    `FROM article_terms p WHERE p.term IN (${idf.map(() => "?").join(", ")})` +
    (reaches ? ` AND p.reach IN (${reaches.map(() => "?").join(", ")})` : "") +
    ` GROUP BY p.articleId ORDER BY matched DESC, score DESC, p.articleId ASC LIMIT ${Math.floor(limit)}`;
  return { sql, params: [...idf.flat(), ...idf.map(([term]) => term), ...(reaches ?? [])] };
}
