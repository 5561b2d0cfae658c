import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { type AppSettings, settings } from "@/lib/settings";
import { PrismaClient } from "./generated/client";

export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** Postgres connection string, or the PGlite data folder ("memory://" for a throwaway database). */
  location: string;
}

/** Postgres when DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR (default ./.data). */
export function databaseTarget({ DATABASE_URL, DATA_DIR }: Pick<AppSettings, "DATABASE_URL" | "DATA_DIR"> = settings()): DatabaseTarget {
  if (DATABASE_URL) return { kind: "postgres", location: DATABASE_URL };
  const dataDir = path.resolve(/*turbopackIgnore: true*/ DATA_DIR);
  return { kind: "pglite", location: path.join(dataDir, "pglite") };
}

export interface Database {
  target: DatabaseTarget;
  /**
   * Runs fn with an adapter for the schema engine. On Postgres that is a one-connection pool closed
   * afterwards: the engine's advisory lock lives as long as its session, and a pooled session left
   * open makes the next migration run wait for the lock timeout (10 s).
   */
  withMigrationAdapter<T>(fn: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding the database's preparation lock: on Postgres a session advisory lock, so that
   * instances starting together migrate and seed one after the other (the schema engine's own lock
   * covers the migrations only, not the seed); PGlite admits one process anyway.
   */
  withPreparationLock<T>(fn: () => Promise<T>): Promise<T>;
  prisma: PrismaClient;
  close(): Promise<void>;
}

// Other formats capture a stack trace on every query to point at the calling line if it fails: a third
// of a millisecond a turn, for a code frame the logs leave out anyway (they carry error kinds only).
const ERROR_FORMAT = "minimal";

/** The advisory lock key instances take while they migrate and seed ("sbprep"); Prisma's schema engine uses 72707369. */
const PREPARATION_LOCK = 0x73627072;

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "postgres") {
    const poolConfig = { connectionString: target.location, connectionTimeoutMillis: 5_000 };
    const max = settings().DATABASE_POOL_SIZE;
    // a busy pool makes a transaction wait for a connection: wait as long as a plain query would
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ ...poolConfig, max }),
      errorFormat: ERROR_FORMAT,
      transactionOptions: { maxWait: 5_000, timeout: 15_000 },
    });
    return {
      target,
      async withMigrationAdapter(fn) {
        const pool = new pg.Pool({ ...poolConfig, max: 1 });
        try {
          return await fn(new PrismaPg(pool));
        } finally {
          await pool.end();
        }
      },
      async withPreparationLock(fn) {
        const client = new pg.Client(poolConfig);
        await client.connect();
        try {
          await client.query("SELECT pg_advisory_lock($1)", [PREPARATION_LOCK]);
          return await fn();
        } finally {
          // ending the session releases the lock too, should the unlock fail
          await client.query("SELECT pg_advisory_unlock($1)", [PREPARATION_LOCK]).catch(() => {});
          await client.end();
        }
      },
      prisma,
      close: () => prisma.$disconnect(),
    };
  }
  if (!target.location.startsWith("memory://")) mkdirSync(target.location, { recursive: true });
  const pglite = new PGlite(target.location);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory, errorFormat: ERROR_FORMAT });
  return {
    target,
    withMigrationAdapter: (fn) => fn(adapterFactory),
    withPreparationLock: (fn) => fn(),
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
