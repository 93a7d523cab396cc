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
  console.log(`CRM gateway on http://localhost:${gateway.port}/graphql (modules: ${gateway.modules.map((m) => m.name).join(", ")})`);

  const shutdown = (signal: string) => {
    console.log(`${signal}: draining requests, closing subscriptions and the database`);
    gateway.stop().then(
      () => process.exit(0),
      (error) => {
        console.error("shutdown failed:", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  // Configuration errors of modules (CRM_MODULES) are one line too; anything else is a crash.
  console.error(error instanceof Error && error.message.startsWith("CRM_MODULES") ? `Invalid setting ${error.message}` : error);
  process.exit(1);
});
