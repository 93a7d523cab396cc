import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { col } from "../../../src/db/columns";

const ref = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"] });

/**
 * Tickets with their comments, number counters and article links, SLA policies, knowledge-base
 * articles and their search index; an index for every foreign key, filter and keyset order (led by
 * the territory the Scope fixes, ending in the order column and id), and for the SLA sweep.
 */
export class Service1700000006000 implements MigrationInterface {
  name = "Service1700000006000";

  async up(q: QueryRunner): Promise<void> {
    // Terms compare byte for byte: a case- or accent-insensitive collation would take "cafe" and "café" for one key.
    const exact = ["mysql", "mariadb"].includes(q.connection.options.type) ? { charset: "utf8mb4", collation: "utf8mb4_bin" } : {};
    await q.createTable(
      new Table({
        name: "tickets",
        columns: [
          col.id(),
          col.str("number", 40),
          col.str("type", 20),
          col.str("channel", 20),
          col.str("priority", 10),
          col.str("status", 10),
          col.str("subject", 200),
          col.text("description", false),
          col.int("accountId"),
          col.int("contactId", true),
          col.int("assigneeId", true),
          col.int("territoryId"),
          col.str("tier", 20),
          col.int("firstResponseMinutes"),
          col.int("resolutionMinutes"),
          col.str("slaSource", 10),
          col.datetime("firstResponseDueAt"),
          col.datetime("resolutionDueAt"),
          col.datetime("firstRespondedAt", true),
          col.datetime("resolvedAt", true),
          col.datetime("closedAt", true),
          col.datetime("pausedSince", true),
          { name: "pausedMinutes", type: "integer", default: 0 },
          col.bool("firstResponseBreached", false),
          col.bool("resolutionBreached", false),
          col.int("satisfaction", true),
          col.str("satisfactionComment", 1000, true),
          col.int("createdById", true),
          col.int("createdByKeyId", true),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [ref("accountId", "accounts"), ref("contactId", "contacts"), ref("assigneeId", "users"), ref("territoryId", "territories"), ref("createdById", "users"), ref("createdByKeyId", "api_keys")],
        indices: [
          { columnNames: ["number"], isUnique: true },
          { columnNames: ["territoryId", "createdAt", "id"] },
          { columnNames: ["territoryId", "status", "createdAt", "id"] },
          { columnNames: ["territoryId", "resolutionDueAt", "id"] },
          { columnNames: ["createdAt", "id"] },
          { columnNames: ["resolutionDueAt", "id"] },
          { columnNames: ["assigneeId", "createdAt", "id"] },
          { columnNames: ["accountId", "createdAt", "id"] },
          { columnNames: ["status", "firstResponseDueAt"] },
          { columnNames: ["status", "resolutionDueAt"] },
          { columnNames: ["contactId"] },
          { columnNames: ["createdById"] },
          { columnNames: ["createdByKeyId"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "ticket_comments",
        columns: [col.id(), col.int("ticketId"), col.int("authorId"), col.text("body", false), { name: "public", type: "boolean", isNullable: false }, col.datetime("createdAt")],
        foreignKeys: [ref("ticketId", "tickets"), ref("authorId", "users")],
        indices: [{ columnNames: ["ticketId", "createdAt", "id"] }, { columnNames: ["authorId"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "ticket_number_counters",
        columns: [{ name: "territoryId", type: "integer", isPrimary: true }, { name: "year", type: "integer", isPrimary: true }, col.int("lastNumber")],
      }),
    );
    await q.createTable(
      new Table({
        name: "sla_policies",
        columns: [col.id(), col.int("territoryId"), col.str("priority", 10), col.str("tier", 20), col.int("firstResponseMinutes"), col.int("resolutionMinutes"), col.datetime("updatedAt")],
        foreignKeys: [ref("territoryId", "territories")],
        indices: [{ columnNames: ["territoryId", "priority", "tier"], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: "articles",
        columns: [
          col.id(),
          col.str("title", 200),
          col.text("body", false),
          col.str("tagList", 500),
          col.str("status", 10),
          col.int("territoryId", true),
          col.int("createdById"),
          col.datetime("createdAt"),
          col.datetime("updatedAt"),
          col.datetime("publishedAt", true),
          { name: "version", type: "integer", default: 1 },
        ],
        foreignKeys: [ref("territoryId", "territories"), ref("createdById", "users")],
        indices: [{ columnNames: ["territoryId", "updatedAt", "id"] }, { columnNames: ["updatedAt", "id"] }, { columnNames: ["status", "updatedAt", "id"] }, { columnNames: ["createdById"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "ticket_article_links",
        columns: [{ name: "ticketId", type: "integer", isPrimary: true }, { name: "articleId", type: "integer", isPrimary: true }, col.int("linkedById"), col.datetime("linkedAt")],
        foreignKeys: [ref("ticketId", "tickets"), ref("articleId", "articles"), ref("linkedById", "users")],
        indices: [{ columnNames: ["articleId"] }, { columnNames: ["linkedById"] }],
      }),
    );
    // The search index: its key (term, reach, articleId) is what a search walks; no foreign key, so
    // seed:scale may load it in bulk (the article's rows go with it: article-search.ts).
    await q.createTable(
      new Table({
        name: "article_terms",
        columns: [
          { name: "term", type: "varchar", length: "32", isPrimary: true, ...exact },
          { name: "reach", type: "integer", isPrimary: true },
          { name: "articleId", type: "integer", isPrimary: true },
          col.int("weight"),
        ],
        indices: [{ columnNames: ["articleId"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "article_term_counts",
        columns: [{ name: "term", type: "varchar", length: "32", isPrimary: true, ...exact }, col.int("articles")],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["article_term_counts", "article_terms", "ticket_article_links", "articles", "sla_policies", "ticket_number_counters", "ticket_comments", "tickets"]) await q.dropTable(table);
  }
}
