import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type TestDatabaseKind = "pglite" | "postgres";

/** The local Postgres the suite creates its throwaway databases on (see ../shared/OFFLINE.md). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DATABASE;
  if (kind !== "pglite" && kind !== "postgres") throw new Error(`TEST_DATABASE must be pglite or postgres, not "${kind}"`);
  return kind;
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`The test suite needs the local Postgres at ${POSTGRES_ADMIN_URL} (set TEST_POSTGRES_URL to use another): ${(error as Error).message}`);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** the variables that point the app (or lib/db) at this database */
  env: { DATABASE_URL?: string; DATA_DIR?: string };
  drop(): Promise<void>;
}

/** An empty database of the kind under test: a new PGlite folder, or a new database on the local Postgres. */
export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-test-"));
    return { kind, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `switchboard_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
