import { seedDefaultTasks } from "@/lib/tasks";
import type { Database } from "./connection";
import { applyMigrations } from "./migrations";

/** Brings a database up to date: pending migrations, then the idempotent seed. */
export async function prepareDatabase(database: Database) {
  const applied = await database.withMigrationAdapter(applyMigrations);
  const seeded = await seedDefaultTasks(database.prisma);
  return { applied, seeded };
}
