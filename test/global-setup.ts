import { beginRun } from "./test-database";

/**
 * Once per `jest` run, before any worker starts: names the run, which the workers inherit through
 * the environment, so that they share one template database per module set (test/test-database.ts).
 */
export default function globalSetup(): void {
  beginRun();
}
