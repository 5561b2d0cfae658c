// Generates the Prisma client without the native schema engine download (see ../shared/OFFLINE.md):
// the generator is WebAssembly, and prisma only needs PRISMA_SCHEMA_ENGINE_BINARY to point at a file
// to skip fetching an engine that generation never uses.
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
