import type { MigrationInterface, QueryRunner } from "typeorm";
import { normaliseEmail } from "../auth/auth.service";

const emailColumn = (collation: string) => `MODIFY \`email\` varchar(254) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`;

/**
 * E-mail addresses compare exactly. Login normalises what is typed (normaliseEmail: NFKC, invisible
 * characters dropped, lower case) and looks that up; on MySQL the column was utf8mb4_unicode_ci, which
 * also matched "rép1.coal@…" or the address with a zero-width space to rep1.coal@…, each under its own
 * per-account limit of failed logins. The column becomes binary there (SQLite compares bytes already),
 * and stored addresses are normalised the same way so that every user can still log in. An address
 * whose normalised form another user already has is left as it is (the unique index would refuse it).
 */
export class UserEmailExact1700000000100 implements MigrationInterface {
  name = "UserEmailExact1700000000100";

  async up(q: QueryRunner): Promise<void> {
    // Binary first, so that the unique index compares exactly what the loop below checks.
    if (q.connection.driver.options.type === "mysql") await q.query(`ALTER TABLE \`users\` ${emailColumn("utf8mb4_bin")}`);
    const rows: { id: number; email: string }[] = await q.query("SELECT id, email FROM users ORDER BY id");
    const taken = new Set(rows.map((r) => r.email));
    for (const row of rows) {
      const email = normaliseEmail(row.email);
      if (email === row.email || taken.has(email)) continue;
      await q.query("UPDATE users SET email = ? WHERE id = ?", [email, row.id]);
      taken.delete(row.email);
      taken.add(email);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === "mysql") await q.query(`ALTER TABLE \`users\` ${emailColumn("utf8mb4_unicode_ci")}`);
  }
}
