import { db, Prisma, type PrismaClient } from "@/lib/db";
import type { TaskInput } from "./schema";
import { seedTasks } from "./seed-tasks";

export function listTasks({ enabledOnly = false } = {}) {
  return db().task.findMany({
    where: enabledOnly ? { enabled: true } : undefined,
    orderBy: { name: "asc" },
  });
}

function toData(input: TaskInput) {
  return { ...input, infoToCollect: input.infoToCollect as Prisma.InputJsonValue };
}

/** Adds the seed tasks that are missing; never overwrites a task an admin has changed. */
export async function seedDefaultTasks(prisma: PrismaClient = db()): Promise<string[]> {
  const created: string[] = [];
  for (const task of seedTasks) {
    const result = await prisma.task.createMany({ data: [toData(task)], skipDuplicates: true });
    if (result.count) created.push(task.slug);
  }
  return created;
}
