import { db, Prisma } from "@/lib/db";
import type { Task } from "./queries";

/** An enabled task with the requests that routing corrections taught about it. */
export type RegistryTask = Task & { learnedRequests: string[] };

// The enabled tasks, cached in this process and reloaded when the registry's version stamp (bumped by
// every change to a task or a routing correction, on any instance) differs from the cached one: one
// indexed single-row read per turn, or none when the turn read the stamp with its own statement.
const globalForRegistry = globalThis as unknown as { switchboardRegistry?: { version: number; tasks: RegistryTask[] } };

/**
 * What the user said in a routing correction's excerpt: its last two user messages (the excerpt is
 * "User: …" and "Assistant: …" lines, lib/learnings/feedback.ts), as the shortlist's query holds the
 * turn's last two.
 */
function userRequests(excerpt: string): string {
  const lines = [...excerpt.matchAll(/^User: (.*)$/gm)].map((m) => m[1]);
  return (lines.length ? lines.slice(-2) : [excerpt]).join(" ");
}

/** The registry's version stamp as a scalar subquery, so that a turn can read it in a statement it sends anyway. */
export const registryVersionSql = Prisma.sql`(SELECT "version" FROM "RegistryState" WHERE "id" = 1)`;

export async function enabledTasks(): Promise<RegistryTask[]> {
  const [state] = await db().$queryRaw<{ version: number | null }[]>`SELECT ${registryVersionSql} AS "version"`;
  return enabledTasksAt(state.version);
}

/** The enabled tasks at the version stamp the caller has just read (registryVersionSql). */
export async function enabledTasksAt(stamp: number | null): Promise<RegistryTask[]> {
  const version = stamp ?? -1;
  const cached = globalForRegistry.switchboardRegistry;
  if (cached && cached.version === version) return cached.tasks;
  const [tasks, corrections] = await Promise.all([
    db().task.findMany({ where: { enabled: true, deletedAt: null }, orderBy: { name: "asc" } }),
    db().learning.findMany({
      where: { kind: "routing", status: "active", taskId: { not: null } },
      select: { taskId: true, inputExcerpt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const learned = new Map<string, string[]>();
  for (const { taskId, inputExcerpt } of corrections) learned.set(taskId!, [...(learned.get(taskId!) ?? []), userRequests(inputExcerpt)]);
  const registry = tasks.map((task) => ({ ...task, learnedRequests: learned.get(task.id) ?? [] }));
  globalForRegistry.switchboardRegistry = { version, tasks: registry };
  return registry;
}
