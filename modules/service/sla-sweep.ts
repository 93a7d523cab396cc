import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { badInput } from "../../src/errors";
import { ticketBreached, type SlaClockName } from "./service.events";
import { Ticket, TicketStatus } from "./ticket.entity";

export type SweepRunner = Pick<Context, "db" | "events" | "viewer">;

/** The clocks still running: NEW and OPEN tickets (PENDING ones stand still, RESOLVED and CLOSED ones stopped). */
const RUNNING = [TicketStatus.NEW, TicketStatus.OPEN];

const CLOCKS: { clock: SlaClockName; due: "firstResponseDueAt" | "resolutionDueAt"; flag: "firstResponseBreached" | "resolutionBreached"; unanswered?: true }[] = [
  { clock: "FIRST_RESPONSE", due: "firstResponseDueAt", flag: "firstResponseBreached", unanswered: true },
  { clock: "RESOLUTION", due: "resolutionDueAt", flag: "resolutionBreached" },
];

/**
 * Flags every SLA target missed as of `asOf`, each exactly once: a running clock past its due time
 * (a first response still missing, a resolution still open). The flag is set by a conditional UPDATE
 * (`... WHERE flag = false`), so of two sweeps racing over one ticket only the one whose UPDATE
 * changed the row audits the breach and announces it (`ticket.breached`, heard by slaBreached).
 * The periodic job and `runSlaSweep(asOf)` both call this; `asOf` may be in the past, never in the
 * future, where it would flag promises not yet broken.
 */
export async function runSlaSweep(runner: SweepRunner, asOf: Date, now = new Date()): Promise<{ firstResponse: number; resolution: number }> {
  if (asOf.getTime() > now.getTime()) throw badInput("asOf", "must not be later than now");
  const flagged = { firstResponse: 0, resolution: 0 };
  for (const { clock, due, flag, unanswered } of CLOCKS) {
    const qb = runner.db.getRepository(Ticket).createQueryBuilder("t").where("t.status IN (:...running)", { running: RUNNING }).andWhere(`t.${due} <= :asOf`, { asOf }).andWhere(`t.${flag} = :no`, { no: false });
    if (unanswered) qb.andWhere("t.firstRespondedAt IS NULL");
    const candidates = await qb.select("t.id").orderBy("t.id").getMany();
    for (const { id } of candidates) {
      const breached = await inTransaction(runner, async (uow) => {
        // The candidate's every condition again, in the UPDATE: answered, resolved or flagged since, it is left alone.
        const update = uow.manager.createQueryBuilder().update(Ticket).set({ [flag]: true }).where("id = :id", { id }).andWhere(`${flag} = :no`, { no: false }).andWhere("status IN (:...running)", { running: RUNNING }).andWhere(`${due} <= :asOf`, { asOf });
        if (unanswered) update.andWhere("firstRespondedAt IS NULL");
        const result = await update.execute();
        if (!result.affected) return false;
        const ticket = await uow.manager.findOneByOrFail(Ticket, { id });
        await uow.audit("Ticket", id, "SLA_BREACH", { [flag]: { from: false, to: true }, [due]: { from: null, to: ticket[due].toISOString() }, asOf: { from: null, to: asOf.toISOString() } });
        uow.emit(ticketBreached(ticket, clock, ticket[due], asOf));
        return true;
      });
      if (breached) flagged[clock === "FIRST_RESPONSE" ? "firstResponse" : "resolution"]++;
    }
  }
  return flagged;
}
