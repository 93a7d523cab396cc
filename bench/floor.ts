import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPool, type Pool, type RowDataPacket } from "mysql2/promise";
import { MemoryPeak, type ChildMessage, type ParentMessage } from "./ipc";

/**
 * THE FLOOR: the list page and the account 360 view fetched with hand-written SQL through mysql2
 * and returned as JSON by a bare node:http handler: no GraphQL, no auth, no ORM. The same rows as
 * the gateway returns, with the same row scope, so gateway/floor is what the stack on top costs.
 * GET /list?viewer=<userId>&first=50&after=<cursor>   GET /account?viewer=<userId>&id=<accountId>
 */

interface FloorViewer {
  role: string;
  territoryId: number | null;
  teamIds: number[];
  id: number;
}

type Row = RowDataPacket & Record<string, unknown>;

let statements = 0;

/** Every statement goes through here, so the report can give SQL statements per request. */
function run(pool: Pool, sql: string, params: unknown[]) {
  statements++;
  return pool.query<Row[]>(sql, params);
}

const viewers = new Map<number, Promise<FloorViewer>>();

function viewerOf(pool: Pool, id: number): Promise<FloorViewer> {
  let found = viewers.get(id);
  if (!found) {
    found = (async () => {
      const [[user]] = await run(pool, "SELECT id, role, territoryId FROM users WHERE id = ?", [id]);
      const [team] = await run(pool, "SELECT id FROM users WHERE managerId = ?", [id]);
      return { id, role: user.role as string, territoryId: user.territoryId as number | null, teamIds: user.role === "SALES_MANAGER" ? [id, ...team.map((r) => r.id as number)] : [id] };
    })();
    viewers.set(id, found);
  }
  return found;
}

/** The Scope of src/access/scope.ts, written out by hand for the roles the benchmarks use. */
function scope(v: FloorViewer, alias: string, pool: boolean): { sql: string; params: unknown[] } {
  switch (v.role) {
    case "EXECUTIVE":
      return { sql: "1 = 1", params: [] };
    case "TERRITORY_HEAD":
    case "BUSINESS_MANAGER":
      return { sql: `${alias}.territoryId = ?`, params: [v.territoryId] };
    default:
      return {
        sql: `${alias}.territoryId = ? AND (${alias}.ownerId IN (?)${pool ? ` OR ${alias}.inPublicPool = 1` : ""})`,
        params: [v.territoryId, v.teamIds],
      };
  }
}

const cursorOf = (name: string, id: number) => Buffer.from(JSON.stringify([name, id])).toString("base64url");

function group(rows: Row[], key: string): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const row of rows) {
    const list = groups.get(row[key]);
    if (list) list.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

async function children(pool: Pool, v: FloorViewer, accounts: Row[], recentActivities: boolean) {
  const ids = accounts.map((a) => a.id);
  const owners = [...new Set(accounts.map((a) => a.ownerId).filter((id) => id !== null))];
  const territories = [...new Set(accounts.map((a) => a.territoryId))];
  const opScope = scope(v, "o", false);
  const none = Promise.resolve([[] as Row[]] as const);
  const [[users], [terrs], [contacts], [opportunities], [activities]] = await Promise.all([
    owners.length ? run(pool, "SELECT id, name FROM users WHERE id IN (?)", [owners]) : none,
    run(pool, "SELECT id, name FROM territories WHERE id IN (?)", [territories]),
    run(pool, "SELECT id, accountId, name, title FROM contacts WHERE accountId IN (?) ORDER BY isKeyPerson DESC, name, id", [ids]),
    run(pool, 
      `SELECT o.id, o.accountId, o.name, o.stage, o.amount, o.status, o.expectedCloseDate FROM opportunities o WHERE o.accountId IN (?) AND ${opScope.sql} ORDER BY o.createdAt DESC, o.id DESC`,
      [ids, ...opScope.params],
    ),
    recentActivities
      ? run(pool, "SELECT id, accountId, type, subject, doneAt, createdAt FROM activities WHERE accountId = ? ORDER BY createdAt DESC, id DESC LIMIT 20", [ids[0]])
      : none,
  ]);
  const userById = new Map(users.map((u) => [u.id, { id: String(u.id), name: u.name }]));
  const territoryById = new Map(terrs.map((t) => [t.id, { id: String(t.id), name: t.name }]));
  const contactsOf = group(contacts, "accountId");
  const opportunitiesOf = group(opportunities, "accountId");
  const strip = (rows: Row[] | undefined) => (rows ?? []).map(({ accountId: _, ...rest }) => ({ ...rest, id: String(rest.id) }));
  return accounts.map((a) => ({
    id: String(a.id),
    name: a.name,
    ...(a.status !== undefined ? { status: a.status, tier: a.tier } : {}),
    owner: a.ownerId === null ? null : userById.get(a.ownerId) ?? null,
    territory: territoryById.get(a.territoryId),
    contacts: strip(contactsOf.get(a.id)),
    ...(recentActivities ? { activities: strip(activities) } : {}),
    opportunities: strip(opportunitiesOf.get(a.id)),
  }));
}

async function list(pool: Pool, q: URLSearchParams) {
  const v = await viewerOf(pool, Number(q.get("viewer")));
  const first = Number(q.get("first") ?? 50);
  const s = scope(v, "a", true);
  const params = [...s.params];
  let keyset = "";
  const after = q.get("after");
  if (after) {
    const [name, id] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as [string, number];
    keyset = " AND (a.name > ? OR (a.name = ? AND a.id > ?))";
    params.push(name, name, id);
  }
  const [rows] = await run(pool, 
    `SELECT a.id, a.name, a.ownerId, a.territoryId FROM accounts a WHERE ${s.sql} AND a.archivedAt IS NULL${keyset} ORDER BY a.name, a.id LIMIT ?`,
    [...params, first + 1],
  );
  const page = rows.slice(0, first);
  const nodes = page.length ? await children(pool, v, page, false) : [];
  const last = page[page.length - 1];
  return {
    data: {
      accounts: {
        edges: nodes.map((node) => ({ node })),
        pageInfo: { endCursor: last ? cursorOf(last.name as string, last.id as number) : null, hasNextPage: rows.length > first },
      },
    },
  };
}

async function account360(pool: Pool, q: URLSearchParams) {
  const v = await viewerOf(pool, Number(q.get("viewer")));
  const s = scope(v, "a", true);
  const [rows] = await run(pool, `SELECT a.id, a.name, a.status, a.tier, a.ownerId, a.territoryId FROM accounts a WHERE a.id = ? AND ${s.sql}`, [Number(q.get("id")), ...s.params]);
  return { data: { account: rows.length ? (await children(pool, v, rows, true))[0] : null } };
}

async function main(): Promise<void> {
  const pool = createPool({ uri: process.env.DATABASE_URL!.replace(/^mariadb:/, "mysql:"), connectionLimit: 20, timezone: "Z" });
  const memory = new MemoryPeak();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://floor");
    const route = url.pathname === "/list" ? list : url.pathname === "/account" ? account360 : null;
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = JSON.stringify(await route(pool, url.searchParams));
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const send = (message: ChildMessage) => process.send!(message);
  process.on("message", (message: ParentMessage) => {
    if (message.cmd === "stats") send({ type: "stats", statements, ...memory.read() });
    if (message.cmd === "reset") {
      memory.reset();
      send({ type: "reset" });
    }
    if (message.cmd === "stop") {
      memory.stop();
      server.close();
      void pool.end().then(() => process.exit(0));
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
