import "reflect-metadata";
import { createConnection, type Connection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import { Role } from "../src/access/roles";
import { hashPassword } from "../src/auth/password";
import { ConfigError, loadConfig, type Config } from "../src/config";
import { createServices } from "../src/context";
import { databaseKind, openDatabase } from "../src/db/data-source";
import type { CrmModule } from "../src/modules/contract";
import { composeModules } from "../src/registry";
import { normaliseAccountName } from "../modules/accounts";
import { DEFAULT_POLICY, lineTotal, netRatio, requiredApproval, sumMoney } from "../modules/quotes";
import { cents, formatNumber, moneyOf } from "../modules/orders";
import { DEFAULT_SLA, weightedTerms } from "../modules/service";
import { seedDemo } from "./index";
import { DEMO_EXEC_EMAIL, DEMO_PASSWORD } from "./demo/organisation";
import { random } from "./demo/random";

/**
 * `npm run seed:scale -- --accounts N`: a large, deterministic data set for the benchmarks
 * (issue 4) on top of the demo organisation. Rows go in as multi-row INSERTs of literal SQL in
 * primary-key order, so InnoDB appends to its clustered index; the secondary indexes stay (they
 * are what the benchmarks measure), with unique and foreign-key checks off for the session.
 */

const REPS_PER_TERRITORY = 24;
const CHUNK_ACCOUNTS = 1000;
const DAY = 86400_000;

const CATALOGUE = {
  COAL: {
    regions: ["Shanxi", "Shaanxi", "Inner Mongolia", "Hebei", "Shandong", "Henan", "Ningxia", "Xinjiang"],
    industries: ["Power generation", "Steel", "Cement", "Chemicals", "Coal trading"],
    kinds: ["Power Co., Ltd.", "Steel Group", "Cement Works", "Chemical Industry Co.", "Energy Trading Co.", "Thermal Power Plant", "Coking Plant", "Mining Co."],
  },
  FOOD: {
    regions: ["Guangdong", "Zhejiang", "Jiangsu", "Sichuan", "Fujian", "Shanghai", "Hunan", "Hubei"],
    industries: ["Retail", "Catering", "Food processing", "Beverages", "Logistics"],
    kinds: ["Supermarkets Ltd.", "Restaurant Group", "Food Processing Co.", "Beverage Co., Ltd.", "Cold Chain Logistics", "Bakery Chain", "Tea House Chain", "Dairy Co."],
  },
} as const;
const WORDS = [
  "Huaxin", "Zhongtai", "Hengyuan", "Jinlong", "Dafeng", "Changsheng", "Xinda", "Hongda", "Tianli", "Baoshan", "Yongfeng", "Ruixiang",
  "Fuhai", "Guangming", "Shengda", "Kangning", "Jiahe", "Minsheng", "Taihe", "Xiangyun", "Longteng", "Haiyang", "Dongfang", "Jinhui",
];
const GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Tao", "Hui", "Qiang", "Li", "Ping", "Xin", "Jun", "Hong", "Bo", "Na"];
const FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo"];
const TITLES = ["Purchasing Director", "General Manager", "Procurement Officer", "Finance Manager", "Operations Lead", "Chief Engineer"];
const ACTIVITY_TYPES = ["CALL", "VISIT", "MEETING", "EMAIL", "TASK", "NOTE"];
const SUBJECTS = ["Quarterly supply review", "Price negotiation", "Site visit", "Delivery schedule", "Introduce new product line", "Contract renewal"];
const OUTCOMES = ["Interested", "Asked for a quote", "Follow up next month", "Waiting for budget", "No answer"];
const OPEN_STAGES = ["PROSPECTING", "VISIT", "TRUST", "NEEDS", "SOLUTION", "PROPOSAL", "COMMITMENT"];
const PROBABILITY: Record<string, number> = { PROSPECTING: 10, VISIT: 20, TRUST: 30, NEEDS: 40, SOLUTION: 50, PROPOSAL: 60, COMMITMENT: 80, WON: 100, LOST: 0 };
const CHANNELS = ["PHONE", "WEB_FORM", "ONLINE_CHAT", "REFERRAL", "CAMPAIGN", "IMPORT"];

interface TerritoryStaff {
  id: number;
  code: keyof typeof CATALOGUE;
  headId: number;
  managerId: number;
  opsId: number;
  /** owners by rank: rep1 is the largest, the head the smallest (Zipf weights 1/rank) */
  owners: number[];
  cumulative: number[];
}

function args(argv: string[]): { accounts: number; seed: number } {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const accounts = Number(value("--accounts") ?? "100000");
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error(`--accounts must be a positive integer, got ${value("--accounts")}`);
  return { accounts, seed: Number(value("--seed") ?? "20261124") };
}

/** A SQL literal; generated text holds no backslashes, so doubling quotes is enough on both databases. */
function lit(value: string | number | boolean | Date | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return `'${value.toISOString().slice(0, 23).replace("T", " ")}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

const row = (values: (string | number | boolean | Date | null)[]) => `(${values.map(lit).join(",")})`;

/** Where the rows go: raw mysql2 connections (two, so generating and inserting overlap), or the SQLite data source. */
interface Sink {
  run(statements: string[]): Promise<void>;
  close(): Promise<void>;
}

async function mysqlSink(url: string): Promise<Sink> {
  const connections: Connection[] = [];
  for (let i = 0; i < 2; i++) {
    const conn = await createConnection({ uri: url.replace(/^mariadb:/, "mysql:"), multipleStatements: false });
    await conn.query("SET SESSION foreign_key_checks = 0, unique_checks = 0");
    connections.push(conn);
  }
  return {
    run: async (statements) => {
      // Each connection takes every other statement; a connection's statements run in order.
      await Promise.all(connections.map(async (conn, c) => {
        for (let s = c; s < statements.length; s += connections.length) await conn.query(statements[s]);
      }));
    },
    close: async () => {
      for (const conn of connections) await conn.end();
    },
  };
}

function sqliteSink(db: DataSource): Sink {
  return {
    run: (statements) => db.transaction(async (m) => {
      for (const sql of statements) await m.query(sql);
    }),
    close: async () => undefined,
  };
}

async function tableExists(db: DataSource, table: string): Promise<boolean> {
  const runner = db.createQueryRunner();
  try {
    return await runner.hasTable(table);
  } finally {
    await runner.release();
  }
}

/**
 * The demo data of the enabled modules, as the gateway loads it (when the demo users are missing),
 * plus reps 3..24 per territory, so owners can be skewed.
 */
async function organisation(config: Config, db: DataSource, modules: CrmModule[]): Promise<TerritoryStaff[]> {
  const users = await db.query("SELECT id FROM users WHERE email = ?", [DEMO_EXEC_EMAIL]);
  if (users.length === 0) {
    await seedDemo(createServices(config, db, modules), modules);
  }
  const territories: { id: number; code: string }[] = await db.query("SELECT id, code FROM territories WHERE code IN ('COAL', 'FOOD') ORDER BY id");
  let passwordHash: string | null = null;
  const staff: TerritoryStaff[] = [];
  for (const t of territories) {
    const lower = t.code.toLowerCase();
    const idOf = async (email: string) => ((await db.query("SELECT id FROM users WHERE email = ?", [email])) as { id: number }[])[0]?.id;
    const headId = await idOf(`head.${lower}@demo.test`);
    const managerId = await idOf(`manager.${lower}@demo.test`);
    const opsId = await idOf(`ops.${lower}@demo.test`);
    const reps: number[] = [];
    for (let n = 1; n <= REPS_PER_TERRITORY; n++) {
      const email = `rep${n}.${lower}@demo.test`;
      let id = await idOf(email);
      if (id === undefined) {
        passwordHash ??= await hashPassword(DEMO_PASSWORD);
        // Literals rather than parameters: better-sqlite3 binds neither dates nor booleans.
        await db.query(
          `INSERT INTO users (email, name, role, territoryId, managerId, passwordHash, frozen, frozenAt, createdAt) VALUES ${row([
            email, `${t.code === "COAL" ? "Coal" : "Food"} Rep ${n}`, Role.SALES_REP, t.id, managerId, passwordHash, false, null, new Date(),
          ])}`,
        );
        id = await idOf(email);
      }
      reps.push(id!);
    }
    const owners = [...reps, managerId, headId];
    let sum = 0;
    const cumulative = owners.map((_, rank) => (sum += 1 / (rank + 1)));
    staff.push({ id: t.id, code: t.code as TerritoryStaff["code"], headId, managerId, opsId, owners, cumulative: cumulative.map((c) => c / sum) });
  }
  return staff;
}

async function nextIds(db: DataSource, tables: string[]): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const table of tables) ids[table] = Number((await db.query(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`))[0].m) + 1;
  return ids;
}

