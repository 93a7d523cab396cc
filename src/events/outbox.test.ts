import { startTestGateway, type TestGateway } from "../../test/harness";
import { EventConsumer } from "./event-consumer.entity";
import { OutboxDispatcher, type OutboxConsumer } from "./outbox";
import { OutboxEntry } from "./outbox-entry.entity";

/**
 * The outbox on a real database, fed by real requests: events are written with the change that
 * caused them, consumers read them after the commit from their own recorded position, at least once.
 * The consumers here record what they receive; the modules' handlers run the same way.
 */
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`;
let seq = 0;
const createAccount = async () => {
  const r = await t.gql(CREATE, { input: { name: `Outbox Customer ${process.pid} ${++seq}` } }, await t.token("manager.coal@demo.test"));
  expect(r.errors).toBeUndefined();
  return Number(r.data.createAccount.id);
};

/** A consumer of account.created that records the account ids it is handed; `fail` makes it throw first. */
function recorder(name: string, fail: { times: number } = { times: 0 }) {
  const seen: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const consumer: OutboxConsumer = {
    name,
    event: "account.created",
    handle: (payload) => {
      if (fail.times > 0) {
        fail.times--;
        throw new Error("handler failed on purpose");
      }
      seen.push((payload as { accountId: number }).accountId);
      for (const w of waiters.filter((w) => seen.length >= w.count)) w.resolve();
    },
  };
  const reached = (count: number) => new Promise<void>((resolve) => (seen.length >= count ? resolve() : waiters.push({ count, resolve })));
  return { consumer, seen, reached };
}

function dispatcher(consumers: OutboxConsumer[]) {
  const d = new OutboxDispatcher(t.gateway.services.db, consumers, { dispatch: true, pollMs: 100, retentionMs: 7 * 86400_000 });
  const off = t.gateway.services.events.onOutboxWritten((names) => d.wake(names));
  return { d, stop: async () => (off(), await d.stop()) };
}

describe("the event outbox", () => {
  it("writes each event in the transaction of its change and hands it to a consumer after the commit", async () => {
    const { consumer, seen, reached } = recorder("test/created-after-commit");
    const { d, stop } = dispatcher([consumer]);
    await d.start();
    try {
      const id = await createAccount();
      const stored = await t.gateway.services.db.getRepository(OutboxEntry).findBy({ name: "account.created" });
      expect(stored.map((e) => JSON.parse(e.payload).accountId)).toContain(id);
      await reached(1);
      expect(seen).toEqual([id]);
    } finally {
      await stop();
    }
  });

  it("a consumer added later starts at the end, and one started again goes on from its recorded position, losing nothing", async () => {
    const before = await createAccount();
    const first = recorder("test/restart");
    const run1 = dispatcher([first.consumer]);
    await run1.d.start();
    const a = await createAccount();
    await first.reached(1);
    await run1.stop();
    // Written while nobody consumes: as after a crash between a commit and its handlers.
    const b = await createAccount();
    const c = await createAccount();
    const second = recorder("test/restart");
    const run2 = dispatcher([second.consumer]);
    await run2.d.start();
    try {
      await second.reached(2);
    } finally {
      await run2.stop();
    }
    expect(first.seen).toEqual([a]);
    expect(second.seen).toEqual([b, c]);
    expect([...first.seen, ...second.seen]).not.toContain(before);
    const position = await t.gateway.services.db.getRepository(EventConsumer).findOneByOrFail({ name: "test/restart" });
    const last = await t.gateway.services.db.getRepository(OutboxEntry).findOneByOrFail({ name: "account.created", payload: JSON.stringify({ accountId: c }) });
    expect(position.position).toBeGreaterThanOrEqual(last.id);
  });

  it("retries a failing consumer until it succeeds, without moving its position past the event, and holds back no other consumer", async () => {
    const failing = recorder("test/failing", { times: 2 });
    const healthy = recorder("test/healthy");
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const { d, stop } = dispatcher([failing.consumer, healthy.consumer]);
    await d.start();
    try {
      const id = await createAccount();
      await healthy.reached(1);
      expect(failing.seen).toEqual([]);
      // Retried after 1 s, then 2 s: the third attempt succeeds.
      await failing.reached(1);
      expect(failing.seen).toEqual([id]);
      expect(errors.mock.calls.filter((c) => String(c[0]).includes("test/failing failed on event"))).toHaveLength(2);
    } finally {
      errors.mockRestore();
      await stop();
    }
  }, 20_000);

  it("writes nothing for a transaction that rolled back", async () => {
    const outbox = t.gateway.services.db.getRepository(OutboxEntry);
    const count = await outbox.count();
    const duplicate = await t.gql(CREATE, { input: { name: `Outbox Customer ${process.pid} ${seq}` } }, await t.token("manager.coal@demo.test"));
    expect(duplicate.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(await outbox.count()).toBe(count);
  });
});
