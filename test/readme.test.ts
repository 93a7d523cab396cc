import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { EventBus } from "../src/events/event-bus";
import { LEAD_ASSIGNED } from "../modules/leads";
import { startTestGateway, type TestGateway } from "./harness";

/**
 * The README's examples, run as a reader would run them: its shell blocks with bash (curl and jq),
 * `examples/subscribe.mjs` as a child process, against a real gateway with the demo data. Only
 * `localhost:4000` is replaced, by the test gateway's address (it listens on an ephemeral port).
 */

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The fenced code blocks in language `lang` of the README section whose heading is `heading`. */
function codeBlocks(markdown: string, heading: string, lang = "sh"): string[] {
  const blocks: string[] = [];
  let sectionLevel: number | null = null;
  let fence: { marker: string; lang: string; lines: string[] } | null = null;
  for (const line of markdown.split("\n")) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length) {
        if (sectionLevel !== null && fence.lang === lang) blocks.push(fence.lines.join("\n"));
        fence = null;
      } else fence.lines.push(line);
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (open) {
      fence = { marker: open[1], lang: open[2], lines: [] };
      continue;
    }
    const title = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (title) {
      const level = title[1].length;
      if (title[2] === heading) sectionLevel = level;
      else if (sectionLevel !== null && level <= sectionLevel) sectionLevel = null;
    }
  }
  if (fence) throw new Error(`README.md: a code block is not closed (${fence.lines[0] ?? ""})`);
  return blocks;
}

let t: TestGateway;
let address: string;
beforeAll(async () => {
  t = await startTestGateway();
  address = new URL(t.url).host;
});
afterAll(() => t?.stop());

/** A README command as the reader types it, aimed at the test gateway. */
const here = (script: string) => script.replaceAll("localhost:4000", address);

/** Runs a shell block with bash in the repository, as a reader would paste it; resolves with its stdout. */
function bash(script: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", here(script)], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bash failed (${error.message}):\n${script}\nstderr: ${stderr}`));
      else resolve(stdout);
    });
  });
}