async function main(): Promise<void> {
  const { accounts: total, seed } = args(process.argv.slice(2));
  const config = loadConfig();
  const modules = composeModules(config.modules);
  const db = await openDatabase(config, modules);
  const withOpportunities = await tableExists(db, "opportunities");
  const withLeads = await tableExists(db, "leads");
  const staff = await organisation(config, db, modules);
  // Quotes on every fourth opportunity, priced from the demo catalogue of their territory (when there is one).
  const quoting = withOpportunities && (await tableExists(db, "quotes")) ? await quoteCatalogue(db, staff) : null;
  // Orders on the accepted quotes, with invoices and payments (when the orders module's tables are there).
  const ordering = quoting && (await tableExists(db, "orders")) ? await orderCounters(db) : null;
  // A ticket on every fourth account, and the knowledge base's articles (when the service module's tables are there).
  const servicing = (await tableExists(db, "tickets")) ? await ticketCounters(db, staff) : null;
  const tables = [
    "accounts", "contacts", "activities", ...(withOpportunities ? ["opportunities"] : []), ...(withLeads ? ["leads"] : []), ...(quoting ? ["quotes", "quote_lines"] : []), ...(ordering ? ["orders", "invoices", "payments"] : []),
    ...(servicing ? ["tickets", "articles"] : []),
  ];
  const next = await nextIds(db, tables);
  const firstAccount = next.accounts;
  const sink = databaseKind(config.databaseUrl) === "mysql" ? await mysqlSink(config.databaseUrl) : sqliteSink(db);
  const rand = random(seed + firstAccount);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const anchor = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z").getTime();
  const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t, 0]));
  console.log(`seed:scale: ${total} accounts into ${config.databaseUrl.replace(/\/\/[^@]*@/, "//")} (opportunities: ${withOpportunities ? "yes" : "skipped, no table"}; leads: ${withLeads ? "yes" : "skipped, no table"}; quotes: ${quoting ? "yes" : "skipped, no table or catalogue"}; orders: ${ordering ? "yes" : "skipped, no table"})`);

  const started = Date.now();
  let inFlight: Promise<void> | null = null;
  let lastReport = 0;
  for (let done = 0; done < total; done += CHUNK_ACCOUNTS) {
    const rows: Record<string, string[]> = Object.fromEntries(tables.map((t) => [t, []]));
    for (let k = done; k < Math.min(total, done + CHUNK_ACCOUNTS); k++) {
      const id = next.accounts++;
      // 60% of the group's customers are in coal, 40% in food.
      const t = rand() < 0.6 ? staff[0] : staff[staff.length - 1];
      const catalogue = CATALOGUE[t.code];
      const u = rand();
      const owner = t.owners[t.cumulative.findIndex((c) => u <= c)];
      const inPool = rand() < 0.02;
      const awaitingApproval = !inPool && rand() < 0.03;
      const region = pick(catalogue.regions);
      const name = `${pick(WORDS)} ${pick(WORDS)} ${region} ${pick(catalogue.kinds)} ${id}`;
      const createdAt = new Date(anchor - (30 + Math.floor(rand() * 1800)) * DAY);
      const quietDays = Math.floor(rand() * rand() * 120);
      const lastContactAt = new Date(anchor - quietDays * DAY);
      const ownerId = inPool ? null : owner;
      const actor = ownerId ?? t.owners[0];
      rows.accounts.push(row([
        id, name, normaliseAccountName(name), rand() < 0.7 ? `91S${String(id).padStart(15, "0")}` : null,
        awaitingApproval ? "PROSPECT" : pick(["ACTIVE", "ACTIVE", "ACTIVE", "PROSPECT", "DORMANT", "LOST"]), awaitingApproval ? "PENDING" : "APPROVED",
        pick(["STRATEGIC", "KEY", "KEY", "GENERAL", "GENERAL", "GENERAL", "GENERAL", "RETAIL"]), pick(catalogue.industries), region, t.id,
        ownerId, inPool ? owner : null, awaitingApproval ? null : `${(1 + Math.floor(rand() * 50)) * 100000}.00`, awaitingApproval ? null : pick([30, 45, 60, 90]),
        awaitingApproval ? null : pick(["LOW", "LOW", "MEDIUM", "HIGH"]), quietDays >= 60 ? "WARN_60" : quietDays >= 30 ? "WARN_30" : "OK", inPool,
        awaitingApproval ? null : lastContactAt, createdAt, null, awaitingApproval ? null : createdAt, null, actor, createdAt, lastContactAt, 1,
      ]));
      // 1 to 5 contacts (3 on average), the first one a key person.
      const contactCount = 1 + Math.floor(rand() * 5);
      for (let c = 0; c < contactCount; c++) {
        const person = `${pick(FAMILY)} ${pick(GIVEN)}`;
        const month = 1 + Math.floor(rand() * 12);
        const day = 1 + Math.floor(rand() * 28);
        const contactId = next.contacts++;
        rows.contacts.push(row([
          contactId, id, person, pick(TITLES), `+86 1${30 + (contactId % 60)} ${String(contactId % 10000).padStart(4, "0")} ${String((contactId * 7) % 10000).padStart(4, "0")}`,
          `${person.toLowerCase().replace(" ", ".")}.${contactId}@${t.code.toLowerCase()}-customer.example`,
          `${1960 + Math.floor(rand() * 40)}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, month * 100 + day, c === 0, createdAt, 1,
        ]));
      }
      // 0 to 20 activities (10 on average), spread between the account's creation and its last contact.
      const activityCount = Math.floor(rand() * 21);
      for (let a = 0; a < activityCount; a++) {
        const at = new Date(lastContactAt.getTime() - Math.floor(rand() * Math.max(1, lastContactAt.getTime() - createdAt.getTime())));
        rows.activities.push(row([
          next.activities++, pick(ACTIVITY_TYPES), pick(SUBJECTS), id, null, null, t.id, actor, null, awaitingApproval ? null : at, pick(OUTCOMES), actor, at,
        ]));
      }
      // 0 to 4 opportunities (2 on average), most of them open.
      const opportunityCount = withOpportunities ? Math.floor(rand() * 5) : 0;
      for (let o = 0; o < opportunityCount; o++) {
        const r = rand();
        const status = r < 0.7 ? "OPEN" : r < 0.73 ? "CLOSE_REQUESTED" : r < 0.88 ? "WON" : "LOST";
        const stage = status === "WON" || status === "LOST" ? status : pick(OPEN_STAGES);
        const oppCreated = new Date(createdAt.getTime() + Math.floor(rand() * (anchor - createdAt.getTime())));
        const closed = status === "WON" || status === "LOST";
        rows.opportunities.push(row([
          next.opportunities++, `${name.split(" ").slice(0, 2).join(" ")} supply ${o + 1}`, id, t.id, actor, `${(10 + Math.floor(rand() * 990)) * 1000}.00`,
          new Date(anchor + (Math.floor(rand() * 240) - 60) * DAY).toISOString().slice(0, 10), stage, PROBABILITY[stage], status,
          status === "CLOSE_REQUESTED" ? "WON" : null, status === "LOST" ? "Price too high" : null, status === "CLOSE_REQUESTED" ? new Date(anchor - DAY) : null,
          closed ? new Date(anchor - Math.floor(rand() * 90) * DAY) : null, closed ? t.managerId : null, rand() < 0.3 ? '["Shenhua Trading"]' : "[]",
          "Send the revised offer", "[]", null, lastContactAt, lastContactAt, actor, oppCreated, oppCreated, 1,
        ]));
        const opportunityId = next.opportunities - 1;
        if (quoting && opportunityId % 4 === 0) {
          const quote = quoteRow(quoting, t, { opportunityId, accountId: id, ownerId: actor, createdAt: oppCreated }, rand, next, rows.quote_lines);
          rows.quotes.push(quote.row);
          if (ordering && quote.status === "ACCEPTED") orderRows(ordering, t, { ...quote, opportunityId, accountId: id, ownerId: actor, createdAt: oppCreated }, anchor, rand, next, rows);
        }
      }
      // 0 to 2 leads (1 on average): most assigned, some waiting for dispatch.
      const leadCount = withLeads ? Math.floor(rand() * 3) : 0;
      for (let l = 0; l < leadCount; l++) {
        const r = rand();
        const status = r < 0.55 ? "ASSIGNED" : r < 0.75 ? "NEW" : r < 0.85 ? "QUALIFIED" : r < 0.95 ? "DISQUALIFIED" : "CONVERTED";
        const receivedAt = new Date(anchor - Math.floor(rand() * 365) * DAY);
        const assigned = status === "ASSIGNED" || status === "CONVERTED";
        const leadOwner = assigned ? t.owners[t.cumulative.findIndex((c) => rand() <= c)] : null;
        const person = `${pick(FAMILY)} ${pick(GIVEN)}`;
        const leadId = next.leads++;
        rows.leads.push(row([
          leadId, status, `${pick(WORDS)} ${pick(catalogue.kinds)} ${leadId}`, person, `buyer${leadId}@${t.code.toLowerCase()}-prospect.example`, null,
          pick(CHANNELS), pick(catalogue.industries), pick(catalogue.regions), null, t.id, leadOwner, assigned ? t.opsId : null,
          assigned ? new Date(receivedAt.getTime() + DAY) : null, status === "DISQUALIFIED" ? "No budget" : null, status === "CONVERTED" ? id : null, null,
          status === "CONVERTED" ? new Date(receivedAt.getTime() + 7 * DAY) : null, null, receivedAt, t.opsId, receivedAt, receivedAt, 1,
        ]));
      }
      if (servicing && id % 4 === 0) rows.tickets.push(ticketRow(servicing, t, id, anchor, rand, next));
    }
    const statements = Object.entries(rows)
      .filter(([, values]) => values.length > 0)
      .map(([table, values]) => {
        counts[table] += values.length;
        return `INSERT INTO ${table} (${COLUMNS[table]}) VALUES ${values.join(",")}`;
      });
    // Generate the next chunk while the database takes this one.
    await inFlight;
    inFlight = sink.run(statements);
    const loaded = Math.min(total, done + CHUNK_ACCOUNTS);
    if (Date.now() - lastReport > 10_000 || loaded === total) {
      lastReport = Date.now();
      const rowsSoFar = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`  ${loaded}/${total} accounts, ${rowsSoFar} rows, ${Math.round(rowsSoFar / ((Date.now() - started) / 1000))} rows/s`);
    }
  }
  await inFlight;
  if (servicing) counts.articles = await seedArticles(db, sink, staff, next, random(seed + next.articles));
  await sink.close();
  if (ordering) {
    for (const [key, lastNumber] of ordering.sequences) {
      const [series, territoryId, year] = key.split("/");
      await db.query("DELETE FROM order_number_counters WHERE series = ? AND territoryId = ? AND year = ?", [series, Number(territoryId), Number(year)]);
      await db.query("INSERT INTO order_number_counters (series, territoryId, year, lastNumber) VALUES (?, ?, ?, ?)", [series, Number(territoryId), Number(year), lastNumber]);
    }
  }
  if (quoting) {
    for (const [key, lastNumber] of quoting.sequences) {
      const [territoryId, year] = key.split("/").map(Number);
      await db.query("DELETE FROM quote_number_counters WHERE territoryId = ? AND year = ?", [territoryId, year]);
      await db.query("INSERT INTO quote_number_counters (territoryId, year, lastNumber) VALUES (?, ?, ?)", [territoryId, year, lastNumber]);
    }
  }
  if (servicing) {
    for (const [key, lastNumber] of servicing.sequences) {
      const [territoryId, year] = key.split("/").map(Number);
      await db.query("DELETE FROM ticket_number_counters WHERE territoryId = ? AND year = ?", [territoryId, year]);
      await db.query("INSERT INTO ticket_number_counters (territoryId, year, lastNumber) VALUES (?, ?, ?)", [territoryId, year, lastNumber]);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const rowsTotal = Object.values(counts).reduce((a, b) => a + b, 0);
  if (databaseKind(config.databaseUrl) === "mysql") {
    for (const table of [...tables, ...(servicing ? ["article_terms", "article_term_counts"] : [])]) await db.query(`ANALYZE TABLE ${table}`);
  }
  await db.destroy();
  console.log(`seed:scale: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ")}`);
  console.log(`seed:scale: ${rowsTotal} rows in ${seconds.toFixed(1)} s, ${Math.round(rowsTotal / seconds)} rows/s`);
}

interface QuoteCatalogue {
  /** per territory: [productId, listPrice] of the products priced there */
  prices: Map<number, [number, string][]>;
  /** the last quote number per "territoryId/year", continued from the counters */
  sequences: Map<string, number>;
  codes: Map<number, string>;
  year: number;
}

async function quoteCatalogue(db: DataSource, staff: TerritoryStaff[]): Promise<QuoteCatalogue | null> {
  const prices = new Map<number, [number, string][]>();
  for (const t of staff) {
    const rows: { productId: number; listPrice: string | number }[] = await db.query("SELECT productId, listPrice FROM price_list_entries WHERE territoryId = ? ORDER BY productId", [t.id]);
    if (rows.length === 0) return null;
    prices.set(t.id, rows.map((r) => [Number(r.productId), typeof r.listPrice === "number" ? r.listPrice.toFixed(2) : r.listPrice]));
  }
  const year = new Date().getUTCFullYear();
  const counters: { territoryId: number; year: number; lastNumber: number }[] = await db.query("SELECT territoryId, year, lastNumber FROM quote_number_counters");
  const sequences = new Map(counters.map((c) => [`${c.territoryId}/${c.year}`, Number(c.lastNumber)]));
  return { prices, sequences, codes: new Map(staff.map((t) => [t.id, t.code])), year };
}

const QUOTE_STATUSES = ["DRAFT", "APPROVED", "SENT", "SENT", "ACCEPTED", "DECLINED", "EXPIRED"];
const QUOTE_RATIOS = ["1.0000", "0.9800", "0.9500", "0.9200", "0.9000"];

/** A quote (within the free discount, so it needs no approval request) with 1 to 3 lines of its territory's catalogue. */
function quoteRow(
  catalogue: QuoteCatalogue,
  t: TerritoryStaff,
  on: { opportunityId: number; accountId: number; ownerId: number; createdAt: Date },
  rand: () => number,
  next: Record<string, number>,
  lines: string[],
): { row: string; id: number; status: string; netTotal: string; netRatio: string } {
  const id = next.quotes++;
  const key = `${t.id}/${catalogue.year}`;
  const sequence = (catalogue.sequences.get(key) ?? 0) + 1;
  catalogue.sequences.set(key, sequence);
  const priced = catalogue.prices.get(t.id)!;
  const ratio = QUOTE_RATIOS[Math.floor(rand() * QUOTE_RATIOS.length)];
  const made = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, position) => {
    const [productId, listPrice] = priced[Math.floor(rand() * priced.length)];
    const quantity = `${1 + Math.floor(rand() * 500)}.${String(Math.floor(rand() * 1000)).padStart(3, "0")}`;
    const netPrice = (Number(listPrice) * Number(ratio)).toFixed(2);
    const line = { quantity, listPrice, netPrice, lineListTotal: lineTotal(quantity, listPrice), lineNetTotal: lineTotal(quantity, netPrice) };
    lines.push(row([next.quote_lines++, id, position + 1, productId, quantity, listPrice, netPrice, line.lineListTotal, line.lineNetTotal]));
    return line;
  });
  const listTotal = sumMoney(made.map((l) => l.lineListTotal));
  const netTotal = sumMoney(made.map((l) => l.lineNetTotal));
  const ownerRole = on.ownerId === t.headId ? Role.TERRITORY_HEAD : on.ownerId === t.managerId ? Role.SALES_MANAGER : Role.SALES_REP;
  const approval = requiredApproval(netRatio(netTotal, listTotal), DEFAULT_POLICY, { role: ownerRole, managerRole: ownerRole === Role.SALES_REP ? Role.SALES_MANAGER : Role.TERRITORY_HEAD });
  const status = QUOTE_STATUSES[Math.floor(rand() * QUOTE_STATUSES.length)];
  const validUntil = new Date(on.createdAt.getTime() + (status === "EXPIRED" ? 10 : 400) * DAY).toISOString().slice(0, 10);
  const stored = approval && status !== "DRAFT" ? "DRAFT" : status;
  return { id, status: stored, netTotal, netRatio: netRatio(netTotal, listTotal), row: row([
    id, `Q-${catalogue.codes.get(t.id)}-${catalogue.year}-${String(sequence).padStart(6, "0")}`, 1, on.opportunityId, on.accountId, t.id, on.ownerId,
    stored, validUntil, "CNY", listTotal, netTotal, netRatio(netTotal, listTotal), approval?.role ?? null, approval?.step ?? null,
    null, status === "DECLINED" ? "Price too high" : null, on.ownerId, on.createdAt, on.createdAt, 1,
  ]) };
}

interface OrderCounters {
  /** the last number per "series/territoryId/year" (SO orders, INV invoices), continued from the counters */
  sequences: Map<string, number>;
  year: number;
}

async function orderCounters(db: DataSource): Promise<OrderCounters> {
  const counters: { series: string; territoryId: number; year: number; lastNumber: number }[] = await db.query("SELECT series, territoryId, year, lastNumber FROM order_number_counters");
  return { sequences: new Map(counters.map((c) => [`${c.series}/${c.territoryId}/${c.year}`, Number(c.lastNumber)])), year: new Date().getUTCFullYear() };
}

const ORDER_STATUSES = ["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "IN_EXECUTION", "IN_EXECUTION", "IN_EXECUTION", "APPROVED", "DRAFT", "CANCELLED"];

/**
 * An order on an accepted quote (approved by the owner's sales manager, as a small standard order
 * would be; no approval rows), with its invoices and payments: a completed order is invoiced and paid
 * in full, one in execution has a paid first half and an open second half, an approved one an open
 * invoice; due dates spread over the last 200 days, so the ageing report has every bucket.
 */
function orderRows(
  counters: OrderCounters,
  t: TerritoryStaff,
  quote: { id: number; netTotal: string; netRatio: string; opportunityId: number; accountId: number; ownerId: number; createdAt: Date },
  anchor: number,
  rand: () => number,
  next: Record<string, number>,
  rows: Record<string, string[]>,
): void {
  const number = (series: string) => {
    const key = `${series}/${t.id}/${counters.year}`;
    const sequence = (counters.sequences.get(key) ?? 0) + 1;
    counters.sequences.set(key, sequence);
    return formatNumber(series as "SO" | "INV", t.code, counters.year, sequence);
  };
  const id = next.orders++;
  const status = ORDER_STATUSES[Math.floor(rand() * ORDER_STATUSES.length)];
  const total = cents(quote.netTotal);
  const day = (offset: number) => new Date(anchor + offset * DAY).toISOString().slice(0, 10);
  const issued = -Math.floor(rand() * 200);
  const invoices: { amount: bigint; paid: bigint }[] =
    status === "COMPLETED" ? [{ amount: total, paid: total }]
    : status === "IN_EXECUTION" ? [{ amount: total / 2n, paid: total / 2n }, { amount: total - total / 2n, paid: 0n }]
    : status === "APPROVED" ? [{ amount: total, paid: 0n }]
    : [];
  const invoiced = invoices.reduce((a, i) => a + i.amount, 0n);
  const paid = invoices.reduce((a, i) => a + i.paid, 0n);
  const executed = status === "COMPLETED" || status === "IN_EXECUTION";
  rows.orders.push(row([
    id, number("SO"), quote.id, quote.opportunityId, quote.accountId, t.id, quote.ownerId, status, "STANDARD", "CNY", quote.netTotal, quote.netRatio, day(issued - 5), null,
    status === "DRAFT" ? "[]" : '["SALES_MANAGER"]', false, false, moneyOf(invoiced), moneyOf(paid), executed ? day(issued + 10) : null, null,
    executed ? new Date(anchor + (issued - 2) * DAY) : null, executed ? t.opsId : null, status === "CANCELLED" ? "Customer withdrew" : null, quote.ownerId, quote.createdAt, quote.createdAt, 1,
  ]));
  for (const [n, invoice] of invoices.entries()) {
    const invoiceId = next.invoices++;
    const issuedOn = day(issued + n * 30);
    const dueOn = day(issued + n * 30 + 30);
    const paidOn = day(Math.min(0, issued + n * 30 + 20));
    rows.invoices.push(row([
      invoiceId, number("INV"), id, quote.accountId, moneyOf(invoice.amount), issuedOn, dueOn, moneyOf(invoice.paid), invoice.paid > 0n ? paidOn : null,
      invoice.paid === invoice.amount && invoice.paid > 0n ? paidOn : null, null, new Date(anchor + (issued + n * 30) * DAY), 1,
    ]));
    if (invoice.paid > 0n) rows.payments.push(row([next.payments++, invoiceId, moneyOf(invoice.paid), paidOn, `BANK ${invoiceId}`, "seed:scale", new Date(anchor)]));
  }
}

interface TicketCounters {
  /** the last ticket number per "territoryId/year", continued from the counters */
  sequences: Map<string, number>;
  /** each territory's service agent, who works its tickets */
  agents: Map<number, number>;
  codes: Map<number, string>;
  year: number;
}

async function ticketCounters(db: DataSource, staff: TerritoryStaff[]): Promise<TicketCounters> {
  const counters: { territoryId: number; year: number; lastNumber: number }[] = await db.query("SELECT territoryId, year, lastNumber FROM ticket_number_counters");
  const agents = new Map<number, number>();
  for (const t of staff) agents.set(t.id, ((await db.query("SELECT id FROM users WHERE email = ?", [`service.${t.code.toLowerCase()}@demo.test`])) as { id: number }[])[0]?.id ?? t.headId);
  return { sequences: new Map(counters.map((c) => [`${c.territoryId}/${c.year}`, Number(c.lastNumber)])), agents, codes: new Map(staff.map((t) => [t.id, t.code])), year: new Date().getUTCFullYear() };
}

const TICKET_STATUSES = ["NEW", "OPEN", "OPEN", "PENDING", "RESOLVED", "CLOSED", "CLOSED", "CLOSED"];
const PRIORITIES = ["LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT"] as const;

/** A ticket of the account, due under the default SLA; some missed their targets (flagged), the closed ones mostly rated. */
function ticketRow(c: TicketCounters, t: TerritoryStaff, accountId: number, anchor: number, rand: () => number, next: Record<string, number>): string {
  const key = `${t.id}/${c.year}`;
  const sequence = (c.sequences.get(key) ?? 0) + 1;
  c.sequences.set(key, sequence);
  const status = TICKET_STATUSES[Math.floor(rand() * TICKET_STATUSES.length)];
  const priority = PRIORITIES[Math.floor(rand() * PRIORITIES.length)];
  const target = DEFAULT_SLA[priority];
  const createdAt = new Date(anchor - Math.floor(rand() * 200 * DAY));
  const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000);
  const done = status === "RESOLVED" || status === "CLOSED";
  const late = rand() < 0.15;
  const resolvedAt = done ? at(late ? target.resolutionMinutes * 1.5 : target.resolutionMinutes / 2) : null;
  const answered = status !== "NEW" ? at(late ? target.firstResponseMinutes * 2 : target.firstResponseMinutes / 2) : null;
  return row([
    next.tickets++, `T-${c.codes.get(t.id)}-${c.year}-${String(sequence).padStart(6, "0")}`, ["CONSULTATION", "COMPLAINT", "REPAIR", "REQUEST"][Math.floor(rand() * 4)],
    ["PHONE", "EMAIL", "WEB", "CHAT"][Math.floor(rand() * 4)], priority, status, `Ticket ${sequence}: 到货质量问题 (quality of the delivery)`, "客户来电反映问题，请跟进。", accountId, null,
    status === "NEW" ? null : c.agents.get(t.id)!, t.id, "GENERAL", target.firstResponseMinutes, target.resolutionMinutes, "DEFAULT", at(target.firstResponseMinutes), at(target.resolutionMinutes),
    answered, resolvedAt, status === "CLOSED" ? new Date(resolvedAt!.getTime() + DAY) : null, status === "PENDING" ? new Date(anchor - DAY) : null, 0,
    late && status !== "NEW", late && done, status === "CLOSED" && rand() < 0.8 ? 1 + Math.floor(rand() * 5) : null, null, t.opsId, null, createdAt, resolvedAt ?? createdAt, 1,
  ]);
}

/** `--articles N`: how many articles to add (100,000 by default, the search budget's size). */
const ARTICLES_TOTAL = Number(process.argv.includes("--articles") ? process.argv[process.argv.indexOf("--articles") + 1] : 100_000);
const ARTICLE_CHUNK = 500;
/** Topic words: the first ones are common (picked with Zipf weights), as real vocabularies are. */
const ZH_TERMS = ["煤炭", "发票", "运输", "质量", "合同", "付款", "客户", "服务", "价格", "交货", "退货", "冷链", "食品", "检测", "热值", "港口", "铁路", "仓储", "结算", "保质期", "报修", "设备", "增值税", "对账单", "包装", "称重", "水分", "硫分", "订单", "售后", "投诉", "赔偿", "预付款", "信用额度", "质检报告", "装车", "卸货", "温度记录", "批号", "抬头"];
const EN_TERMS = ["coal", "invoice", "freight", "quality", "contract", "payment", "customer", "service", "price", "delivery", "return", "cold", "food", "test", "calorific", "port", "rail", "storage", "settlement", "shelf", "repair", "equipment", "vat", "statement", "packaging", "weighing", "moisture", "sulphur", "order", "complaint", "compensation", "prepayment", "credit", "certificate", "loading", "unloading", "temperature", "batch", "title", "refund"];

/**
 * 100,000 knowledge-base articles (half Chinese, half English; a tenth for the whole group, the rest
 * split between the territories; one in ten a draft), with their search index written as publishing
 * writes it, and the term counts recomputed from the index at the end.
 */
async function seedArticles(db: DataSource, sink: Sink, staff: TerritoryStaff[], next: Record<string, number>, rand: () => number): Promise<number> {
  const zipf = (n: number) => Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1))) - 1);
  const words = (terms: string[], n: number, space: string) => Array.from({ length: n }, () => terms[zipf(terms.length)]).join(space);
  const now = new Date();
  for (let done = 0; done < ARTICLES_TOTAL; done += ARTICLE_CHUNK) {
    const articles: string[] = [];
    const postings: string[] = [];
    for (let k = done; k < Math.min(ARTICLES_TOTAL, done + ARTICLE_CHUNK); k++) {
      const id = next.articles++;
      const chinese = k % 2 === 0;
      const terms = chinese ? ZH_TERMS : EN_TERMS;
      const title = `${words(terms, 3, chinese ? "" : " ")} ${id}`;
      const body = words(terms, 12, chinese ? "，" : " ");
      const territory = rand() < 0.1 ? null : staff[Math.floor(rand() * staff.length)];
      const published = rand() >= 0.1;
      const at = new Date(now.getTime() - Math.floor(rand() * 700) * DAY);
      articles.push(row([id, title, body, chinese ? "知识库" : "kb", published ? "PUBLISHED" : "DRAFT", territory?.id ?? null, territory?.headId ?? staff[0].headId, at, at, published ? at : null, 1]));
      if (published) for (const [term, weight] of weightedTerms(title, body, [chinese ? "知识库" : "kb"])) postings.push(row([term, territory?.id ?? 0, id, weight]));
    }
    await sink.run([`INSERT INTO articles (${COLUMNS.articles}) VALUES ${articles.join(",")}`, `INSERT INTO article_terms (term, reach, articleId, weight) VALUES ${postings.join(",")}`]);
  }
  await db.query("DELETE FROM article_term_counts");
  await db.query("INSERT INTO article_term_counts (term, articles) SELECT term, COUNT(*) FROM article_terms GROUP BY term");
  await db.query("INSERT INTO article_term_counts (term, articles) SELECT '', COUNT(DISTINCT articleId) FROM article_terms");
  return ARTICLES_TOTAL;
}

