import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Files that may read process.env themselves, and why. */
const ALLOWED: Record<string, string> = {
  "scripts/prisma-generate.mjs": "the postinstall step, which runs before the dependencies lib/settings needs are installed (Prisma's own variable)",
  "next.config.js": "NODE_ENV, which Next.js itself sets",
  "instrumentation.ts": "NEXT_RUNTIME, which Next.js itself sets (the hook runs for both runtimes; tracing and draining are for Node.js only)",
};

function sources(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && !file.split(path.sep).includes("generated"))
    .map((file) => path.join(dir, file).split(path.sep).join("/"));
}

it("reads the environment only through lib/settings (handing it on to a child process is fine)", () => {
  const files = [...sources("lib"), ...sources("app"), ...sources("scripts"), "next.config.js", "instrumentation.ts"];
  expect(files.length).toBeGreaterThan(50);
  const reads = files
    .filter((file) => !file.startsWith("lib/settings/") && !(file in ALLOWED))
    .flatMap((file) =>
      readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.trim() }))
        // `{ ...process.env, … }` and `env = process.env` pass the environment on; anything else reads it
        .filter(({ line }) => /process\.env/.test(line.replace(/\.\.\.process\.env\b|= process\.env\)/g, ""))),
    )
    .map(({ where, line }) => `${where}: ${line}`);
  expect(reads, "read settings() from lib/settings instead (and add the variable to its schema and the README)").toEqual([]);
});
