import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// The migrations folder as data; kept apart from the schema engine so the app reads it (health)
// without bundling the engine.
export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
export const SCHEMA_PATH = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "schema.prisma");

/** Reads prisma/migrations in the shape the schema engine expects (the same folder `prisma migrate` uses). */
export async function readMigrationList(baseDir = MIGRATIONS_DIR) {
  const entries = await readdir(/*turbopackIgnore: true*/ baseDir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: lockPath, content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(baseDir, name, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Names of migrations in the folder that the database has not recorded as finished. */
export async function pendingMigrations(applied: { migration_name: string }[]): Promise<string[]> {
  const done = new Set(applied.map((row) => row.migration_name));
  const { migrationDirectories } = await readMigrationList();
  return migrationDirectories.map((d) => d.path).filter((name) => !done.has(name));
}
