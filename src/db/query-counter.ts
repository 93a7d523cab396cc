import { AbstractLogger, type LogLevel, type LogMessage, type QueryRunner } from "typeorm";

/**
 * Counts every SQL statement the process sends. Tests and benchmarks read it to prove that a
 * query costs one statement per level, not one per row.
 */
export class CountingLogger extends AbstractLogger {
  static statements = 0;
  /** while set, every counted statement's text is added to it (tests: which columns a query reads) */
  static recording: string[] | null = null;

  constructor(private readonly echo: boolean) {
    super();
  }

  override logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (!/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)/i.test(query)) {
      CountingLogger.statements++;
      CountingLogger.recording?.push(query);
    }
    if (this.echo) console.log("sql:", query, parameters ?? "");
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    if (level === "warn" || level === "error") console.error(`typeorm ${level}:`, message);
  }
}
