import type { LanguageModel } from "ai";
import { modelFor } from "@/lib/ai";
import { db } from "@/lib/db";
import { extractActionItems } from "./extract";
import { replaceExtractedTodos } from "./queries";

/**
 * What makes a deliverable's version final, for to-dos: a version written by the model in a complete
 * answer, or an edited version the user saved — for a task whose `extractTodos` switch is on (minutes by
 * default; any task whose format has who/what/when). Its action items become its author's to-dos.
 * Returns whether it extracted; throws when the fast model fails (the version is saved already).
 */
export async function extractTodosFromVersion(versionId: string, fast?: LanguageModel): Promise<boolean> {
  const version = await db().deliverableVersion.findUnique({
    where: { id: versionId },
    include: { deliverable: { select: { id: true, task: { select: { extractTodos: true } }, conversation: { select: { userId: true } } } } },
  });
  if (!version?.deliverable.task?.extractTodos) return false;
  const model = fast ?? (await modelFor("fast")).model;
  const items = await extractActionItems({ model, title: version.title, body: version.body, today: version.createdAt });
  // a newer version may have been saved meanwhile: only the newest one's items count
  const newest = await db().deliverableVersion.findFirst({
    where: { deliverableId: version.deliverableId },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (newest?.id !== version.id) return false;
  await replaceExtractedTodos({ userId: version.deliverable.conversation.userId, deliverableId: version.deliverable.id, versionId, items });
  return true;
}

/**
 * Extraction in the background of a turn or an edit: never awaited by the answer, never failing it. A
 * failure is logged (its kind only: deliverables hold user content) and the deliverable stays as saved.
 */
export function extractTodosLater(versionId: string, fast?: LanguageModel): Promise<void> {
  return extractTodosFromVersion(versionId, fast).then(
    () => undefined,
    (error: unknown) => {
      console.error("to-do extraction failed", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
    },
  );
}
