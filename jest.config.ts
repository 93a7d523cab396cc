import type { Config } from "jest";

const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/modules", "<rootDir>/test", "<rootDir>/seeds"],
  testMatch: ["**/*.test.ts"],
  // Type checking runs once in `npm test` (tsc --noEmit); here ts-jest only transpiles, keeping
  // decorator metadata, which esbuild-based transforms would drop.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 30_000,
  maxWorkers: 2,
  setupFiles: ["reflect-metadata"],
  // One template database per run, copied for every test gateway (test/test-database.ts).
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
};

export default config;
