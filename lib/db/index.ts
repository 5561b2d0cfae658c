import { databaseTargetFromEnv, openDatabase, type Database } from "./connection";

export { databaseTargetFromEnv, openDatabase, type Database, type DatabaseTarget } from "./connection";
export { isUniqueViolation } from "./errors";
export { pendingMigrations } from "./migration-files";
export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";
export * from "./generated/enums";

// One connection per process, kept on globalThis so Next's dev reloads do not open PGlite twice
// (its data folder admits a single owner).
const globalForDb = globalThis as unknown as { switchboardDb?: Database };

/** This process's database, opened on first use from the environment. */
export function database(): Database {
  globalForDb.switchboardDb ??= openDatabase(databaseTargetFromEnv());
  return globalForDb.switchboardDb;
}

export function db(): Database["prisma"] {
  return database().prisma;
}
