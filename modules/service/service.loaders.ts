import { In } from "typeorm";
import { rowsById, rowsByParent, rowsGroupedBy, selectingLoader } from "../../src/db/loaders";
import { Contact } from "../accounts";
import { Article } from "./article.entity";
import { scopedArticles } from "./article.service";
import { TicketArticleLink, TicketComment } from "./ticket.entity";

/** A ticket's comments, oldest first; reached through the ticket, which the caller reached already. */
export const commentsByTicket = rowsByParent(TicketComment, "ticketId", [["createdAt", "ASC"], ["id", "ASC"]]);

/** A ticket's public comments only (what a partner key reads), oldest first. */
export const publicCommentsByTicket = rowsGroupedBy(TicketComment, "ticketId", (ctx, ticketIds) =>
  ctx.db.getRepository(TicketComment).createQueryBuilder("x").where("x.ticketId IN (:...ticketIds)", { ticketIds: [...ticketIds] }).andWhere("x.public = :public", { public: true }).orderBy("x.createdAt", "ASC").addOrderBy("x.id", "ASC"),
);

/** The contact of a ticket (one of its account's, which the ticket's reader reaches through the ticket). */
export const contactById = rowsById(Contact);

/** The articles linked to each ticket that the caller reaches, in the order they were linked: two statements a level (the links, the articles). */
export const articlesByTicket = selectingLoader<Article, number, Article[]>(Article, async (ctx, ticketIds, columns, reads) => {
  const links = await ctx.db.getRepository(TicketArticleLink).find({ where: { ticketId: In([...ticketIds]) }, order: { linkedAt: "ASC", articleId: "ASC" } });
  const articles = links.length === 0 ? [] : await reads.many(scopedArticles(ctx).andWhere("ar.id IN (:...ids)", { ids: [...new Set(links.map((l) => l.articleId))] }), "ar", columns);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ticketIds.map((ticketId) => links.filter((l) => l.ticketId === ticketId && byId.has(l.articleId)).map((l) => byId.get(l.articleId)!));
});
