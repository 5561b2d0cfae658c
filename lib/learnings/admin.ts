import { z } from "zod";
import { db, isUniqueViolation } from "@/lib/db";
import { scheduleEmbeddingSync } from "@/lib/embeddings";
import { AppError } from "@/lib/http";
import { markRegistryChanged } from "@/lib/tasks";
import { forgetWordFrequencies } from "./retrieve";

export const learningFilterSchema = z.object({
  scope: z.enum(["router", "task"]).optional(),
  status: z.enum(["active", "disabled"]).optional(),
});

export const learningUpdateSchema = z
  .object({
    inputExcerpt: z.string().trim().min(1, "fields.excerptEmpty").max(8_000).optional(),
    expectedOutput: z.string().trim().min(1, "fields.expectedOutputEmpty").max(20_000).optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

/** Learnings for review, newest first, with where each came from. */
export async function listLearnings(filter: z.infer<typeof learningFilterSchema> = {}) {
  const rows = await db().learning.findMany({
    where: filter,
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      scope: true,
      kind: true,
      status: true,
      inputExcerpt: true,
      expectedOutput: true,
      conversationId: true,
      createdAt: true,
      task: { select: { slug: true, name: true, description: true, translations: true } },
      feedback: { select: { rating: true, comment: true, correction: true, user: { select: { email: true } } } },
      deliverableId: true,
    },
  });
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    source: row.feedback
      ? `${row.feedback.rating === "up" ? "Thumbs up" : "Thumbs down"} by ${row.feedback.user.email}${row.feedback.comment ? `: “${row.feedback.comment}”` : ""}`
      : row.deliverableId
        ? "A deliverable the user finished by editing it"
        : "Unknown",
  }));
}

export async function updateLearning(id: string, changes: z.infer<typeof learningUpdateSchema>) {
  const existing = await db().learning.findUnique({ where: { id }, select: { kind: true } });
  if (!existing) throw new AppError("not_found:learning");
  try {
    const learning = await db().$transaction(async (tx) => {
      const updated = await tx.learning.update({ where: { id }, data: changes, select: { id: true, status: true, inputExcerpt: true, expectedOutput: true } });
      // a routing correction is searched by the router's shortlist: turning it off or editing it changes the registry
      if (existing.kind === "routing") await markRegistryChanged(tx);
      return updated;
    });
    forgetWordFrequencies();
    if (changes.inputExcerpt) scheduleEmbeddingSync();
    return learning;
  } catch (error) {
    // an example edited into the text of another example of the same task
    if (isUniqueViolation(error)) throw new AppError("conflict:learning", { fields: { expectedOutput: ["conflict.learning"] } });
    throw error;
  }
}

export async function deleteLearning(id: string) {
  await db().$transaction(async (tx) => {
    const learning = await tx.learning.findUnique({ where: { id }, select: { kind: true } });
    if (!learning) throw new AppError("not_found:learning");
    await tx.learning.delete({ where: { id } });
    if (learning.kind === "routing") await markRegistryChanged(tx);
  });
}