const json = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON: ${text}`);
  }
};

describe("README: A first query", () => {
  it("logs the manager in with curl and jq and lists their accounts flagged WARN_30", async () => {
    const blocks = codeBlocks(README, "A first query");
    expect(blocks).toHaveLength(1);
    const answer = json(await bash(blocks[0]));

    expect(answer.errors).toBeUndefined();
    const { accounts } = answer.data;
    const manager = await t.token("manager.coal@demo.test");
    const expected = await t.gql(`{ accounts(filter: { followUpState: WARN_30 }) { totalCount } }`, {}, manager);
    expect(expected.data.accounts.totalCount).toBeGreaterThan(0);
    expect(accounts.totalCount).toBe(expected.data.accounts.totalCount);
    expect(accounts.edges).toHaveLength(Math.min(5, accounts.totalCount));
    expect(accounts.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: accounts.totalCount > 5 });
    for (const { node } of accounts.edges) {
      expect(node).toEqual({ name: expect.any(String), owner: { name: expect.any(String) }, creditLimit: node.creditLimit, contacts: expect.any(Array) });
      for (const contact of node.contacts) expect(contact).toEqual({ name: expect.any(String), isKeyPerson: expect.any(Boolean) });
    }
  });
});

/** Resolves when the gateway's event bus gets its next listener for `name`: a subscription is live. */
function nextListener(bus: EventBus, name: string): Promise<void> {
  return new Promise((resolve) => {
    const on = bus.on.bind(bus);
    bus.on = ((event, listener) => {
      const off = on(event, listener);
      if (event === name) {
        delete (bus as Partial<EventBus>).on;
        resolve();
      }
      return off;
    }) as EventBus["on"];
  });
}

/** The JSON lines a child prints on stdout, each awaited as it comes; rejects once the child has exited. */
function lines(child: ChildProcess, stderr: () => string) {
  const received: unknown[] = [];
  const waiting: { resolve: (line: unknown) => void; reject: (error: Error) => void }[] = [];
  let exited: Error | null = null;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = new Error(`examples/subscribe.mjs printed a line that is not JSON: ${line}`);
    }
    const next = waiting.shift();
    if (!next) received.push(value);
    else if (value instanceof Error) next.reject(value);
    else next.resolve(value);
  });
  child.on("exit", (code, signal) => {
    exited = new Error(`examples/subscribe.mjs exited (${code ?? signal}): ${stderr()}`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  const ended = new Promise<never>((_, reject) => child.on("exit", () => reject(exited)));
  ended.catch(() => undefined);
  return {
    next: (): Promise<any> => {
      if (received.length > 0) {
        const value = received.shift();
        return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
      }
      if (exited) return Promise.reject(exited);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    /** rejects when the child exits */
    ended,
  };
}

describe("README: A first subscription", () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child!.on("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await gone;
    }
  });

  it("runs examples/subscribe.mjs as written: the manager hears of a lead a rep keeps and of a lead assigned by hand", async () => {
    const [subscribe, repEntersLead, ...rest] = codeBlocks(README, "A first subscription");
    expect(rest).toEqual([]);
    expect(subscribe).toContain("examples/subscribe.mjs");

    // The shell of "A first query", where TOKEN holds the manager's token.
    const token = await t.token("manager.coal@demo.test");
    const live = nextListener(t.gateway.services.events, LEAD_ASSIGNED);
    let stderr = "";
    // Its own process group, so the end of the test stops bash and node together.
    child = spawn("bash", ["-c", here(subscribe)], { cwd: ROOT, env: { ...process.env, TOKEN: token }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const events = lines(child, () => stderr);
    await Promise.race([live, events.ended]);

    // The README's second shell: a rep enters a lead and keeps it.
    const created = json(await bash(repEntersLead));
    expect(created.errors).toBeUndefined();
    expect(created.data.createLead).toMatchObject({ status: "ASSIGNED", owner: { name: expect.any(String) } });
    const kept = await events.next();
    expect(kept).toEqual({
      data: {
        leadAssigned: {
          lead: { id: created.data.createLead.id, company: "Shanxi Boiler Works", status: "ASSIGNED" },
          owner: { name: created.data.createLead.owner.name },
          assignedBy: { name: created.data.createLead.owner.name },
          assignedAt: expect.any(String),
        },
      },
    });

    // An assignment by hand, as modules/leads/lead-assigned.test.ts makes one: the rep's manager hears of it too.
    const ops = await t.token("ops.coal@demo.test");
    const lead = await t.gql(`mutation($i: CreateLeadInput!) { createLead(input: $i) { id status } }`, { i: { company: "Datong Mining Supplies", contactName: "Zhao Min", phone: "+86 352 555 0188" } }, ops);
    expect(lead.errors).toBeUndefined();
    const assigned = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { owner { name } } }`, { id: lead.data.createLead.id, o: await t.userId("rep2.coal@demo.test") }, ops);
    expect(assigned.errors).toBeUndefined();
    const byHand = await events.next();
    expect(byHand.data.leadAssigned).toMatchObject({ lead: { id: lead.data.createLead.id, company: "Datong Mining Supplies", status: "ASSIGNED" }, owner: { name: assigned.data.assignLead.owner.name } });
    expect(byHand.data.leadAssigned.assignedBy.name).not.toBe(byHand.data.leadAssigned.owner.name);
  });

  it("says why and exits 1 when the token is refused", async () => {
    const [subscribe] = codeBlocks(README, "A first subscription");
    let stderr = "";
    child = spawn("bash", ["-c", here(subscribe)], { cwd: ROOT, env: { ...process.env, TOKEN: "not-a-token" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    let stdout = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child!.on("exit", resolve));
    expect({ code, stdout, stderr: stderr.trim() }).toEqual({ code: 1, stdout: "", stderr: "subscription failed: socket closed with 4403 Forbidden" });
  });
});
