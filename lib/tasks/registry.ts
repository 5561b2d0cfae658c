import { db, Prisma } from "@/lib/db";
import type { Task } from "./queries";

// The enabled tasks, cached in this process and reloaded when the registry's version stamp (bumped by
// every change, on any instance) differs from the cached one: one indexed single-row read per turn.
const globalForRegistry = globalThis as unknown as { switchboardRegistry?: { version: number; tasks: Task[] } };

/** The registry's version stamp as a scalar subquery, so that a turn can read it in a statement it sends anyway. */
export const registryVersionSql = Prisma.sql`(SELECT "version" FROM "RegistryState" WHERE "id" = 1)`;

export async function enabledTasks(): Promise<Task[]> {
  const [state] = await db().$queryRaw<{ version: number | null }[]>`SELECT ${registryVersionSql} AS "version"`;
  return enabledTasksAt(state.version);
}

/** The enabled tasks at the version stamp the caller has just read (registryVersionSql). */
export async function enabledTasksAt(stamp: number | null): Promise<Task[]> {
  const version = stamp ?? -1;
  const cached = globalForRegistry.switchboardRegistry;
  if (cached && cached.version === version) return cached.tasks;
  const tasks = await db().task.findMany({ where: { enabled: true, deletedAt: null }, orderBy: { name: "asc" } });
  globalForRegistry.switchboardRegistry = { version, tasks };
  return tasks;
}