const COLUMNS: Record<string, string> = {
  accounts:
    "id, name, nameKey, registrationNo, status, approvalStatus, tier, industry, region, territoryId, ownerId, previousOwnerId, creditLimit, creditTermsDays, riskGrade, followUpState, inPublicPool, lastContactAt, assignedAt, claimedAt, approvedAt, archivedAt, createdById, createdAt, updatedAt, version",
  contacts: "id, accountId, name, title, phone, email, birthday, birthMonthDay, isKeyPerson, createdAt, version",
  activities: "id, type, subject, accountId, relatedType, relatedId, territoryId, ownerId, dueAt, doneAt, outcome, createdById, createdAt",
  opportunities:
    "id, name, accountId, territoryId, ownerId, amount, expectedCloseDate, stage, probability, status, requestedOutcome, lostReason, closeRequestedAt, closedAt, closedById, competitors, nextStep, attachments, leadId, lastActivityAt, activityClockAt, createdById, createdAt, updatedAt, version",
  quotes:
    "id, number, quoteVersion, opportunityId, accountId, territoryId, ownerId, status, validUntil, currency, listTotal, netTotal, netRatio, requiredApproverRole, requiredStep, supersededById, declineReason, createdById, createdAt, updatedAt, version",
  quote_lines: "id, quoteId, position, productId, quantity, listPrice, netPrice, lineListTotal, lineNetTotal",
  tickets:
    "id, number, type, channel, priority, status, subject, description, accountId, contactId, assigneeId, territoryId, tier, firstResponseMinutes, resolutionMinutes, slaSource, firstResponseDueAt, resolutionDueAt, firstRespondedAt, resolvedAt, closedAt, pausedSince, pausedMinutes, firstResponseBreached, resolutionBreached, satisfaction, satisfactionComment, createdById, createdByKeyId, createdAt, updatedAt, version",
  articles: "id, title, body, tagList, status, territoryId, createdById, createdAt, updatedAt, publishedAt, version",
  orders:
    "id, number, quoteId, opportunityId, accountId, territoryId, ownerId, status, template, currency, amount, netRatio, signedOn, deliveryTerms, approvalChain, prepaymentRequired, overCreditLimit, invoicedAmount, paidAmount, deliveryDate, executionNotes, executionIssuedAt, executionIssuedById, cancelReason, createdById, createdAt, updatedAt, version",
  invoices: "id, number, orderId, accountId, amount, issuedOn, dueOn, paidAmount, lastPaidOn, settledOn, createdById, createdAt, version",
  payments: "id, invoiceId, amount, receivedOn, reference, recordedBy, recordedAt",
  leads:
    "id, status, company, contactName, email, phone, channel, industry, region, note, territoryId, ownerId, assignedById, assignedAt, disqualifyReason, convertedAccountId, convertedOpportunityId, convertedAt, lastActivityAt, activityClockAt, createdById, createdAt, updatedAt, version",
};

main().catch((error) => {
  console.error(error instanceof ConfigError ? `Invalid setting ${error.message}` : error);
  process.exit(1);
});
