import { db, isUniqueViolation, type Prisma, type PrismaClient } from "@/lib/db";
import { scheduleEmbeddingSync } from "@/lib/embeddings";
import { AppError } from "@/lib/http";
import { followUpActionsOf, type TaskInput } from "./schema";
import { seedTasks } from "./seed-tasks";

type Tx = Prisma.TransactionClient;
export type Task = Awaited<ReturnType<PrismaClient["task"]["findFirstOrThrow"]>>;

const live = { deletedAt: null } as const;

function toData(input: TaskInput) {
  return {
    ...input,
    infoToCollect: input.infoToCollect as Prisma.InputJsonValue,
    translations: input.translations as Prisma.InputJsonValue,
    followUpActions: input.followUpActions as Prisma.InputJsonValue,
  };
}

/**
 * Every follow-up action must start another task that exists: one of the registry's (live, enabled or
 * not) or one of the tasks being saved with it. Refused with a field error per action otherwise.
 */
async function checkFollowUpTargets(tx: Tx, inputs: TaskInput[], renamed?: { from: string; to: string }) {
  const targets = new Set(inputs.flatMap((input) => input.followUpActions.map((a) => a.target)));
  if (!targets.size) return;
  const known = new Set([
    ...(await tx.task.findMany({ where: { slug: { in: [...targets] }, ...live }, select: { slug: true } })).map((t) => t.slug),
    ...inputs.map((input) => input.slug),
  ]);
  if (renamed) known.delete(renamed.from);
  const fields: Record<string, string[]> = {};
  inputs.forEach((input, taskIndex) => {
    input.followUpActions.forEach((action, index) => {
      const problem = action.target === input.slug ? "fields.followUpTargetSelf" : known.has(action.target) ? null : "fields.followUpTargetMissing";
      const prefix = inputs.length > 1 ? `tasks.${taskIndex}.` : "";
      if (problem) fields[`${prefix}followUpActions.${index}.target`] = [problem];
    });
  });
  if (Object.keys(fields).length) throw new AppError("bad_request:task", { key: "bad_request.fields", fields });
}

/** A renamed task's new slug in the follow-up actions of the tasks that start it, so their buttons keep working. */
async function retargetFollowUps(tx: Tx, from: string, to: string) {
  if (from === to) return;
  const sources = await tx.task.findMany({ where: { followUpActions: { array_contains: [{ target: from }] } }, select: { id: true, followUpActions: true } });
  for (const source of sources) {
    const actions = followUpActionsOf(source).map((action) => (action.target === from ? { ...action, target: to } : action));
    await tx.task.update({ where: { id: source.id }, data: { followUpActions: actions as Prisma.InputJsonValue } });
  }
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

/** The tasks a follow-up action may start (the admin form's choice): every live task, enabled or not. */
export async function followUpTargets(): Promise<{ id: string; slug: string; name: string; enabled: boolean }[]> {
  return db().task.findMany({ where: live, select: { id: true, slug: true, name: true, enabled: true }, orderBy: { name: "asc" } });
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
      await checkFollowUpTargets(tx, [input]);
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
  const before = await getTask(id);
  try {
    const updated = await db().$transaction(async (tx) => {
      await checkFollowUpTargets(tx, [input], { from: before.slug, to: input.slug });
      const task = await tx.task.update({ where: { id }, data: toData(input) });
      await retargetFollowUps(tx, before.slug, input.slug);
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
        followUpActions: original.followUpActions as Prisma.InputJsonValue,
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
    await checkFollowUpTargets(tx, inputs);
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
