import path from "node:path";
import { defineConfig } from "vitest/config";

const serverTests = {
  globalSetup: ["tests/support/global-setup.ts"],
  // test files start app servers and databases of their own; one at a time keeps a 2-core machine responsive
  fileParallelism: false,
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "integration:pglite", include: ["tests/integration/**/*.test.ts"], env: { TEST_DATABASE: "pglite" }, ...serverTests },
      },
      {
        extends: true,
        test: { name: "integration:postgres", include: ["tests/integration/**/*.test.ts"], env: { TEST_DATABASE: "postgres" }, ...serverTests },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], env: { TEST_DATABASE: "pglite" }, ...serverTests },
      },
    ],
  },
});
