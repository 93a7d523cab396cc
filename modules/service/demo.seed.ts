import type { EntityManager } from "typeorm";
import type { Services } from "../../src/context";
import type { DemoOrganisation } from "../../seeds/demo/organisation";
import { User } from "../../src/org/user.entity";
import { Account, Contact } from "../accounts";
import { Article, ArticleStatus } from "./article.entity";
import { reindex } from "./article-search";
import { dueTimes, targetFor } from "./sla";
import { formatTicketNumber } from "./ticket-number";
import { Ticket, TicketChannel, TicketComment, TicketNumberCounter, TicketPriority, TicketStatus, TicketType } from "./ticket.entity";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Tickets of every status per territory: [status, priority, type, hours ago, breached (first response, resolution)]. */
const PLAN: [TicketStatus, TicketPriority, TicketType, number, boolean, boolean][] = [
  [TicketStatus.NEW, TicketPriority.NORMAL, TicketType.CONSULTATION, 1, false, false],
  [TicketStatus.NEW, TicketPriority.URGENT, TicketType.REPAIR, 3, true, false],
  [TicketStatus.OPEN, TicketPriority.HIGH, TicketType.COMPLAINT, 6, false, false],
  [TicketStatus.OPEN, TicketPriority.URGENT, TicketType.COMPLAINT, 30, false, true],
  [TicketStatus.PENDING, TicketPriority.LOW, TicketType.REQUEST, 48, false, false],
  [TicketStatus.RESOLVED, TicketPriority.NORMAL, TicketType.CONSULTATION, 96, false, false],
  [TicketStatus.RESOLVED, TicketPriority.HIGH, TicketType.REPAIR, 200, true, true],
  [TicketStatus.CLOSED, TicketPriority.LOW, TicketType.REQUEST, 400, false, false],
];

const SUBJECTS: Record<TicketType, string[]> = {
  [TicketType.CONSULTATION]: ["煤炭发票开具时间咨询 (when is the coal invoice issued)", "Question about the delivery schedule"],
  [TicketType.COMPLAINT]: ["到货热值低于合同 (calorific value below contract)", "Late delivery of the last shipment"],
  [TicketType.REPAIR]: ["冷库温控设备故障 (cold store thermostat broken)", "Weighbridge reading wrong"],
  [TicketType.REQUEST]: ["补开增值税专用发票 (reissue the VAT invoice)", "Send the quality certificate again"],
};

