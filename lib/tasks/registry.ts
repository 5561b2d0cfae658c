import { db } from "@/lib/db";
import type { Task } from "./queries";

// The enabled tasks, cached in this process and reloaded when the registry's version stamp (bumped by
// every change, on any instance) differs from the cached one: one indexed single-row read per turn.
const globalForRegistry = globalThis as unknown as { switchboardRegistry?: { version: number; tasks: Task[] } };

export async function enabledTasks(): Promise<Task[]> {
  const [state] = await db().$queryRaw<{ version: number }[]>`SELECT "version" FROM "RegistryState" WHERE "id" = 1`;
  const version = state?.version ?? -1;
  const cached = globalForRegistry.switchboardRegistry;
  if (cached && cached.version === version) return cached.tasks;
  const tasks = await db().task.findMany({ where: { enabled: true, deletedAt: null }, orderBy: { name: "asc" } });
  globalForRegistry.switchboardRegistry = { version, tasks };
  return tasks;
}
