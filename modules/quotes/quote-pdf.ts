import type PDFKit from "pdfkit";
import type { Context } from "../../src/context";
import { parseId } from "../../src/graphql/ids";
import type { HttpResponse } from "../../src/modules/contract";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account } from "../accounts";
import { cjkFont } from "./cjk-font";
import { Product } from "./product.entity";
import { unitsOf } from "./quote-decimal";
import { Quote, QuoteLine } from "./quote.entity";
import { QuotePermission } from "./quote.permissions";
import { findQuote } from "./quote.service";
import { rmbUppercase } from "./rmb-uppercase";

/** What the customer's document shows. */
export interface QuoteDocument {
  quote: Quote;
  lines: (QuoteLine & { product: Product })[];
  territory: Territory;
  customer: string;
  owner: string;
}

/**
 * pdfkit (with fontkit under it) is loaded on the first document, not at start: it is ~22 MB of
 * resident memory that a gateway serving no PDF never needs (BENCHMARKS.md, peak memory).
 */
let pdfkit: typeof PDFKit | null = null;
const PDFDocument = (options: PDFKit.PDFDocumentOptions) => new (pdfkit ??= require("pdfkit") as typeof PDFKit)(options);

const notFound: HttpResponse = { status: 404, contentType: "application/json", body: JSON.stringify({ error: "quote not found" }) };

/** `GET /quotes/{id}.pdf`: the quote as the customer receives it; a quote outside the caller's reach is 404, as a missing one. */
export async function quotePdfRoute(ctx: Context, [idText]: string[]): Promise<HttpResponse> {
  let id: number;
  try {
    id = parseId(idText, "id");
  } catch {
    return notFound;
  }
  if (!ctx.permissions.has(ctx.viewer, QuotePermission.Read)) return notFound;
  const quote = await findQuote(ctx, id);
  if (!quote) return notFound;
  const manager = ctx.db.manager;
  const lines = await manager.find(QuoteLine, { where: { quoteId: quote.id }, order: { position: "ASC", id: "ASC" } });
  const products = await manager.getRepository(Product).findBy(lines.map((l) => ({ id: l.productId })));
  // The customer's name is printed whoever reaches the account: the quote is in reach, and so is what it is addressed to.
  const account = await manager.findOneByOrFail(Account, { id: quote.accountId });
  const document: QuoteDocument = {
    quote,
    lines: lines.map((line) => Object.assign(line, { product: products.find((p) => p.id === line.productId)! })),
    territory: await manager.findOneByOrFail(Territory, { id: quote.territoryId }),
    customer: account.name,
    owner: (await manager.findOneByOrFail(User, { id: quote.ownerId })).name,
  };
  const body = await renderQuotePdf(document);
  return { status: 200, contentType: "application/pdf", body, headers: { "content-disposition": `inline; filename="${quote.number}-v${quote.quoteVersion}.pdf"` } };
}

/** 0.4800 as 4.8折; 1.0000 and above as 不打折 (no discount). */
function discountWords(ratio: string): string {
  const tenths = Number(unitsOf(ratio, 4)) / 1000;
  return tenths >= 10 ? "不打折 no discount" : `${Number(tenths.toFixed(2))}折`;
}

/** The document: number and version, territory, customer, lines, totals in figures and in capital numerals, validity. */
export function renderQuotePdf(doc: QuoteDocument): Promise<Buffer> {
  const { quote } = doc;
  const pdf = PDFDocument({ size: "A4", margin: 48, info: { Title: `${quote.number} v${quote.quoteVersion}`, Author: doc.territory.name } });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  pdf.registerFont("cjk", cjkFont());
  pdf.font("cjk");

  pdf.fontSize(20).text("报价单 Quotation", { align: "center" });
  pdf.moveDown(0.5).fontSize(10);
  pdf.text(`报价单号 Number: ${quote.number}    版本 Version: ${quote.quoteVersion}`);
  pdf.text(`事业部 Territory: ${doc.territory.name} (${doc.territory.code})`);
  pdf.text(`客户 Customer: ${doc.customer}`);
  pdf.text(`销售代表 Sales: ${doc.owner}`);
  pdf.text(`有效期至 Valid until: ${quote.validUntil}`);
  pdf.text(`币种 Currency: ${quote.currency}`);
  pdf.moveDown();

  const columns = [
    { title: "#", x: 48, width: 20 },
    { title: "产品 Product", x: 70, width: 170 },
    { title: "数量 Qty", x: 242, width: 70 },
    { title: "单位 Unit", x: 314, width: 40 },
    { title: "目录价 List", x: 356, width: 60 },
    { title: "成交价 Net", x: 418, width: 60 },
    { title: "金额 Amount", x: 480, width: 70 },
  ];
  const row = (cells: string[]) => {
    // Rows are placed by hand (columns side by side), so a full page is turned by hand too.
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 40) pdf.addPage();
    const y = pdf.y;
    let bottom = y;
    cells.forEach((cell, i) => {
      pdf.text(cell, columns[i].x, y, { width: columns[i].width });
      bottom = Math.max(bottom, pdf.y);
    });
    pdf.x = 48;
    pdf.y = bottom + 4;
  };
  pdf.fontSize(9);
  row(columns.map((c) => c.title));
  for (const line of doc.lines) {
    row([String(line.position), `${line.product.code} ${line.product.name}`, line.quantity, line.product.unit, line.listPrice, line.netPrice, line.lineNetTotal]);
  }
  pdf.moveDown().fontSize(10);
  pdf.text(`目录价合计 List total: ${quote.currency} ${quote.listTotal}`, 48);
  pdf.text(`成交价合计 Net total: ${quote.currency} ${quote.netTotal}    折扣 Net ratio: ${quote.netRatio} (${discountWords(quote.netRatio)})`);
  pdf.text(`人民币大写 Amount in words: ${rmbUppercase(quote.netTotal)}`);
  pdf.moveDown();
  pdf.fontSize(9).text(`本报价单有效期至 ${quote.validUntil}，逾期失效。 This quotation is valid until ${quote.validUntil}.`);
  pdf.end();
  return done;
}
