import { db, isUniqueViolation, type Prisma, type PrismaClient } from "@/lib/db";
import { scheduleEmbeddingSync } from "@/lib/embeddings";
import { AppError } from "@/lib/http";
import type { TaskInput } from "./schema";
import { seedTasks } from "./seed-tasks";

type Tx = Prisma.TransactionClient;
export type Task = Awaited<ReturnType<PrismaClient["task"]["findFirstOrThrow"]>>;

const live = { deletedAt: null } as const;

function toData(input: TaskInput) {
  return { ...input, infoToCollect: input.infoToCollect as Prisma.InputJsonValue, translations: input.translations as Prisma.InputJsonValue };
}

/**
 * Marks the registry changed, in the caller's transaction, so every instance reloads it on its next
 * turn: a change to a task, or to a routing correction (the shortlist searches what they teach).
 */
export async function markRegistryChanged(tx: Tx) {
  await tx.registryState.upsert({ where: { id: 1 }, create: { id: 1, version: 1 }, update: { version: { increment: 1 } } });
}

function slugTaken(error: unknown, slug: string): never {
  if (isUniqueViolation(error)) {
    throw new AppError("conflict:task", { values: { slug }, fields: { slug: ["fields.slugTaken"] } });
  }
  throw error;
}

export function listTasks({ enabledOnly = false, search }: { enabledOnly?: boolean; search?: string } = {}) {
  return db().task.findMany({
    where: {
      ...live,
      ...(enabledOnly ? { enabled: true } : {}),
      ...(search
        ? { OR: ["slug", "name", "description", "routerDescription"].map((field) => ({ [field]: { contains: search, mode: "insensitive" as const } })) }
        : {}),
    },
    orderBy: { name: "asc" },
  });
}

export async function getTask(id: string): Promise<Task> {
  const task = await db().task.findFirst({ where: { id, ...live } });
  if (!task) throw new AppError("not_found:task");
  return task;
}

/** A task's name even after it was disabled or deleted: conversations still refer to it. */
export async function taskNameForHistory(id: string): Promise<string | null> {
  return (await db().task.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

export async function createTask(input: TaskInput): Promise<Task> {
  try {
    const created = await db().$transaction(async (tx) => {
      const task = await tx.task.create({ data: toData(input) });
      await markRegistryChanged(tx);
      return task;
    });
    scheduleEmbeddingSync();
    return created;
  } catch (error) {
    slugTaken(error, input.slug);
  }
}

export async function updateTask(id: string, input: TaskInput): Promise<Task> {
  await getTask(id);
  try {
    const updated = await db().$transaction(async (tx) => {
      const task = await tx.task.update({ where: { id }, data: toData(input) });
      await markRegistryChanged(tx);
      return task;
    });
    scheduleEmbeddingSync();
    return updated;
  } catch (error) {
    slugTaken(error, input.slug);
  }
}

export async function setTaskEnabled(id: string, enabled: boolean): Promise<Task> {
  await getTask(id);
  return db().$transaction(async (tx) => {
    const task = await tx.task.update({ where: { id }, data: { enabled } });
    await markRegistryChanged(tx);
    return task;
  });
}

/** A copy with a free slug ("-copy", "-copy-2", …), disabled until the admin has reviewed it. */
export async function duplicateTask(id: string): Promise<Task> {
  const original = await getTask(id);
  const taken = new Set((await db().task.findMany({ where: { slug: { startsWith: `${original.slug}-copy` } }, select: { slug: true } })).map((t) => t.slug));
  let slug = `${original.slug}-copy`.slice(0, 64);
  for (let n = 2; taken.has(slug); n++) slug = `${original.slug.slice(0, 56)}-copy-${n}`;
  const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, ...fields } = original;
  const copy = await db().$transaction(async (tx) => {
    const task = await tx.task.create({
      data: {
        ...fields,
        slug,
        name: `${original.name} (copy)`.slice(0, 120),
        enabled: false,
        infoToCollect: original.infoToCollect as Prisma.InputJsonValue,
        translations: original.translations as Prisma.InputJsonValue,
      },
    });
    await markRegistryChanged(tx);
    return task;
  });
  scheduleEmbeddingSync();
  return copy;
}

/**
 * Deletes a task. One that past conversations refer to is kept for their history, hidden from the
 * registry and routing, and its slug freed for a new task.
 */
export async function deleteTask(id: string): Promise<{ kept: boolean }> {
  const task = await getTask(id);
  const references = await db().task.findUniqueOrThrow({
    where: { id },
    select: { _count: { select: { conversations: true, decisionsChosen: true, decisionsPrevious: true, deliverables: true } } },
  });
  const used = Object.values(references._count).some((n) => n > 0);
  await db().$transaction(async (tx) => {
    if (used) {
      await tx.task.update({
        where: { id },
        data: { enabled: false, deletedAt: new Date(), slug: `${task.slug}.deleted-${Date.now().toString(36)}` },
      });
    } else {
      await tx.task.delete({ where: { id } });
    }
    await markRegistryChanged(tx);
  });
  return { kept: used };
}

/**
 * Creates or updates (by slug) every task, in one transaction: a failure anywhere imports nothing.
 */
export async function upsertTasks(inputs: TaskInput[]): Promise<{ slug: string; result: "created" | "updated" }[]> {
  const written = await db().$transaction(async (tx) => {
    const results: { slug: string; result: "created" | "updated" }[] = [];
    for (const input of inputs) {
      const existing = await tx.task.findFirst({ where: { slug: input.slug, ...live }, select: { id: true } });
      if (existing) await tx.task.update({ where: { id: existing.id }, data: toData(input) });
      else await tx.task.create({ data: toData(input) });
      results.push({ slug: input.slug, result: existing ? "updated" : "created" });
    }
    await markRegistryChanged(tx);
    return results;
  });
  scheduleEmbeddingSync();
  return written;
}

/**
 * Adds the seed tasks the first time the database is prepared. Later runs add nothing, so a seed task
 * an admin changed or deleted stays as the admin left it.
 */
export async function seedDefaultTasks(prisma: PrismaClient = db()): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const state = await tx.registryState.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
    if (state.seeded) return [];
    const created: string[] = [];
    for (const task of seedTasks) {
      const result = await tx.task.createMany({ data: [toData(task)], skipDuplicates: true });
      if (result.count) created.push(task.slug);
    }
    await tx.registryState.update({ where: { id: 1 }, data: { seeded: true, version: { increment: 1 } } });
    return created;
  });
}
