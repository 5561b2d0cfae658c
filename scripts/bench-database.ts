// Throwaway databases for the benchmarks (scripts/bench-learnings.ts, scripts/bench.ts).
//
// lib/db's db() is one database per process, so a benchmark runs itself once per database in a child
// process (runPerDatabase), and each child opens a throwaway database of its kind (openBenchDatabase)
// and makes it the process-wide one.
//
// Postgres: BENCH_POSTGRES_URL, else the test suite's (TEST_POSTGRES_URL, else
// postgresql://postgres@127.0.0.1:5432/test); a throwaway database is created there and dropped at the
// end. PGlite: a temporary folder, removed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { setProcessDatabase } from "../lib/db";
import { type Database, type DatabaseTarget, databaseTarget, openDatabase } from "../lib/db/connection";
import { prepareDatabase } from "../lib/db/setup";
import { benchSettings } from "../lib/settings";
import { POSTGRES_ADMIN_URL } from "../tests/support/database";

export type Kind = "pglite" | "postgres";
export const kinds: Kind[] = ["pglite", "postgres"];
const adminUrl = () => benchSettings().BENCH_POSTGRES_URL ?? POSTGRES_ADMIN_URL;

export async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The parent: runs `script <kind>` once per database, one after the other. Returns the kinds whose
 * child failed.
 */
export function runPerDatabase(script: string, list: Kind[] = kinds, args: (kind: Kind) => string[] = () => []): Kind[] {
  const failed: Kind[] = [];
  for (const kind of list) {
    const child = spawnSync(process.execPath, ["--import", "tsx", script, kind, ...args(kind)], { stdio: "inherit" });
    if (child.status !== 0) {
      failed.push(kind);
      console.error(`\n[${kind}] the benchmark exited with ${child.status ?? child.signal}`);
    }
  }
  return failed;
}

export interface BenchDatabase {
  database: Database;
  /** "PGlite in /tmp/…" or "Postgres switchboard_bench_…" */
  label: string;
  target: DatabaseTarget;
  /** how long migrating and seeding took */
  preparedMs: number;
  /** closes the database and removes it */
  close(): Promise<void>;
}

/**
 * A throwaway database of this kind, migrated and seeded, set as lib/db's process-wide database (so
 * import modules that call db() only after this).
 */
export async function openBenchDatabase(kind: Kind, prefix = "switchboard_bench"): Promise<BenchDatabase> {
  const cleanups: (() => Promise<void>)[] = [];
  let label: string;
  let target: DatabaseTarget;
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), `${prefix.replace(/_/g, "-")}-`));
    target = databaseTarget({ DATABASE_URL: undefined, DATA_DIR: dataDir });
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    label = `PGlite in ${dataDir}`;
  } else {
    const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    target = { kind: "postgres", location: url.toString() };
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    label = `Postgres ${name}`;
  }
  const cleanupAll = async () => {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(`[${kind}] cleanup failed: ${(error as Error).message}`));
  };
  let database: Database | undefined;
  try {
    const started = performance.now();
    // the same connection lib/db's db() will use
    database = openDatabase(target);
    await prepareDatabase(database);
    setProcessDatabase(database);
    const opened = database;
    return {
      database: opened,
      label,
      target,
      preparedMs: performance.now() - started,
      async close() {
        setProcessDatabase(undefined);
        await opened.close().catch(() => {});
        await cleanupAll();
      },
    };
  } catch (error) {
    await database?.close().catch(() => {});
    await cleanupAll();
    throw error;
  }
}

/** The p-th percentile (nearest rank) of an ascending list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