/** Knowledge-base articles: [title, body, tags]; each goes out in both territories' flavour or for the group. */
const ARTICLES: [string, string, string[]][] = [
  ["煤炭发票开具流程", "客户付款后三个工作日内开具煤炭发票。增值税专用发票需要提供开票资料：公司名称、税号、开户行。", ["发票", "煤炭"]],
  ["How to issue coal invoices", "Coal invoices are issued within three working days of payment. A VAT special invoice needs the customer's name, tax number and bank.", ["invoice", "coal"]],
  ["动力煤热值异议处理", "到货热值低于合同约定时，先由第三方检测机构复检，再按合同条款扣款或补货。", ["质量", "煤炭"]],
  ["Handling a calorific value dispute", "When delivered coal falls below the contracted calorific value, a third-party lab tests it again; the contract decides the deduction.", ["quality", "coal"]],
  ["铁路运输延误的赔偿", "铁路运输延误超过48小时，按运费的百分之五赔偿。需要客户提供到货签收单。", ["运输"]],
  ["Compensation for late rail freight", "Rail freight late by more than 48 hours is compensated at five percent of the freight charge, against the signed delivery note.", ["freight"]],
  ["增值税专用发票丢失怎么办", "发票丢失后可凭记账联复印件和丢失证明办理抵扣，不需要重新开具发票。", ["发票", "税务"]],
  ["Lost VAT invoice", "A lost VAT invoice is replaced by a copy of the accounting stub and a declaration of loss; no new invoice is issued.", ["invoice", "tax"]],
  ["食品保质期查询", "每批食品的生产日期和保质期印在外箱上，也可以在系统中按批号查询。", ["食品", "质量"]],
  ["Checking a food batch's shelf life", "The production date and shelf life of each batch are printed on the carton and can be looked up by batch number.", ["food", "quality"]],
  ["冷链运输温度要求", "冷冻食品运输全程零下十八度以下，冷藏食品零度到四度，温度记录随货交付。", ["冷链", "食品"]],
  ["Cold chain temperatures", "Frozen food travels at minus eighteen degrees or colder, chilled food between zero and four degrees; the temperature log goes with the goods.", ["cold chain", "food"]],
  ["退货流程", "客户在收货七日内提出退货，服务专员核实后安排取货，退款在收货后五个工作日内完成。", ["退货"]],
  ["Returns process", "Customers ask for a return within seven days of delivery; the service agent checks and arranges pickup; refunds follow within five working days.", ["returns"]],
  ["对账单与发票核对", "每月五日前发送对账单，客户核对发票金额与到货数量，有差异时联系服务专员。", ["发票", "对账"]],
  ["Matching statements and invoices", "Monthly statements go out before the fifth; customers check invoice amounts against delivered quantities and call the service desk about differences.", ["invoice", "statement"]],
  ["地磅计量误差处理", "地磅误差超过千分之三时，以第三方计量为准，并校准地磅。", ["计量", "煤炭"]],
  ["Weighbridge errors", "When a weighbridge is off by more than three per mille, a third-party weighing decides, and the weighbridge is calibrated.", ["weighing", "coal"]],
  ["煤炭质量证明书补发", "质量证明书可在发货后随时补发电子版，纸质版需要三个工作日。", ["煤炭", "质量"]],
  ["Reissuing a coal quality certificate", "An electronic quality certificate is reissued at any time after shipment; a paper one takes three working days.", ["coal", "quality"]],
  ["预付款与信用额度", "高风险客户需要预付款；信用额度内的订单可以先发货后付款。", ["付款"]],
  ["Prepayment and credit limits", "High-risk customers prepay; orders within the credit limit ship before payment.", ["payment", "credit"]],
  ["冷库设备报修", "冷库温控设备故障请拨打服务热线，紧急故障一小时内响应。", ["冷链", "报修"]],
  ["Reporting a cold store fault", "Call the service line for a cold store thermostat fault; urgent faults get an answer within one hour.", ["cold chain", "repair"]],
  ["发票抬头变更", "客户名称变更后，需提供工商变更证明，之后开具的发票使用新抬头。", ["发票"]],
  ["Changing the invoice title", "After a change of company name, send the registration change certificate; later invoices carry the new name.", ["invoice"]],
  ["合同续签提醒", "合同到期前三十天，销售代表会联系客户续签。", ["合同"]],
  ["Contract renewal reminders", "Thirty days before a contract ends, the sales rep contacts the customer about renewal.", ["contract"]],
  ["服务满意度评价说明", "工单解决后，客户可以给出一到五分的满意度评价，每个工单只能评价一次。", ["满意度"]],
  ["About satisfaction ratings", "After a ticket is resolved the customer may rate it from one to five, once per ticket.", ["satisfaction"]],
];

async function serviceAgent(manager: EntityManager, code: string): Promise<User> {
  return manager.getRepository(User).findOneByOrFail({ email: `service.${code.toLowerCase()}@demo.test` });
}

