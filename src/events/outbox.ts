import { In, LessThan, LessThanOrEqual, MoreThan, type DataSource } from "typeorm";
import type { EventName } from "./domain-events";
import { EventConsumer } from "./event-consumer.entity";
import { OutboxEntry } from "./outbox-entry.entity";

/** One event handler of a module, consuming the outbox from its own recorded position. */
export interface OutboxConsumer {
  /** `<module>/<event name>`: the key of its position */
  name: string;
  event: EventName;
  handle(payload: unknown): Promise<void> | void;
}

export interface OutboxSettings {
  /** whether this instance runs handlers (it always records events) */
  dispatch: boolean;
  /** how often to look for events written elsewhere (other instances) and to retry */
  pollMs: number;
  /** how long handled events are kept */
  retentionMs: number;
}

const BATCH = 100;
const MAX_BACKOFF_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 3600_000;
/** How long a position waits at a missing id before taking it for a rolled-back insert. */
const GAP_WAIT_MS = 5000;

/**
 * Runs module event handlers from the outbox, at least once: events are written in the same
 * transaction as the change (unit-of-work.ts), and each handler's position moves only after it has
 * handled an event, so a crash between a commit and its handlers loses nothing: the next start
 * catches up. A failing handler is retried with growing delays and holds back only itself; handlers
 * must be idempotent. Several instances may dispatch: a position moves by compare-and-set, so an
 * event may be handled twice, never skipped.
 */
export class OutboxDispatcher {
  private readonly retryAt = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly gaps = new Map<string, { after: number; since: number }>();
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly db: DataSource,
    private readonly consumers: OutboxConsumer[],
    private readonly settings: OutboxSettings,
    /** told after each handled event (the gateway tells its event bus) */
    private readonly onHandled: (consumer: string, eventId: number) => void = () => undefined,
  ) {}

  /**
   * Records a position for each consumer the database does not know yet (at the end of the outbox: a
   * handler added later does not replay history), then starts dispatching if this instance does.
   */
  async start(): Promise<void> {
    const known = new Set((await this.db.getRepository(EventConsumer).find({ select: { name: true } })).map((c) => c.name));
    const fresh = this.consumers.filter((c) => !known.has(c.name));
    if (fresh.length > 0) {
      const end = (await this.db.getRepository(OutboxEntry).maximum("id")) ?? 0;
      await this.db.getRepository(EventConsumer).insert(fresh.map((c) => ({ name: c.name, position: end, updatedAt: new Date() })));
    }
    if (!this.settings.dispatch) return;
    this.schedule(0);
  }

  /**
   * A commit wrote events: look now rather than at the next poll, if a handler here takes one of
   * them (the others are passed over at the next look; most writes have no handler at all).
   */
  wake(names: readonly EventName[]): void {
    if (!this.settings.dispatch || this.stopped) return;
    if (this.consumers.some((consumer) => names.includes(consumer.event))) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delay);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    this.timer = null;
    this.again = false;
    this.draining = (async () => {
      for (const consumer of this.consumers) {
        if (this.stopped) break;
        if ((this.retryAt.get(consumer.name) ?? 0) > Date.now()) continue;
        this.retryAt.delete(consumer.name);
        await this.drainConsumer(consumer).catch((error) => console.error(`outbox: reading events for ${consumer.name} failed:`, error));
      }
      if (!this.stopped && Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune().catch((error) => console.error("outbox: pruning failed:", error));
    })();
    await this.draining;
    this.draining = null;
    const nextRetry = Math.min(...[...this.retryAt.values()].map((at) => at - Date.now()), this.settings.pollMs);
    this.schedule(this.again ? 0 : Math.max(0, nextRetry));
  }

  /**
   * Hands the consumer its events after its position, in id order, moving the position over the
   * others too. Ids are handed out at insert, not at commit: a missing id may be a transaction still
   * committing (MySQL), so the position waits at a gap for GAP_WAIT_MS before it takes the gap for a
   * rollback and passes it. Outbox rows are written last in a transaction, so that wait is short.
   */
  private async drainConsumer(consumer: OutboxConsumer): Promise<void> {
    const positions = this.db.getRepository(EventConsumer);
    let saved = (await positions.findOneByOrFail({ name: consumer.name })).position;
    let position = saved;
    const save = async () => {
      if (position === saved) return;
      const moved = await positions.update({ name: consumer.name, position: saved }, { position, updatedAt: new Date() });
      // Another instance moved it meanwhile: it has handled these; go on from where it is now.
      saved = position = moved.affected ? position : (await positions.findOneByOrFail({ name: consumer.name })).position;
    };
    try {
      for (;;) {
        const entries = await this.db.getRepository(OutboxEntry).find({
          select: { id: true, name: true, payload: true },
          where: { id: MoreThan(position) },
          order: { id: "ASC" },
          take: BATCH,
        });
        for (const entry of entries) {
          if (entry.id !== position + 1 && !this.gapPassed(consumer.name, position)) return;
          if (entry.name === consumer.event) {
            try {
              await consumer.handle(JSON.parse(entry.payload));
            } catch (error) {
              this.failed(consumer.name, entry.id, error);
              return;
            }
            this.failures.delete(consumer.name);
            position = entry.id;
            await save();
            this.onHandled(consumer.name, entry.id);
          } else position = entry.id;
        }
        if (entries.length < BATCH || this.stopped) return;
      }
    } finally {
      await save();
    }
  }

  /** Whether the gap after `position` has waited long enough to be a rollback; schedules the next look if not. */
  private gapPassed(consumer: string, position: number): boolean {
    const seen = this.gaps.get(consumer);
    if (seen && seen.after === position) {
      if (Date.now() - seen.since >= GAP_WAIT_MS) {
        this.gaps.delete(consumer);
        return true;
      }
    } else this.gaps.set(consumer, { after: position, since: Date.now() });
    this.retryAt.set(consumer, this.gaps.get(consumer)!.since + GAP_WAIT_MS);
    return false;
  }

  private failed(consumer: string, eventId: number, error: unknown): void {
    const failures = (this.failures.get(consumer) ?? 0) + 1;
    this.failures.set(consumer, failures);
    const delay = Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
    this.retryAt.set(consumer, Date.now() + delay);
    console.error(`outbox: ${consumer} failed on event ${eventId} (attempt ${failures}, next in ${delay} ms):`, error);
  }

  /** Drops events every consumer has handled once they are older than the retention. */
  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    const cutoff = new Date(Date.now() - this.settings.retentionMs);
    const positions = await this.db.getRepository(EventConsumer).find({ where: { name: In(this.consumers.map((c) => c.name)) } });
    const everyoneHandled = positions.length === 0 ? null : Math.min(...positions.map((p) => p.position));
    await this.db.getRepository(OutboxEntry).delete(
      everyoneHandled === null ? { occurredAt: LessThan(cutoff) } : { occurredAt: LessThan(cutoff), id: LessThanOrEqual(everyoneHandled) },
    );
  }
}
