import { seedDefaultTasks } from "@/lib/tasks";
import type { Database } from "./connection";
import { applyMigrations } from "./migrations";

/**
 * Brings a database up to date: pending migrations, then the idempotent seed — under the preparation
 * lock, so that of several instances starting together one applies them and the others find them done.
 */
export async function prepareDatabase(database: Database) {
  return database.withPreparationLock(async () => {
    const applied = await database.withMigrationAdapter(applyMigrations);
    const seeded = await seedDefaultTasks(database.prisma);
    return { applied, seeded };
  });
}
