import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

export enum ArticleStatus {
  DRAFT = "DRAFT",
  PUBLISHED = "PUBLISHED",
}
registerEnumType(ArticleStatus, {
  name: "ArticleStatus",
  description: "Whether a knowledge-base article is out",
  valuesConfig: {
    DRAFT: { description: "being written: seen by those who write articles, not found by searchArticles" },
    PUBLISHED: { description: "out: found by searchArticles for everyone in its reach" },
  },
});

/** A knowledge-base article (PRODUCT.md, "Service desk": "knowledge-base articles searchable by text"). */
@ObjectType({
  description:
    "A knowledge-base article, for one territory or the whole group; PUBLISHED ones are read by staff with knowledge-base access in its territory (a group article by all of them), DRAFT ones only by those who write articles",
})
@Entity("articles")
@Index(["territoryId", "updatedAt", "id"])
@Index(["updatedAt", "id"])
@Index(["status", "updatedAt", "id"])
export class Article {
  @Field(() => ID, { description: "the article's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "the title, at most 200 characters; its words count three times in search" })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field(() => String, { description: "the text, at most 20,000 characters" })
  @Column({ type: "text" })
  body: string;

  /** the tags, comma-joined */
  @Column({ type: "varchar", length: 500 })
  tagList: string;

  @Field(() => ArticleStatus, { description: "DRAFT or PUBLISHED" })
  @Column({ type: "varchar", length: 10 })
  status: ArticleStatus;

  /** its territory; null: the whole group's */
  @Column({ type: "integer", nullable: true })
  territoryId: number | null;

  @Column({ type: "integer" })
  createdById: number;

  @Field(() => Date, { description: "when it was written (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when it last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: "when it was published (UTC); null for a draft" })
  @DateTimeColumn({ nullable: true })
  publishedAt: Date | null;

  @Field(() => Int, { description: "the record's version: send it back with updateArticle; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;

  @Field(() => [String], { description: "short labels (at most 10, each at most 30 characters); searched as the text is" })
  tags(): string[] {
    return this.tagList === "" ? [] : this.tagList.split(",");
  }
}

/**
 * The search index of published articles (article-search.ts): one row per term of an article, with
 * its weight. The key leads with the term and the reach column, so a search reads only the rows of
 * its terms in the caller's reach: neither database has to scan a table, and MariaDB needs no
 * FULLTEXT parser for Chinese (it has no ngram parser).
 */
@Entity("article_terms")
@Index(["articleId"])
export class ArticleTerm {
  @Column({ type: "varchar", length: 32, primary: true })
  term: string;

  /** the article's territory, 0 for a group article: the reach filter sits in the key */
  @Column({ type: "integer", primary: true })
  reach: number;

  @Column({ type: "integer", primary: true })
  articleId: number;

  /** round(100 × (1 + ln tf)), the term counted three times in the title */
  @Column({ type: "integer" })
  weight: number;
}

/** How many published articles hold each term (the "" row: how many are indexed), for the inverse document frequency. */
@Entity("article_term_counts")
export class ArticleTermCount {
  @Column({ type: "varchar", length: 32, primary: true })
  term: string;

  @Column({ type: "integer" })
  articles: number;
}
