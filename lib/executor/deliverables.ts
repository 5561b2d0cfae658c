import { randomUUID } from "node:crypto";
import { db, isUniqueViolation, type OutputKind, Prisma, type VersionAuthor, type VersionCheck } from "@/lib/db";
import { AppError } from "@/lib/http";
import { learnFromEdit } from "@/lib/learnings/feedback";
import type { DeliverableVersionView, DeliverableView, EmailSendView } from "./types";

export type VersionRow = {
  id: string;
  deliverableId: string;
  version: number;
  title: string;
  body: string;
  author: VersionAuthor;
  createdAt: Date;
  check: VersionCheck | null;
  checkNotes: string[];
  /** names of the knowledge documents the model was given for it (issue 16) */
  knowledgeSources: string[];
};

export function toVersionView(row: VersionRow & { emailsSent?: EmailSendRow[] }): DeliverableVersionView {
  return {
    deliverableId: row.deliverableId,
    versionId: row.id,
    version: row.version,
    title: row.title,
    body: row.body,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    check: row.check,
    checkNotes: row.checkNotes,
    ...(row.knowledgeSources?.length ? { knowledgeSources: row.knowledgeSources } : {}),
    ...(row.emailsSent?.length ? { sends: row.emailsSent.map(toSendView) } : {}),
  };
}

type EmailSendRow = { id: string; to: string[]; cc: string[]; subject: string; messageId: string | null; sentAt: Date | null };

/** A send as the version shows it (only sends the mail server accepted are shown). */
export function toSendView(row: EmailSendRow): EmailSendView {
  return { id: row.id, to: row.to, cc: row.cc, subject: row.subject, messageId: row.messageId ?? "", sentAt: row.sentAt?.toISOString() ?? "" };
}

/** What the executor's prompt shows of a deliverable's newest version. */
export type LatestDeliverable = { title: string; body: string; version: number; author: VersionAuthor };

/**
 * The newest version of the deliverable for the conversation and task that a statement names (SQL
 * expressions), as a scalar subquery (a JSON LatestDeliverable, or null): a turn reads its current task's
 * in a statement it sends anyway.
 */
export const latestVersionSql = (conversationId: Prisma.Sql, taskId: Prisma.Sql) => Prisma.sql`(
  SELECT json_build_object('title', v."title", 'body', v."body", 'version', v."version", 'author', v."author")
  FROM "DeliverableVersion" v JOIN "Deliverable" d ON d."id" = v."deliverableId"
  WHERE d."conversationId" = ${conversationId} AND d."taskId" = ${taskId}
  ORDER BY v."version" DESC LIMIT 1)`;

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
  /** what the quality check found (issue 15) */
  check?: VersionCheck | null;
  checkNotes?: string[];
  /** names of the knowledge documents whose excerpts the model was given */
  knowledgeSources?: string[];
}

/**
 * The common table expressions that append a version to the conversation's deliverable for the task
 * (created on first use), for one statement whose `version` CTE returns the new row. One statement,
 * not a transaction of five: most of a turn's database time is round trips. Two writers racing for the
 * same version number (or the same new deliverable) make the later one fail on a unique index: run the
 * statement with `withVersionRetry`.
 */
export function appendVersionSql(input: NewVersion, now = new Date()): Prisma.Sql {
  return Prisma.sql`
    existing AS (
      SELECT "id" FROM "Deliverable" WHERE "conversationId" = ${input.conversationId} AND "taskId" = ${input.taskId}
    ),
    created AS (
      INSERT INTO "Deliverable" ("id", "conversationId", "taskId", "kind", "createdAt", "updatedAt")
      SELECT ${randomUUID()}, ${input.conversationId}, ${input.taskId}, ${input.kind}::"OutputKind", ${now}, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM existing)
      RETURNING "id"
    ),
    touched_deliverable AS (
      UPDATE "Deliverable" SET "updatedAt" = ${now} WHERE "id" IN (SELECT "id" FROM existing)
    ),
    version AS (
      INSERT INTO "DeliverableVersion" ("id", "deliverableId", "version", "title", "body", "author", "messageId", "createdAt", "check", "checkNotes", "knowledgeSources")
      SELECT ${randomUUID()}, target."id",
        COALESCE((SELECT max(v."version") FROM "DeliverableVersion" v WHERE v."deliverableId" = target."id"), 0) + 1,
        ${input.title}, ${input.body}, ${input.author}::"VersionAuthor", ${input.messageId ?? null}, ${now},
        ${input.check ?? null}::"VersionCheck", ${input.checkNotes ?? []}::text[], ${input.knowledgeSources ?? []}::text[]
      FROM (SELECT "id" FROM existing UNION ALL SELECT "id" FROM created) AS target
      RETURNING "id", "deliverableId", "version", "title", "body", "author", "createdAt", "check", "checkNotes", "knowledgeSources"
    )`;
}

/**
 * Runs a statement that appends a version; the unique (deliverable, version) pair turns a race between
 * two writers into a retry, not a duplicate. Each attempt is one statement, so a failed one wrote nothing.
 */
export async function withVersionRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export function addVersion(input: NewVersion): Promise<VersionRow> {
  return withVersionRetry(async () => (await db().$queryRaw<VersionRow[]>`WITH ${appendVersionSql(input)} SELECT * FROM version`)[0]);
}

/** A manual edit by the conversation's owner, saved as a new version authored by the user. */
export async function saveUserEdit(userId: string, deliverableId: string, edit: { title: string; body: string }) {
  const deliverable = await db().deliverable.findUnique({
    where: { id: deliverableId },
    include: { conversation: { select: { userId: true } } },
  });
  // someone else's answers as one that does not exist, so ids cannot be probed
  if (!deliverable || deliverable.conversation.userId !== userId) throw new AppError("not_found:deliverable");
  if (!deliverable.taskId) throw new AppError("conflict:deliverable");
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

/**
 * One version of a deliverable of the user's, with the deliverable's kind; someone else's answers as one
 * that does not exist (not_found), so ids cannot be probed.
 */
export async function ownedVersion(userId: string, deliverableId: string, version: number) {
  const row = await db().deliverableVersion.findFirst({
    where: { deliverableId, version, deliverable: { conversation: { userId } } },
    include: { deliverable: { select: { kind: true, conversationId: true } } },
  });
  if (!row) throw new AppError("not_found:deliverable");
  return row;
}

export async function listDeliverables(conversationId: string): Promise<DeliverableView[]> {
  const rows = await db().deliverable.findMany({
    where: { conversationId },
    orderBy: { updatedAt: "desc" },
    include: {
      task: { select: { slug: true, name: true, icon: true } },
      versions: {
        orderBy: { version: "asc" },
        include: { emailsSent: { where: { sentAt: { not: null } }, orderBy: { sentAt: "asc" } } },
      },
    },
  });
  return rows.map((d) => ({ id: d.id, kind: d.kind, task: d.task, versions: d.versions.map(toVersionView) }));
}
