import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createConversation, sendTurn } from "../support/chat-client";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { ScriptedModelServer } from "../support/model-server";

const kind = testDatabaseKind();
const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A folder with a .env file, given to the app as ENV_DIR: the repository's own .env is never written
 * (other test files run the app from the same checkout).
 */
function envDir(lines: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-env-"));
  writeFileSync(
    path.join(dir, ".env"),
    Object.entries(lines)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(""),
  );
  folders.push(dir);
  return dir;
}
const folders: string[] = [];

/** Every command a user runs: the package.json scripts that run a file of scripts/, and the one run with tsx directly. */
function entryPoints(): { name: string; command: string[] }[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const npm = Object.entries(scripts)
    .filter(([, command]) => /^tsx scripts\//.test(command))
    .map(([name]) => ({ name: `npm run ${name}`, command: ["npm", "run", "--silent", name] }));
  return [...npm, { name: "tsx scripts/make-large-registry.ts", command: ["npx", "tsx", "scripts/make-large-registry.ts", "--out", "/dev/null"] }];
}

/** Runs a command to its end (or kills it after timeoutMs); its exit code and what it printed. */
function run(command: string[], env: Record<string, string | undefined>, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)`;
      process.kill(-child.pid!, "SIGKILL");
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function postgresQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe(`settings on ${kind}`, () => {
  const databases: TestDatabase[] = [];
  const apps: AppServer[] = [];
  let models: ScriptedModelServer | undefined;

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await models?.stop();
    await Promise.all(databases.map((database) => database.drop()));
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it("npm start reads the .env file for its migration step and its server alike", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    // the database is named only in the .env file; an empty PGlite folder catches a step that ignores it
    const unused = envDir({});
    const dir = envDir({ ...database.env });
    const app = await startApp({ ENV_DIR: dir, ...(kind === "postgres" ? { DATA_DIR: unused } : {}) });
    apps.push(app);

    const health = await (await fetch(`${app.url}/api/health`)).json();
    expect(health.database, app.output().slice(-2_000)).toEqual({ kind, reachable: true, pendingMigrations: [], problem: null });
    const email = uniqueEmail("dotenv");
    const client = new HttpClient(app.url);
    expect((await client.signUp(email, "dotenv-password-1")).status).toBe(201);
    expect(await client.signIn(email, "dotenv-password-1")).toBe(true);

    if (kind === "postgres") {
      const url = database.env.DATABASE_URL!;
      const [{ migrations }] = await postgresQuery<{ migrations: number }>(url, `SELECT count(*)::int AS migrations FROM _prisma_migrations`);
      expect(migrations).toBeGreaterThan(0);
      expect(await postgresQuery(url, `SELECT email FROM "User"`)).toEqual([{ email }]);
      expect(existsSync(path.join(unused, "pglite")), "a step used PGlite instead of the .env's DATABASE_URL").toBe(false);
    } else {
      expect(existsSync(path.join(database.env.DATA_DIR!, "pglite", "PG_VERSION"))).toBe(true);
    }
  });

  it("a bad value stops every command before it does anything, naming the variable and why", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const dir = envDir({ ROUTER_TIMEOUT_MS: "abc" });
    const results = await Promise.all(
      entryPoints().map(async (entry) => ({ entry, ...(await run(entry.command, { ENV_DIR: dir, ...database.env, PORT: "9" }, 30_000)) })),
    );
    expect(results.length).toBeGreaterThanOrEqual(10);
    const failures = results
      .filter(({ code, output }) => code !== 1 || !output.includes("ROUTER_TIMEOUT_MS: must be a whole number"))
      .map(({ entry, code, output }) => `${entry.name} → exit ${code}:\n${output.slice(-600)}`);
    expect(failures).toEqual([]);
    // npm start stopped before migrating
    if (kind === "postgres") {
      expect(await postgresQuery(database.env.DATABASE_URL!, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
    } else {
      expect(existsSync(path.join(database.env.DATA_DIR!, "pglite"))).toBe(false);
    }
  });

  it("an empty provider variable counts as unset: health answers and an Ollama model chats", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    models = await new ScriptedModelServer().start();
    models.models = ["scripted-ollama"];
    const app = await startApp({ ...database.env, OPENAI_BASE_URL: "", OPENAI_API_KEY: "", MODEL_BEST: "ollama:scripted-ollama", OLLAMA_BASE_URL: models.url });
    apps.push(app);
    models.script("scripted-ollama", "Hello from Ollama.");

    const response = await fetch(`${app.url}/api/health`);
    const health = await response.json();
    expect(response.status, app.output().slice(-2_000)).toBe(200);
    expect(health).toMatchObject({
      status: "ok",
      models: [
        { slot: "best", model: "ollama:scripted-ollama", usable: true, problem: null },
        { slot: "fast", model: "ollama:scripted-ollama", usable: true, problem: null },
      ],
    });

    const client = new HttpClient(app.url);
    const email = uniqueEmail("empty-variable");
    await client.signUp(email, "empty-variable-1");
    expect(await client.signIn(email, "empty-variable-1")).toBe(true);
    const turn = await sendTurn(client, { conversationId: await createConversation(client), text: "/none Say hello." });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expect(turn.text).toBe("Hello from Ollama.");
  });
});
