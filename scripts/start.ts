// npm start — one command from a fresh clone to a running app: prepares the database (migrations and
// seed), builds when the sources changed since the last build, then serves on PORT (default 3000) with
// Next's standalone server. npm run dev does the same with the development server. With --prebuilt
// (the container image's command) it serves the build that is there and never builds.
//
// SIGTERM or SIGINT: the server drains (lib/shutdown: no new turns, the turns in flight finish or are
// saved as stopped within SHUTDOWN_GRACE_MS) and exits; this process exits with it.
import "./settings";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { settings } from "../lib/settings";
import { buildIfStale, NEXT_BIN, STANDALONE_SERVER } from "./build-if-stale";

const dev = process.argv.includes("--dev");
const prebuilt = process.argv.includes("--prebuilt");
const { PORT, DATA_DIR, NEXTAUTH_SECRET, NEXTAUTH_URL } = settings();
const dataDir = path.resolve(DATA_DIR);
// the migration step, the build and the server all get the environment read here, .env files included
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, NEXTAUTH_URL: NEXTAUTH_URL ?? `http://localhost:${PORT}` };

// A session secret that survives restarts without any setup; set NEXTAUTH_SECRET to share one
// between several app instances.
if (!NEXTAUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

const migration = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], { stdio: "inherit", env });
if (migration.status !== 0) process.exit(migration.status ?? 1);

if (!dev && !prebuilt) await buildIfStale(env);
if (prebuilt && !existsSync(STANDALONE_SERVER)) {
  console.error(`--prebuilt: there is no build to serve (${STANDALONE_SERVER}); run npm run build first.`);
  process.exit(1);
}

const server = dev
  ? spawn(process.execPath, [NEXT_BIN, "dev", "-p", String(PORT)], { stdio: "inherit", env })
  : spawn(process.execPath, [STANDALONE_SERVER], {
      stdio: "inherit",
      // all interfaces, as `next start` listens (a container's HOSTNAME names the container); the app's
      // instrumentation hook handles the signals, draining first, instead of Next's immediate exit
      env: { ...env, PORT: String(PORT), HOSTNAME: "0.0.0.0", NEXT_MANUAL_SIG_HANDLE: "true" },
    });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
