// npm start — one command from a fresh clone to a running app: prepares the database (migrations and
// seed), builds when the sources changed since the last build, then serves on PORT (default 3000).
// npm run dev does the same with the development server.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir };
env.NEXTAUTH_URL ??= `http://localhost:${port}`;

// A session secret that survives restarts without any setup; set NEXTAUTH_SECRET to share one
// between several app instances.
if (!env.NEXTAUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestChange(paths: string[]): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) if (entry !== "node_modules" && entry !== "generated") visit(path.join(file, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

run(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"]);

if (!dev) {
  const buildId = statSync(".next/BUILD_ID", { throwIfNoEntry: false });
  const sources = ["app", "components", "lib", "prisma", "package.json", "next.config.js", "postcss.config.mjs", "tsconfig.json"];
  if (!buildId || newestChange(sources) > buildId.mtimeMs) run("npx", ["next", "build"]);
}

const server = spawn("npx", ["next", dev ? "dev" : "start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
