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
};

export default config;
