import "reflect-metadata";
import { startGateway } from "./app";
import { ConfigError, loadConfig } from "./config";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Invalid setting ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const gateway = await startGateway(config);
  if (config.jwtSecretGenerated) console.log("JWT_SECRET is not set: login tokens are signed with a random secret of this process and stop working when it exits");
  console.log(`CRM gateway on http://localhost:${gateway.port}/graphql (modules: ${gateway.modules.map((m) => m.name).join(", ")})`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests, closing subscriptions and the database`);
    gateway.stop().then(
      () => process.exit(0),
      (error) => {
        console.error("shutdown failed:", error);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a dependency's signal-exit re-raises the signal when it sees no other listener.
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  // Configuration errors of modules (CRM_MODULES) are one line too; anything else is a crash.
  console.error(error instanceof Error && error.message.startsWith("CRM_MODULES") ? `Invalid setting ${error.message}` : error);
  process.exit(1);
});
