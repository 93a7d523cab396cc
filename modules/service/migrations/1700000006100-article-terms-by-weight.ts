import type { MigrationInterface, QueryRunner } from "typeorm";

const NAME = "IDX_article_terms_by_weight";

/**
 * The knowledge-base search reads each query term's best postings first and stops after a few
 * hundred (article-search.ts): (term, weight DESC, articleId) serves that order from the first
 * entry on, and ends in reach so that the reach filter reads the index alone (InnoDB would append
 * it to a secondary index anyway, SQLite would not). The Table API cannot declare a descending
 * column, hence the SQL; MariaDB honours DESC from 10.8, SQLite always.
 */
export class ArticleTermsByWeight1700000006100 implements MigrationInterface {
  name = "ArticleTermsByWeight1700000006100";

  async up(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`CREATE INDEX ${e(NAME)} ON ${e("article_terms")} (${e("term")}, ${e("weight")} DESC, ${e("articleId")}, ${e("reach")})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("article_terms", NAME);
  }
}
