import { db, type OutputKind, type Prisma, type VersionAuthor } from "@/lib/db";
import type { DeliverableVersionView, DeliverableView } from "@/lib/chat/types";
import { AppError } from "@/lib/http";
import { learnFromEdit } from "@/lib/learnings/feedback";

type VersionRow = { id: string; deliverableId: string; version: number; title: string; body: string; author: VersionAuthor; createdAt: Date };

export function toVersionView(row: VersionRow): DeliverableVersionView {
  return {
    deliverableId: row.deliverableId,
    versionId: row.id,
    version: row.version,
    title: row.title,
    body: row.body,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The newest version of the conversation's deliverable for a task, whoever wrote it. */
export function latestVersion(conversationId: string, taskId: string) {
  return db().deliverableVersion.findFirst({
    where: { deliverable: { conversationId, taskId } },
    orderBy: { version: "desc" },
  });
}

export interface NewVersion {
  conversationId: string;
  taskId: string;
  kind: OutputKind;
  title: string;
  body: string;
  author: VersionAuthor;
  messageId?: string | null;
}

/** Appends a version to the conversation's deliverable for the task (created on first use), in the caller's transaction. */
export async function appendVersion(tx: Prisma.TransactionClient, input: NewVersion) {
  const deliverable =
    (await tx.deliverable.findFirst({ where: { conversationId: input.conversationId, taskId: input.taskId } })) ??
    (await tx.deliverable.create({ data: { conversationId: input.conversationId, taskId: input.taskId, kind: input.kind } }));
  const last = await tx.deliverableVersion.findFirst({ where: { deliverableId: deliverable.id }, orderBy: { version: "desc" } });
  const version = await tx.deliverableVersion.create({
    data: {
      deliverableId: deliverable.id,
      version: (last?.version ?? 0) + 1,
      title: input.title,
      body: input.body,
      author: input.author,
      messageId: input.messageId ?? null,
    },
  });
  await tx.deliverable.update({ where: { id: deliverable.id }, data: { updatedAt: new Date() } });
  return version;
}

/**
 * Runs a transaction that appends versions; the unique (deliverable, version) pair turns a race between
 * two writers into a retry of the whole transaction, not a duplicate.
 */
export async function withVersionRetry<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db().$transaction(work);
    } catch (error) {
      if (attempt < 2 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

export function addVersion(input: NewVersion) {
  return withVersionRetry((tx) => appendVersion(tx, input));
}

/** A manual edit by the conversation's owner, saved as a new version authored by the user. */
export async function saveUserEdit(userId: string, deliverableId: string, edit: { title: string; body: string }) {
  const deliverable = await db().deliverable.findUnique({
    where: { id: deliverableId },
    include: { conversation: { select: { userId: true } } },
  });
  if (!deliverable) throw new AppError("not_found:deliverable");
  if (deliverable.conversation.userId !== userId) throw new AppError("forbidden:deliverable");
  if (!deliverable.taskId) throw new AppError("conflict:deliverable", "This deliverable's task was deleted; it can no longer be edited.");
  const version = await addVersion({
    conversationId: deliverable.conversationId,
    taskId: deliverable.taskId,
    kind: deliverable.kind,
    title: edit.title,
    body: edit.body,
    author: "user",
  });
  // the user's finished version teaches the task what a good deliverable looks like
  await learnFromEdit(deliverable.id, version);
  return version;
}

export async function listDeliverables(conversationId: string): Promise<DeliverableView[]> {
  const rows = await db().deliverable.findMany({
    where: { conversationId },
    orderBy: { updatedAt: "desc" },
    include: { task: { select: { slug: true, name: true, icon: true } }, versions: { orderBy: { version: "asc" } } },
  });
  return rows.map((d) => ({ id: d.id, kind: d.kind, task: d.task, versions: d.versions.map(toVersionView) }));
}
