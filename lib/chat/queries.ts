import { randomUUID } from "node:crypto";
import { db, type MessageStatus, Prisma } from "@/lib/db";
import {
  appendVersionSql,
  type LatestDeliverable,
  latestVersionSql,
  listDeliverables,
  type NewVersion,
  toVersionView,
  type VersionRow,
  withVersionRetry,
} from "@/lib/executor";
import { AppError } from "@/lib/http";
import { lexemesSql } from "@/lib/learnings";
import { registryVersionSql } from "@/lib/tasks";
import type { ChatUIMessage, ConversationSummary, RoutingEvent, TaskRef } from "./types";

const taskRef = { select: { slug: true, name: true, icon: true } } as const;
export const DEFAULT_TITLE = "New conversation";

function toSummary(row: {
  id: string;
  title: string;
  updatedAt: Date;
  currentTask: TaskRef | null;
  channel: ConversationSummary["channel"];
}): ConversationSummary {
  const task = row.currentTask;
  return {
    id: row.id,
    title: row.title,
    channel: row.channel,
    updatedAt: row.updatedAt.toISOString(),
    currentTask: task ? { slug: task.slug, name: task.name, icon: task.icon } : null,
  };
}

export async function listConversations(userId: string, query?: string): Promise<ConversationSummary[]> {
  const rows = await db().conversation.findMany({
    where: { userId, ...(query ? { title: { contains: query, mode: "insensitive" } } : {}) },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: { id: true, title: true, updatedAt: true, currentTask: taskRef, channel: true },
  });
  return rows.map(toSummary);
}

export async function createConversation(userId: string, title?: string): Promise<ConversationSummary> {
  const row = await db().conversation.create({
    data: { userId, ...(title ? { title } : {}) },
    select: { id: true, title: true, updatedAt: true, currentTask: taskRef, channel: true },
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
    select: { id: true, title: true, updatedAt: true, currentTask: taskRef, channel: true },
  });
  return toSummary(row);
}

export async function deleteConversation(userId: string, conversationId: string) {
  await getOwnedConversation(userId, conversationId);
  await db().conversation.delete({ where: { id: conversationId } });
}

export interface HistoryRow {
  id: string;
  role: "user" | "assistant";
  content: string;
}

/**
 * The start of a turn, in one statement (a turn's database time is mostly round trips): checks that the
 * conversation is the user's (404 otherwise), stores the user's message before any model is called (the
 * first one names the conversation), and reads what the turn needs besides: the messages the models see
 * (oldest first, the new one included), the newest version of the current task's deliverable, the
 * registry's version stamp and the message's words for learning retrieval. The client's message id is the idempotency key: sending
 * the same message again (a retry) keeps the stored one instead of a copy, and finds its complete answer if one was saved (an
 * answer's turn is the user message before it: a channel never has two turns open in a conversation) — a save can commit while
 * the connection carrying its reply breaks, so the client is told to retry an answer that is in fact stored.
 */
