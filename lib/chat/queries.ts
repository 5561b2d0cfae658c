import { db, isUniqueViolation, Prisma, type MessageStatus } from "@/lib/db";
import { appendVersionSql, listDeliverables, toVersionView, withVersionRetry, type NewVersion, type VersionRow } from "@/lib/executor";
import { AppError } from "@/lib/http";
import type { ChatUIMessage, ConversationSummary, RoutingEvent, TaskRef } from "./types";

const taskRef = { select: { slug: true, name: true, icon: true } } as const;
export const DEFAULT_TITLE = "New conversation";

function toSummary(row: { id: string; title: string; updatedAt: Date; currentTask: TaskRef | null }): ConversationSummary {
  const task = row.currentTask;
  return {
    id: row.id,
    title: row.title,
    updatedAt: row.updatedAt.toISOString(),
    currentTask: task ? { slug: task.slug, name: task.name, icon: task.icon } : null,
  };
}

export async function listConversations(userId: string, query?: string): Promise<ConversationSummary[]> {
  const rows = await db().conversation.findMany({
    where: { userId, ...(query ? { title: { contains: query, mode: "insensitive" } } : {}) },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: { id: true, title: true, updatedAt: true, currentTask: taskRef },
  });
  return rows.map(toSummary);
}

export async function createConversation(userId: string, title?: string): Promise<ConversationSummary> {
  const row = await db().conversation.create({
    data: { userId, ...(title ? { title } : {}) },
    select: { id: true, title: true, updatedAt: true, currentTask: taskRef },
  });
  return toSummary(row);
}

/** Someone else's conversation answers as one that does not exist: a different answer would tell that the id exists. */
function ownedBy<T extends { userId: string }>(userId: string, conversation: T | null): T {
  if (!conversation || conversation.userId !== userId) throw new AppError("not_found:chat");
  return conversation;
}

/** The conversation if it exists and belongs to the user; 404 otherwise. */
export async function getOwnedConversation(userId: string, conversationId: string) {
  return ownedBy(userId, await db().conversation.findUnique({ where: { id: conversationId } }));
}

export async function renameConversation(userId: string, conversationId: string, title: string) {
  await getOwnedConversation(userId, conversationId);
  const row = await db().conversation.update({
    where: { id: conversationId },
    data: { title },
    select: { id: true, title: true, updatedAt: true, currentTask: taskRef },
  });
  return toSummary(row);
}

export async function deleteConversation(userId: string, conversationId: string) {
  await getOwnedConversation(userId, conversationId);
  await db().conversation.delete({ where: { id: conversationId } });
}

/**
 * Stores the user's message before any model is called. The client's message id is the idempotency
 * key: sending the same message again (a retry) returns the stored one instead of a copy.
 */
export async function saveUserMessage(conversationId: string, idempotencyKey: string, content: string, { untitled }: { untitled: boolean }) {
  try {
    const message = await db().message.create({ data: { conversationId, role: "user", content, idempotencyKey } });
    // the first message names the conversation
    if (untitled) {
      await db().conversation.updateMany({
        where: { id: conversationId, title: DEFAULT_TITLE },
        data: { title: titleFrom(content) },
      });
    }
    return message;
  } catch (error) {
    // a retry (or two copies of it racing): the message is already stored
    if (isUniqueViolation(error)) {
      return db().message.findUniqueOrThrow({ where: { conversationId_idempotencyKey: { conversationId, idempotencyKey } } });
    }
    throw error;
  }
}

function titleFrom(content: string): string {
  const line = content.replace(/^\/[a-z0-9_-]+\s*/i, "").replace(/\s+/g, " ").trim() || content.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * Saves the answer, marks the conversation active and appends the deliverable version it wrote, in one
 * statement: either all are stored or none, so a failure never leaves a saved answer that the user is
 * told to retry. (A transaction would cost a round trip per statement; this is one.)
 */
export async function saveAnswer(
  answer: { id: string; conversationId: string; content: string; status: MessageStatus },
  deliverable: Omit<NewVersion, "messageId" | "conversationId"> | null,
): Promise<{ createdAt: Date; version: VersionRow | null }> {
  const now = new Date();
  const version = deliverable && appendVersionSql({ ...deliverable, conversationId: answer.conversationId, messageId: answer.id }, now);
  const [row] = await withVersionRetry(
    () => db().$queryRaw<({ answerCreatedAt: Date } & Partial<VersionRow>)[]>`
      WITH answer AS (
        INSERT INTO "Message" ("id", "conversationId", "role", "content", "status", "createdAt")
        VALUES (${answer.id}, ${answer.conversationId}, 'assistant', ${answer.content}, ${answer.status}::"MessageStatus", ${now})
        RETURNING "createdAt"
      ),
      touched_conversation AS (
        UPDATE "Conversation" SET "updatedAt" = ${now} WHERE "id" = ${answer.conversationId}
      )${version ? Prisma.sql`, ${version}` : Prisma.empty}
      SELECT answer."createdAt" AS "answerCreatedAt"${version ? Prisma.sql`, version.*` : Prisma.empty}
      FROM answer${version ? Prisma.sql` CROSS JOIN version` : Prisma.empty}`,
  );
  const { answerCreatedAt, ...written } = row;
  return { createdAt: answerCreatedAt, version: version ? (written as VersionRow) : null };
}

/** The messages the models see, oldest first. */
export function loadHistory(conversationId: string, limit = 200) {
  return db()
    .message.findMany({
      where: { conversationId },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, role: true, content: true, status: true },
    })
    .then((rows) => rows.reverse());
}

/** Everything the chat page shows for a conversation, as UI messages with their chips and versions. */
export async function loadConversationView(userId: string, conversationId: string) {
  const conversation = ownedBy(userId, await db().conversation.findUnique({ where: { id: conversationId }, include: { currentTask: taskRef } }));
  const rows = await db().message.findMany({
    where: { conversationId },
    orderBy: { createdAt: "asc" },
    include: {
      decision: { include: { chosenTask: taskRef, previousTask: taskRef } },
      versions: true,
    },
  });
  const messages: ChatUIMessage[] = [];
  let pendingRouting: RoutingEvent | null = null;
  for (const row of rows) {
    if (row.role === "user") {
      messages.push({ id: row.idempotencyKey ?? row.id, role: "user", parts: [{ type: "text", text: row.content }], metadata: { createdAt: row.createdAt.toISOString() } });
      pendingRouting = row.decision
        ? {
            decisionId: row.decision.id,
            action: row.decision.action,
            source: row.decision.source,
            task: row.decision.chosenTask,
            previousTask: row.decision.previousTask,
          }
        : null;
      continue;
    }
    const parts: ChatUIMessage["parts"] = [];
    if (pendingRouting) parts.push({ type: "data-routing", id: "routing", data: pendingRouting });
    parts.push({ type: "text", text: row.content });
    for (const version of row.versions) parts.push({ type: "data-deliverable", id: version.id, data: toVersionView(version) });
    // every answer to the same user message (a failed one and its retry) carries that turn's chip
    messages.push({ id: row.id, role: "assistant", parts, metadata: { status: row.status, createdAt: row.createdAt.toISOString() } });
  }
  return {
    conversation: toSummary(conversation),
    messages,
    deliverables: await listDeliverables(conversationId),
  };
}