/** Tickets in every status per territory (some breached, some rated), and the knowledge base: 60 articles in Chinese and English, a few drafts. */
export async function seedServiceDemo({ db }: Services, org: DemoOrganisation, now = new Date()): Promise<void> {
  await db.transaction(async (manager) => {
    const year = now.getUTCFullYear();
    for (const t of org.territories) {
      const agent = await serviceAgent(manager, t.territory.code);
      const accounts = await manager.getRepository(Account).find({ where: { territoryId: t.territory.id, inPublicPool: false }, order: { id: "ASC" }, take: PLAN.length });
      let sequence = 0;
      for (const [n, [status, priority, type, hoursAgo, frBreached, resBreached]] of PLAN.entries()) {
        const account = accounts[n % accounts.length];
        const contact = await manager.getRepository(Contact).findOne({ where: { accountId: account.id }, order: { id: "ASC" } });
        const createdAt = new Date(now.getTime() - hoursAgo * HOUR);
        const target = targetFor([], priority, account.tier);
        const due = dueTimes(createdAt, target, 0);
        const answered = status !== TicketStatus.NEW && !frBreached ? new Date(createdAt.getTime() + (target.firstResponseMinutes / 2) * 60_000) : null;
        const resolvedAt = status === TicketStatus.RESOLVED || status === TicketStatus.CLOSED ? new Date(Math.min(now.getTime() - HOUR, createdAt.getTime() + (resBreached ? target.resolutionMinutes * 60_000 + 5 * HOUR : 20 * HOUR))) : null;
        const ticket = await manager.getRepository(Ticket).save({
          number: formatTicketNumber(t.territory.code, year, ++sequence),
          type,
          channel: [TicketChannel.PHONE, TicketChannel.EMAIL, TicketChannel.WEB, TicketChannel.CHAT][n % 4],
          priority,
          status,
          subject: SUBJECTS[type][n % 2],
          description: `${SUBJECTS[type][n % 2]}. 客户来电说明情况，请尽快处理。`,
          accountId: account.id,
          contactId: contact?.id ?? null,
          assigneeId: status === TicketStatus.NEW ? null : agent.id,
          territoryId: t.territory.id,
          tier: account.tier,
          firstResponseMinutes: target.firstResponseMinutes,
          resolutionMinutes: target.resolutionMinutes,
          slaSource: target.source,
          ...due,
          firstRespondedAt: answered,
          resolvedAt,
          closedAt: status === TicketStatus.CLOSED ? new Date(resolvedAt!.getTime() + DAY) : null,
          pausedSince: status === TicketStatus.PENDING ? new Date(now.getTime() - 2 * HOUR) : null,
          pausedMinutes: 0,
          firstResponseBreached: frBreached,
          resolutionBreached: resBreached,
          satisfaction: status === TicketStatus.CLOSED ? 5 : null,
          satisfactionComment: status === TicketStatus.CLOSED ? "处理及时 (handled promptly)" : null,
          createdById: agent.id,
          createdByKeyId: null,
          createdAt,
          updatedAt: createdAt,
          version: 1,
        });
        if (answered) {
          await manager.getRepository(TicketComment).insert([
            { ticketId: ticket.id, authorId: agent.id, body: "已收到，我们正在处理。 (Received, we are on it.)", public: true, createdAt: answered },
            { ticketId: ticket.id, authorId: agent.id, body: "Internal: checked the delivery records.", public: false, createdAt: new Date(answered.getTime() + 60_000) },
          ]);
        }
      }
      await manager.getRepository(TicketNumberCounter).insert({ territoryId: t.territory.id, year, lastNumber: sequence });
    }
    // Each article for the group, for COAL and for FOOD in turn; every seventh stays a draft.
    const territories = [null, ...org.territories.map((t) => t.territory.id)];
    for (let round = 0; round < 2; round++) {
      for (const [n, [title, body, tags]] of ARTICLES.entries()) {
        const i = round * ARTICLES.length + n;
        const territoryId = territories[i % territories.length];
        const author = territoryId === null ? org.exec : await serviceAgent(manager, org.territories.find((t) => t.territory.id === territoryId)!.territory.code);
        const draft = i % 7 === 6;
        const at = new Date(now.getTime() - (90 - i) * DAY);
        const article = await manager.getRepository(Article).save(
          Object.assign(new Article(), {
            title: round === 0 ? title : `${title} (${round + 1})`,
            body,
            tagList: tags.join(","),
            status: draft ? ArticleStatus.DRAFT : ArticleStatus.PUBLISHED,
            territoryId,
            createdById: author.id,
            createdAt: at,
            updatedAt: at,
            publishedAt: draft ? null : at,
            version: 1,
          }),
        );
        await reindex(manager, article, false);
      }
    }
  });
}