export async function openTurn(input: { userId: string; conversationId: string; idempotencyKey: string; text: string; historyLimit?: number }): Promise<{
  conversation: { id: string; title: string; currentTaskId: string | null };
  message: HistoryRow;
  /** a retry of a message that already has a complete answer: that answer's id (the model is not called again) */
  answeredId: string | null;
  history: HistoryRow[];
  currentVersion: LatestDeliverable | null;
  registryVersion: number | null;
  lexemes: string[];
}> {
  const { userId, conversationId, idempotencyKey, text } = input;
  const now = new Date();
  type Row = {
    id: string;
    title: string;
    currentTaskId: string | null;
    insertedId: string | null;
    storedId: string | null;
    answeredId: string | null;
    history: HistoryRow[];
    currentVersion: LatestDeliverable | null;
    registryVersion: number | null;
    lexemes: string[];
  };
  const [row] = await db().$queryRaw<Row[]>`
    WITH conversation AS (
      SELECT "id", "title", "currentTaskId" FROM "Conversation" WHERE "id" = ${conversationId} AND "userId" = ${userId}
    ),
    inserted AS (
      INSERT INTO "Message" ("id", "conversationId", "role", "content", "idempotencyKey", "createdAt")
      SELECT ${randomUUID()}, "id", 'user', ${text}, ${idempotencyKey}, ${now} FROM conversation
      ON CONFLICT ("conversationId", "idempotencyKey") DO NOTHING
      RETURNING "id"
    ),
    named AS (
      UPDATE "Conversation" SET "title" = ${titleFrom(text)}, "updatedAt" = ${now}
      WHERE "id" = ${conversationId} AND "title" = ${DEFAULT_TITLE} AND EXISTS (SELECT 1 FROM inserted)
    )
    SELECT c."id", c."title", c."currentTaskId",
      (SELECT "id" FROM inserted) AS "insertedId",
      stored."id" AS "storedId",
      (SELECT a."id" FROM "Message" a
        WHERE a."conversationId" = c."id" AND a."role" = 'assistant' AND a."status" = 'complete' AND a."createdAt" >= stored."createdAt"
          AND NOT EXISTS (SELECT 1 FROM "Message" u WHERE u."conversationId" = c."id" AND u."role" = 'user'
                          AND u."createdAt" > stored."createdAt" AND u."createdAt" <= a."createdAt")
        ORDER BY a."createdAt" LIMIT 1) AS "answeredId",
      (SELECT coalesce(json_agg(json_build_object('id', h."id", 'role', h."role", 'content', h."content") ORDER BY h."createdAt"), '[]'::json)
        FROM (SELECT "id", "role", "content", "createdAt" FROM "Message" WHERE "conversationId" = c."id"
              ORDER BY "createdAt" DESC LIMIT ${input.historyLimit ?? 200}) h) AS "history",
      ${latestVersionSql(Prisma.sql`c."id"`, Prisma.sql`c."currentTaskId"`)} AS "currentVersion",
      ${registryVersionSql} AS "registryVersion",
      ${lexemesSql(text)} AS "lexemes"
    FROM conversation c
    LEFT JOIN "Message" stored ON stored."conversationId" = c."id" AND stored."idempotencyKey" = ${idempotencyKey}`;
  if (!row) throw new AppError("not_found:chat");
  // the statement's reads do not see its own insert; a retry's message is in them already
  let message = row.history.find((m) => m.id === (row.insertedId ?? row.storedId));
  const history = row.history;
  if (!message) {
    // inserted now, or by a copy of this request racing this one
    message = row.insertedId
      ? { id: row.insertedId, role: "user", content: text }
      : await db().message.findUniqueOrThrow({
          where: { conversationId_idempotencyKey: { conversationId, idempotencyKey } },
          select: { id: true, role: true, content: true },
        });
    history.push(message);
  }
  return {
    conversation: { id: row.id, title: row.title, currentTaskId: row.currentTaskId },
    message,
    answeredId: row.answeredId,
    history,
    currentVersion: row.currentVersion,
    registryVersion: row.registryVersion,
    lexemes: row.lexemes,
  };
}

function titleFrom(content: string): string {
  const line =
    content
      .replace(/^\/[a-z0-9_-]+\s*/i, "")
      .replace(/\s+/g, " ")
      .trim() || content.trim();
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

/**
 * A saved answer as its turn showed it — the routing of the user message before it, its text and the
 * deliverable versions it wrote — for a retry that finds its message already answered.
 */
export async function loadSavedAnswer(answerId: string, userMessageId: string) {
  const [answer, decision] = await Promise.all([
    db().message.findUniqueOrThrow({
      where: { id: answerId },
      select: {
        id: true,
        content: true,
        status: true,
        createdAt: true,
        versions: { include: { deliverable: { select: { kind: true } } }, orderBy: { version: "asc" } },
      },
    }),
    db().routingDecision.findUnique({ where: { messageId: userMessageId }, include: { chosenTask: taskRef, previousTask: taskRef } }),
  ]);
  const routing: Omit<RoutingEvent, "notice"> | null = decision && {
    decisionId: decision.id,
    action: decision.action,
    source: decision.source,
    task: decision.chosenTask,
    previousTask: decision.previousTask,
  };
  return {
    id: answer.id,
    content: answer.content,
    status: answer.status,
    createdAt: answer.createdAt,
    routing,
    versions: answer.versions.map((version) => ({ ...toVersionView(version), kind: version.deliverable.kind })),
  };
}
export type SavedAnswer = Awaited<ReturnType<typeof loadSavedAnswer>>;

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
      messages.push({
        id: row.idempotencyKey ?? row.id,
        role: "user",
        parts: [{ type: "text", text: row.content }],
        metadata: { createdAt: row.createdAt.toISOString() },
      });
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
