import { startTestGateway, type TestGateway } from "../../test/harness";
import { AuditEntry } from "../audit/audit-entry.entity";
import { inTransaction } from "./unit-of-work";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

describe("inTransaction", () => {
  it("keeps a transaction that committed while another was open, when that other one rolls back (SQLite: one connection)", async () => {
    const { services } = t.gateway;
    const ctx = { db: services.db, events: services.events, viewer: null };
    const marker = `uow-test-${Date.now()}`;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    // The first writes, then waits (as a request awaiting anything would) and fails.
    const first = inTransaction(ctx, async (uow) => {
      await uow.audit(marker, 1, "FIRST", {});
      firstWrote();
      await gate;
      throw new Error("the first one fails");
    });
    await wrote;
    // The second starts while the first is open, and succeeds.
    const second = inTransaction(ctx, async (uow) => {
      await uow.audit(marker, 2, "SECOND", {});
      return "committed";
    });
    release();
    await expect(first).rejects.toThrow("the first one fails");
    await expect(second).resolves.toBe("committed");
    const stored = await services.db.getRepository(AuditEntry).findBy({ entityType: marker });
    expect(stored.map((entry) => entry.action)).toEqual(["SECOND"]);
  });

  it("joins a transaction begun inside another, in the same call", async () => {
    const { services } = t.gateway;
    const ctx = { db: services.db, events: services.events, viewer: null };
    const marker = `uow-nested-${Date.now()}`;
    await inTransaction(ctx, async (outer) => {
      await outer.audit(marker, 1, "OUTER", {});
      await inTransaction(ctx, (inner) => inner.audit(marker, 2, "INNER", {}));
    });
    const stored = await services.db.getRepository(AuditEntry).findBy({ entityType: marker });
    expect(stored.map((entry) => entry.action).sort()).toEqual(["INNER", "OUTER"]);
  });
});
