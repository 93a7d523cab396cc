import { currentRun, endRun } from "./test-database";

/** Once per `jest` run, after the last test file: drops the run's template databases. */
export default async function globalTeardown(): Promise<void> {
  const run = currentRun();
  if (run) await endRun(run);
}
