import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** Next's standalone output (next.config.js `output: "standalone"`): the server that npm start and the container image run. */
export const STANDALONE_SERVER = ".next/standalone/server.js";

const SOURCES = ["app", "components", "lib", "prisma", "instrumentation.ts", "package.json", "next.config.js", "postcss.config.mjs", "tsconfig.json"];

function newestChange(paths: string[]): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else for (const entry of readdirSync(file)) if (entry !== "generated") visit(path.join(file, entry));
  };
  paths.forEach(visit);
  return newest;
}

const LOCK = ".next-build.lock";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `next build` unless the last build is newer than every source file, and completes its standalone
 * server. Concurrent callers (test
 * projects starting together) take turns through a lock folder, so two builds never share .next.
 */
export async function buildIfStale(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 10 * 60_000) rmSync(LOCK, { recursive: true, force: true }); // left by a killed build
      await sleep(500);
    }
  }
  try {
    const buildId = statSync(".next/BUILD_ID", { throwIfNoEntry: false });
    if (!buildId || newestChange(SOURCES) > buildId.mtimeMs || !existsSync(STANDALONE_SERVER)) {
      const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
        stdio: "inherit",
        env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
    }
    completeStandalone();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * The standalone server serves the browser's files from beside itself; `next build` leaves them out
 * (a CDN could serve them instead), so they are copied in.
 */
function completeStandalone() {
  const standalone = path.dirname(STANDALONE_SERVER);
  cpSync(".next/static", path.join(standalone, ".next/static"), { recursive: true });
  cpSync("public", path.join(standalone, "public"), { recursive: true });
}
