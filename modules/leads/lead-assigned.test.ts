import type { Client } from "graphql-ws";
import { authenticate } from "../../src/auth/authenticate";
import { createContext } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { conflict } from "../../src/errors";
import { startTestGateway, codes, type TestGateway } from "../../test/harness";
import { LEAD_ASSIGNED, leadAssigned } from "./lead-assigned.event";
import { Lead, LeadStatus } from "./lead.entity";
import { LEAD_AUDITED, requireLead } from "./lead.service";
import { collect, Collector } from "../../test/subscriptions";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.stop());

const SUBSCRIPTION = `subscription { leadAssigned { lead { id company status territory { code } } owner { email } assignedBy { email } assignedAt } }`;


/** Subscribes and collects every event the client receives. */
const watch = (client: Client, query = SUBSCRIPTION, into?: Collector): Collector => collect(client, query, into);

/** Subscriptions to assignments the server has open now (each listens on its event bus). */
const openSubscriptions = () => t.gateway.services.events.listenerCount(LEAD_ASSIGNED);

/** Waits until `count` more subscriptions listen for assignments than `before` (the server has opened them). */
async function listening(before: number, count: number): Promise<void> {
  while (openSubscriptions() < before + count) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A lead a rep enters for themselves: assigned to them at once, so it is an assignment their
 * territory's watchers hear of. Used as a barrier: events reach a subscriber in the order they
 * were committed, so when this one is the next event a subscriber gets, no event committed before
 * it is still on its way there.
 */
async function ownLead(email: string, company: string): Promise<string> {
  const r = await t.gql(`mutation($i: CreateLeadInput!) { createLead(input: $i) { id status } }`, { i: { company, contactName: "Barrier Contact", phone: "+86 139 5555 0000" } }, await t.token(email));
  expect(r.errors).toBeUndefined();
  expect(r.data.createLead.status).toBe("ASSIGNED");
  return r.data.createLead.id;
}

/** [lead id, owner's e-mail] of each event, for compact assertions. */
const assignments = (w: Collector) => w.events.map((e) => [e.data.leadAssigned.lead.id, e.data.leadAssigned.owner.email]);

async function newCoalLead(company: string): Promise<string> {
  const r = await t.gql(`mutation($i: CreateLeadInput!) { createLead(input: $i) { id status } }`, { i: { company, contactName: "Li Wei", phone: "+86 139 1234 5678", region: "Shanxi" } }, await t.token("ops.coal@demo.test"));
  expect(r.errors).toBeUndefined();
  expect(r.data.createLead.status).toBe("NEW");
  return r.data.createLead.id;
}

describe("leadAssigned over graphql-ws", () => {
  it("reaches the new owner and their manager within a second, and never a rep of another territory", async () => {
    const before = openSubscriptions();
    const rep = watch(t.ws(await t.token("rep1.coal@demo.test")));
    const manager = watch(t.ws(await t.token("manager.coal@demo.test")));
    const head = watch(t.ws(await t.token("head.coal@demo.test")));
    const ops = watch(t.ws(await t.token("ops.coal@demo.test")));
    const exec = watch(t.ws(await t.token("exec@demo.test")));
    const foodRep = watch(t.ws(await t.token("rep1.food@demo.test")));
    const otherRep = watch(t.ws(await t.token("rep2.coal@demo.test")));
    const foodHead = watch(t.ws(await t.token("head.food@demo.test")));
    await listening(before, 8);

    const leadId = await newCoalLead("Live Assignment Boiler Co.");
    const rep1 = await t.userId("rep1.coal@demo.test");
    const assigned = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id status owner { email } } }`, { id: leadId, o: rep1 }, await t.token("ops.coal@demo.test"));
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data.assignLead).toMatchObject({ status: "ASSIGNED", owner: { email: "rep1.coal@demo.test" } });

    await rep.arrived(1, 1000);
    await manager.arrived(1, 1000);
    for (const w of [head, ops, exec]) await w.arrived(1, 1000);
    const event = rep.events[0].data.leadAssigned;
    expect(event).toMatchObject({ lead: { id: leadId, company: "Live Assignment Boiler Co.", status: "ASSIGNED", territory: { code: "COAL" } }, owner: { email: "rep1.coal@demo.test" }, assignedBy: { email: "ops.coal@demo.test" } });
    expect(new Date(event.assignedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // Later assignments each of the others hears of: the first event each gets is that one, so the
    // assignment above never reached them.
    const foodBarrier = await ownLead("rep1.food@demo.test", "Food Barrier Co.");
    const coalBarrier = await ownLead("rep2.coal@demo.test", "Coal Barrier Co.");
    for (const w of [foodRep, foodHead, otherRep]) await w.arrived(1, 1000);
    expect(assignments(foodRep)).toEqual([[foodBarrier, "rep1.food@demo.test"]]);
    expect(assignments(foodHead)).toEqual([[foodBarrier, "rep1.food@demo.test"]]);
    expect(assignments(otherRep)).toEqual([[coalBarrier, "rep2.coal@demo.test"]]);
    expect(foodRep.errors).toEqual([]);
  });

  it("announces dispatch by rule and reassignment too, and nothing for a refused assignment", async () => {
    const before = openSubscriptions();
    const manager = watch(t.ws(await t.token("manager.coal@demo.test")));
    const rep2 = watch(t.ws(await t.token("rep2.coal@demo.test")));
    await listening(before, 2);
    const leadId = await newCoalLead("Reassigned Steel Co.");
    const ops = await t.token("ops.coal@demo.test");
    const dispatched = await t.gql(`mutation($id: ID!) { dispatchLead(id: $id) { owner { email } } }`, { id: leadId }, ops);
    expect(dispatched.errors).toBeUndefined();
    await manager.arrived(1, 1000);

    const refused = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id } }`, { id: leadId, o: await t.userId("rep1.food@demo.test") }, ops);
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors![0].extensions).toMatchObject({ field: "ownerId", reason: "OUTSIDE_TERRITORY" });

    const current = dispatched.data.dispatchLead.owner.email;
    const other = current === "rep2.coal@demo.test" ? "rep1.coal@demo.test" : "rep2.coal@demo.test";
    const reassigned = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { owner { email } } }`, { id: leadId, o: await t.userId(other) }, await t.token("manager.coal@demo.test"));
    expect(reassigned.errors).toBeUndefined();
    await manager.arrived(2, 1000);
    // A later assignment both hear of: the next event each gets is that one, so nothing else (the
    // refused assignment, a second copy) came before it.
    const barrier = await ownLead("rep2.coal@demo.test", "Dispatch Barrier Co.");
    await manager.arrived(3, 1000);
    await rep2.arrived(2, 1000);
    expect(assignments(manager)).toEqual([
      [leadId, current],
      [leadId, other],
      [barrier, "rep2.coal@demo.test"],
    ]);
    expect(assignments(rep2)).toEqual([
      [leadId, "rep2.coal@demo.test"],
      [barrier, "rep2.coal@demo.test"],
    ]);
  });

  it("reads an assignment's rows once, however many subscribers hear of it", async () => {
    const ROOT_ONLY = `subscription { leadAssigned { lead { id company } owner { email } assignedBy { email } assignedAt } }`;
    const watchers = ["manager.coal@demo.test", "head.coal@demo.test", "ops.coal@demo.test", "exec@demo.test"];
    const ops = await t.token("ops.coal@demo.test");
    const rep1 = await t.userId("rep1.coal@demo.test");
    /** Statements of one assignment and its delivery to `copies` subscribers per watching user. */
    const costWith = async (copies: number) => {
      const events = new Collector();
      const before = openSubscriptions();
      for (const email of watchers) {
        const token = await t.token(email);
        for (let i = 0; i < copies; i++) watch(t.ws(token), ROOT_ONLY, events);
      }
      await listening(before, watchers.length * copies);
      const leadId = await newCoalLead(`Counted Delivery ${copies} Co.`);
      const statements = await t.countStatements(async () => {
        const r = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id } }`, { id: leadId, o: rep1 }, ops);
        expect(r.errors).toBeUndefined();
        await events.arrived(watchers.length * copies, 2000);
      });
      expect(events.events).toHaveLength(watchers.length * copies);
      return statements;
    };
    const few = await costWith(1);
    const many = await costWith(5);
    expect(many).toBe(few);
  });

  it("announces a lead a rep creates for themselves to the managers above them, never to another territory", async () => {
    const before = openSubscriptions();
    const rep = watch(t.ws(await t.token("rep1.coal@demo.test")));
    const manager = watch(t.ws(await t.token("manager.coal@demo.test")));
    const head = watch(t.ws(await t.token("head.coal@demo.test")));
    const foodRep = watch(t.ws(await t.token("rep1.food@demo.test")));
    await listening(before, 4);
    const created = await t.gql(`mutation($i: CreateLeadInput!) { createLead(input: $i) { id status } }`, { i: { company: "Found It Myself Co.", contactName: "Hu Jun", phone: "+86 139 0000 1111" } }, await t.token("rep1.coal@demo.test"));
    expect(created.errors).toBeUndefined();
    expect(created.data.createLead.status).toBe("ASSIGNED");
    for (const w of [manager, head, rep]) await w.arrived(1, 1000);
    expect(manager.events[0].data.leadAssigned).toMatchObject({ lead: { id: created.data.createLead.id, status: "ASSIGNED", territory: { code: "COAL" } }, owner: { email: "rep1.coal@demo.test" }, assignedBy: { email: "rep1.coal@demo.test" } });
    // Later assignments the FOOD rep and the COAL manager hear of: the FOOD rep's first event and the
    // manager's second are those, so the lead above reached neither the FOOD rep nor the manager twice.
    const foodBarrier = await ownLead("rep1.food@demo.test", "Food Own Barrier Co.");
    const coalBarrier = await ownLead("rep2.coal@demo.test", "Coal Own Barrier Co.");
    await foodRep.arrived(1, 1000);
    await manager.arrived(2, 1000);
    expect(assignments(foodRep)).toEqual([[foodBarrier, "rep1.food@demo.test"]]);
    expect(assignments(manager)).toEqual([
      [created.data.createLead.id, "rep1.coal@demo.test"],
      [coalBarrier, "rep2.coal@demo.test"],
    ]);
  });

  it("sends nothing for an assignment whose transaction rolled back, and the next committed one arrives", async () => {
    const before = openSubscriptions();
    const manager = watch(t.ws(await t.token("manager.coal@demo.test")));
    await listening(before, 1);
    const leadId = await newCoalLead("Rolled Back Assignment Co.");
    const ops = await t.token("ops.coal@demo.test");
    const rep1 = await t.userId("rep1.coal@demo.test");
    const rep2 = await t.userId("rep2.coal@demo.test");
    // No request fails after its assignment is queued, so the rollback is made here, with the gateway's own services.
    const { services } = t.gateway;
    const ctx = createContext(services, await authenticate(services.config, services.db, `Bearer ${ops}`), "127.0.0.1");
    const rolledBack = inTransaction(ctx, async (uow) => {
      const lead = await requireLead(ctx, uow.manager, Number(leadId));
      const assigned = await versionedUpdate(uow, Lead, lead, { status: LeadStatus.ASSIGNED, ownerId: Number(rep1), assignedById: ctx.viewer!.id, assignedAt: new Date() }, { action: "ASSIGN", audited: LEAD_AUDITED });
      uow.emit(leadAssigned(assigned, null, "HAND"));
      throw conflict("a later step of the same transaction failed");
    });
    await expect(rolledBack).rejects.toThrow("a later step of the same transaction failed");
    expect(manager.events).toEqual([]);
    const unchanged = await t.gql(`query($id: ID!) { lead(id: $id) { status owner { email } } }`, { id: leadId }, ops);
    expect(unchanged.data.lead).toEqual({ status: "NEW", owner: null });

    // The committed one goes to another rep than the rolled-back one did, so the two cannot be taken
    // for each other: events arrive in commit order, so had the rolled-back one been sent, it would
    // be the manager's first.
    const committed = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id } }`, { id: leadId, o: rep2 }, ops);
    expect(committed.errors).toBeUndefined();
    await manager.arrived(1, 1000);
    expect(assignments(manager)).toEqual([[leadId, "rep2.coal@demo.test"]]);
  });

  it("shows each subscriber the lead as its assignment left it, even when it moved to another territory before delivery", async () => {
    const before = openSubscriptions();
    const coal = watch(t.ws(await t.token("head.coal@demo.test")));
    const food = watch(t.ws(await t.token("head.food@demo.test")));
    await listening(before, 2);
    const leadId = await newCoalLead("Moved At Once Co.");
    const exec = await t.token("exec@demo.test");
    const [coalRep, foodRep] = [Number(await t.userId("rep1.coal@demo.test")), Number(await t.userId("rep1.food@demo.test"))];
    const territory = async (email: string) => (await t.gql(`{ viewer { territory { id } } }`, {}, await t.token(email))).data.viewer.territory.id;
    const [coalId, foodId] = [Number(await territory("rep1.coal@demo.test")), Number(await territory("rep1.food@demo.test"))];
    // Two assignments in quick succession, the second committed before the first is delivered: made
    // here with the gateway's own services, so that the order does not depend on timing.
    const { services } = t.gateway;
    const ctx = createContext(services, await authenticate(services.config, services.db, `Bearer ${exec}`), "127.0.0.1");
    await inTransaction(ctx, async (uow) => {
      const lead = await requireLead(ctx, uow.manager, Number(leadId));
      const toCoal = await versionedUpdate(uow, Lead, lead, { status: LeadStatus.ASSIGNED, ownerId: coalRep, territoryId: coalId, assignedById: ctx.viewer!.id, assignedAt: new Date() }, { action: "ASSIGN", audited: LEAD_AUDITED });
      uow.emit(leadAssigned(toCoal, null, "HAND"));
      const toFood = await versionedUpdate(uow, Lead, toCoal, { ownerId: foodRep, territoryId: foodId, assignedAt: new Date() }, { action: "ASSIGN", audited: LEAD_AUDITED });
      uow.emit(leadAssigned(toFood, coalRep, "HAND"));
    });
    await coal.arrived(1, 2000);
    await food.arrived(1, 2000);
    expect(coal.events[0].data.leadAssigned).toMatchObject({ lead: { id: leadId, territory: { code: "COAL" } }, owner: { email: "rep1.coal@demo.test" } });
    expect(food.events[0].data.leadAssigned).toMatchObject({ lead: { id: leadId, territory: { code: "FOOD" } }, owner: { email: "rep1.food@demo.test" } });
    // Back to COAL over HTTP: the COAL head's next event is this one, so the FOOD one never reached it.
    const back = await t.gql(`mutation($id: ID!, $o: ID!) { assignLead(id: $id, ownerId: $o) { id } }`, { id: leadId, o: await t.userId("rep2.coal@demo.test") }, exec);
    expect(back.errors).toBeUndefined();
    await coal.arrived(2, 2000);
    expect(coal.events.map((e) => [e.data.leadAssigned.lead.territory.code, e.data.leadAssigned.owner.email])).toEqual([
      ["COAL", "rep1.coal@demo.test"],
      ["COAL", "rep2.coal@demo.test"],
    ]);
    expect(food.events).toHaveLength(1);
  });

  it("refuses roles that do not watch assignments and connections without a valid token", async () => {
    const finance = t.ws(await t.token("finance.coal@demo.test"));
    const first = await finance.iterate({ query: SUBSCRIPTION }).next();
    expect(first.value.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    const anonymous = t.ws(null);
    await expect(anonymous.iterate({ query: SUBSCRIPTION }).next()).rejects.toBeDefined();
  });
});
