import type { MigrationInterface, QueryRunner } from "typeorm";
import { normaliseAccountName, normaliseRegistrationNo } from "../account-name";

const BATCH = 1000;
const KEY_LENGTH = 200;

/**
 * Recomputes the stored duplicate keys with the normalisation that drops invisible characters and
 * folds confusables (account-name.ts, issue 8). Keys of plain ASCII names do not change; the others
 * may, and two accounts that were distinct under the old keys may now share one: the first entered
 * (lowest id) keeps the key and each later one gets `<key>#<id>`, so no row is lost and the unique
 * index holds. Such accounts stay as they are otherwise, for people to merge or rename; renaming one
 * recomputes its key and meets the duplicate rule as usual.
 *
 * Stored registration numbers passed /^[0-9A-Z]{6,30}$/, on which the new normalisation changes
 * nothing; one that it would change (written around the API) is rewritten unless another account
 * already has the new value.
 *
 * The table is read in batches by id; only the rows whose key changes are kept in memory.
 */
export class AccountNameKeys1700000001200 implements MigrationInterface {
  name = "AccountNameKeys1700000001200";

  async up(q: QueryRunner): Promise<void> {
    const changedKeys = new Map<number, string>();
    const changedRegistrationNos = new Map<number, string>();
    for (let after = 0; ; ) {
      const rows: { id: number; name: string; nameKey: string; registrationNo: string | null }[] = await q.query(
        "SELECT id, name, nameKey, registrationNo FROM accounts WHERE id > ? ORDER BY id LIMIT " + BATCH,
        [after],
      );
      for (const row of rows) {
        const id = Number(row.id);
        const key = normaliseAccountName(row.name);
        if (key !== row.nameKey) changedKeys.set(id, key);
        if (row.registrationNo !== null) {
          const registrationNo = normaliseRegistrationNo(row.registrationNo);
          if (registrationNo !== row.registrationNo && registrationNo !== "") changedRegistrationNos.set(id, registrationNo);
        }
      }
      if (rows.length < BATCH) break;
      after = Number(rows[rows.length - 1].id);
    }
    await rewriteKeys(q, changedKeys);
    for (const [id, registrationNo] of changedRegistrationNos) {
      const taken = await q.query("SELECT id FROM accounts WHERE registrationNo = ?", [registrationNo]);
      if (taken.length === 0) await q.query("UPDATE accounts SET registrationNo = ? WHERE id = ?", [registrationNo, id]);
    }
  }

  async down(): Promise<void> {
    // The old keys are not kept; the new ones are what the application compares from now on.
  }
}

/**
 * Gives every account in `changed` its new key. Who keeps a key that several accounts now share is
 * decided among those accounts and the unchanged one that already has it, by lowest id. Every row that
 * moves first parks on a placeholder (upper case, which no key contains), so that no update meets a key
 * that another row is about to give up; the winners take their keys before the others are suffixed.
 */
async function rewriteKeys(q: QueryRunner, changed: Map<number, string>): Promise<void> {
  if (changed.size === 0) return;
  const claimants = new Map<string, number[]>();
  for (const [id, key] of changed) {
    const ids = claimants.get(key);
    if (ids) ids.push(id);
    else claimants.set(key, [id]);
  }
  const keys = [...claimants.keys()];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const holders: { id: number; nameKey: string }[] = await q.query(
      `SELECT id, nameKey FROM accounts WHERE nameKey IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const holder of holders) {
      const id = Number(holder.id);
      // A changed row holding the key now gives it up; an unchanged one competes for it.
      if (!changed.has(id)) claimants.get(holder.nameKey)?.push(id);
    }
  }

  const winners = new Map<number, string>();
  const losers = new Map<number, string>();
  for (const [key, ids] of claimants) {
    ids.sort((a, b) => a - b);
    if (changed.has(ids[0])) winners.set(ids[0], key);
    for (const id of ids.slice(1)) losers.set(id, key);
  }
  for (const id of [...winners.keys(), ...losers.keys()]) await q.query("UPDATE accounts SET nameKey = ? WHERE id = ?", [`MOVING#${id}`, id]);
  for (const [id, key] of winners) await q.query("UPDATE accounts SET nameKey = ? WHERE id = ?", [key, id]);
  for (const [id, key] of losers) {
    // A real name could normalise to `<key>#<id>` too: then `<key>#<id>.1`, and so on.
    let candidate = suffixed(key, id, 0);
    for (let n = 1; (await q.query("SELECT id FROM accounts WHERE nameKey = ?", [candidate])).length > 0; n++) candidate = suffixed(key, id, n);
    await q.query("UPDATE accounts SET nameKey = ? WHERE id = ?", [candidate, id]);
  }
}

function suffixed(key: string, id: number, n: number): string {
  const suffix = n === 0 ? `#${id}` : `#${id}.${n}`;
  return key.slice(0, KEY_LENGTH - suffix.length) + suffix;
}
