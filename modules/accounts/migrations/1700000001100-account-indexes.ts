import { TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Every account list filters on `archivedAt` (IS NULL unless the archive is asked for). The scoped
 * list `territoryId IN (…) AND (ownerId IN (…) OR inPublicPool) AND archivedAt IS NULL ORDER BY
 * name, id` walks one range of (territoryId, archivedAt, name, id) in order, and a territory's count
 * reads that index alone; it replaces (territoryId, name, id), and the date orders get the same.
 * Checked with EXPLAIN on MariaDB at 50,000 accounts: the unscoped orders keep (name, id),
 * (createdAt, id) and (updatedAt, id), as an (archivedAt, name, id) beside them drew reps' lists away
 * from the territory's index (twice the rows read); the approval index ends in the order columns, as
 * an (approvalStatus, territoryId) was intersected with others for the follow-up sweep, three times
 * slower than the scan it replaced.
 */
const ADDED: string[][] = [
  ["territoryId", "archivedAt", "name", "id"],
  ["territoryId", "archivedAt", "createdAt", "id"],
  ["territoryId", "archivedAt", "updatedAt", "id"],
  // The archive (archived: true) and the unscoped count of live accounts.
  ["archivedAt"],
  // The approval queue: a territory's pending accounts, by name.
  ["approvalStatus", "territoryId", "archivedAt", "name", "id"],
];

const REPLACED = ["territoryId", "name", "id"];

/** The duplicate keys (account-name.ts stores them normalised, lower case), as declared on MySQL. */
const keyColumns = (collation: string) =>
  `MODIFY \`nameKey\` varchar(200) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL, ` +
  `MODIFY \`registrationNo\` varchar(40) CHARACTER SET utf8mb4 COLLATE ${collation} NULL`;

const index = (columnNames: string[]) => new TableIndex({ columnNames });

/**
 * Indexes for the approval filter and for `archivedAt` in every list order. On MySQL the duplicate
 * keys become binary and unique: the database default utf8mb4_unicode_ci ignores accents, which made
 * "Café Ltd" a duplicate of "Cafe Ltd" on MySQL only (SQLite compares bytes), and case needs no
 * collation since the keys are stored lower case.
 */
export class AccountIndexes1700000001100 implements MigrationInterface {
  name = "AccountIndexes1700000001100";

  async up(q: QueryRunner): Promise<void> {
    // New indexes first: MySQL keeps an index on territoryId for its foreign key.
    await q.createIndices("accounts", ADDED.map(index));
    await q.dropIndex("accounts", index(REPLACED));
    if (q.connection.driver.options.type === "mysql") await q.query(`ALTER TABLE \`accounts\` ${keyColumns("utf8mb4_bin")}${await missingUniques(q)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The unique indexes stay: they are what the first migration declared.
    if (q.connection.driver.options.type === "mysql") await q.query(`ALTER TABLE \`accounts\` ${keyColumns("utf8mb4_unicode_ci")}`);
    await q.createIndex("accounts", index(REPLACED));
    for (const columns of ADDED) await q.dropIndex("accounts", index(columns));
  }
}

/**
 * The unique indexes of the duplicate keys, where the first migration did not get them: TypeORM's
 * MySQL createTable drops a table's `uniques` when its other indexes are unnamed (they compare equal
 * by their undefined names), so MySQL never enforced the duplicate rule against two writers at once.
 */
async function missingUniques(q: QueryRunner): Promise<string> {
  const table = (await q.getTable("accounts"))!;
  return ["nameKey", "registrationNo"]
    .filter((column) => !table.indices.some((i) => i.isUnique && i.columnNames.length === 1 && i.columnNames[0] === column))
    .map((column) => `, ADD UNIQUE INDEX \`${q.connection.namingStrategy.uniqueConstraintName(table, [column])}\` (\`${column}\`)`)
    .join("");
}
