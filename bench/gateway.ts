import "reflect-metadata";
import { startGateway } from "../src/app";
import { loadConfig } from "../src/config";
import { CountingLogger } from "../src/db/query-counter";
import { MemoryPeak, type ChildMessage, type ParentMessage } from "./ipc";

/**
 * The gateway as the benchmarks run it: a child process of bench/run.ts, started from dist/.
 * Bench-only: it answers the runner over IPC with the process's SQL statement count and memory,
 * and the moment each `lead.assigned` event was published (right after its commit), so nothing of
 * this sits in the production request path. BENCH_PERMISSIONS=0 serves the schema without
 * graphql-shield, to show what the permission layer costs.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway(config, { permissions: process.env.BENCH_PERMISSIONS !== "0" });
  const memory = new MemoryPeak();
  const published = new Map<number, number>();
  gateway.services.events.on("lead.assigned", (event) => published.set(event.leadId, performance.timeOrigin + performance.now()));

  const send = (message: ChildMessage) => process.send!(message);
  process.on("message", (message: ParentMessage) => {
    switch (message.cmd) {
      case "stats":
        send({ type: "stats", statements: CountingLogger.statements, ...memory.read(), published: Object.fromEntries(published) });
        break;
      case "reset":
        memory.reset();
        published.clear();
        send({ type: "reset" });
        break;
      case "stop":
        memory.stop();
        void gateway.stop().then(() => process.exit(0));
        break;
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", url: gateway.url });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
