import { type Database, databaseTarget, openDatabase } from "./connection";

export { type Database, type DatabaseTarget, databaseTarget, openDatabase } from "./connection";
export { isUniqueViolation } from "./errors";
export type { PrismaClient } from "./generated/client";
export { Prisma } from "./generated/client";
export * from "./generated/enums";
export { pendingMigrations } from "./migration-files";
export { processCache } from "./process-cache";

// One connection per process, kept on globalThis so Next's dev reloads do not open PGlite twice
// (its data folder admits a single owner).
const globalForDb = globalThis as unknown as { switchboardDb?: Database };

/** This process's database, opened on first use from the settings. */
export function database(): Database {
  globalForDb.switchboardDb ??= openDatabase(databaseTarget());
  return globalForDb.switchboardDb;
}

/** For tests and benchmarks: makes this the process's database (undefined: the configured one again). */
export function setProcessDatabase(database: Database | undefined): void {
  globalForDb.switchboardDb = database;
}

export function db(): Database["prisma"] {
  return database().prisma;
}
