import { readFile } from "node:fs/promises";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { readMigrationList, SCHEMA_PATH } from "./migration-files";
import { openSchemaEngine } from "./schema-engine";

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function openEngineWithSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory, schema?: string) {
  const text = schema ?? (await readFile(SCHEMA_PATH, "utf8"));
  return openSchemaEngine(adapterFactory, [[SCHEMA_PATH, text]]);
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openEngineWithSchema(adapterFactory);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrationList(),
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that takes the database described by the existing migrations to the current schema.prisma
 * (what `prisma migrate dev --create-only` would write). Empty when they already agree.
 */
export async function diffSchemaAgainstMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const engine = await openEngineWithSchema(adapterFactory, schema);
  try {
    const list = await readMigrationList();
    const from = list.migrationDirectories.length ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = result.stdout ?? "";
    return /^\s*(--.*\n?)*\s*$/.test(sql) ? "" : sql;
  } finally {
    engine.free();
  }
}
