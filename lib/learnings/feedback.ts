import { z } from "zod";
import { recentWithinBudget } from "@/lib/ai";
import { db, type Prisma } from "@/lib/db";
import { scheduleEmbeddingSync } from "@/lib/embeddings";
import { answerForHistory } from "@/lib/executor/deliverable-format";
import { AppError } from "@/lib/http";
import { markRegistryChanged } from "@/lib/tasks";
import { forgetWordFrequencies } from "./retrieve";

export const feedbackTargetSchema = z.object({
  type: z.enum(["message", "decision", "version"]),
  id: z.string().min(1).max(64),
});

export const voteSchema = z
  .object({
    target: feedbackTargetSchema,
    rating: z.enum(["up", "down"]),
    comment: z.string().trim().max(2_000).optional(),
    /** for a routing decision: the slug it should have chosen, or "none" */
    correction: z.string().trim().max(64).optional(),
  })
  .refine((v) => !v.correction || v.target.type === "decision", { message: "Only a routing decision takes a correction.", path: ["correction"] })
  .refine((v) => !v.correction || v.rating === "down", { message: "A correction goes with a thumbs-down.", path: ["correction"] });

export type FeedbackTarget = z.infer<typeof feedbackTargetSchema>;
export type Vote = z.infer<typeof voteSchema>;

const targetColumn = { message: "messageId", decision: "routingDecisionId", version: "deliverableVersionId" } as const;

/** The conversation a target belongs to, checked against the voter: only the owner rates a conversation (404 for anyone else). */
async function targetContext(userId: string, target: FeedbackTarget) {
  const found =
    target.type === "message"
      ? await db().message.findUnique({
          where: { id: target.id },
          select: { role: true, createdAt: true, conversation: { select: { id: true, userId: true } } },
        })
      : target.type === "decision"
        ? await db().routingDecision.findUnique({
            where: { id: target.id },
            select: { chosenTaskId: true, message: { select: { createdAt: true } }, conversation: { select: { id: true, userId: true } } },
          })
        : await db().deliverableVersion.findUnique({
            where: { id: target.id },
            select: {
              title: true,
              body: true,
              createdAt: true,
              deliverable: { select: { taskId: true, conversation: { select: { id: true, userId: true } } } },
            },
          });
  const conversation = found && ("deliverable" in found ? found.deliverable.conversation : found.conversation);
  // someone else's answers as nothing at all, so ids cannot be probed
  if (!found || conversation?.userId !== userId) throw new AppError("not_found:feedback");
  if ("role" in found && found.role !== "assistant") throw new AppError("bad_request:feedback", { key: "bad_request.onlyAnswers" });
  return { conversationId: conversation.id, found };
}

/** The conversation as the router saw it up to a moment: recent messages, deliverables shortened. */
async function excerptUntil(conversationId: string, until: Date, { userOnly = false, budget = 300 } = {}) {
  const messages = await db().message.findMany({
    where: { conversationId, createdAt: { lte: until }, ...(userOnly ? { role: "user" as const } : {}) },
    orderBy: { createdAt: "asc" },
    select: { role: true, content: true },
  });
  return recentWithinBudget(
    messages.map((m) => ({ role: m.role, content: m.role === "assistant" ? answerForHistory(m.content) : m.content })),
    budget,
  )
    .map((m) => `${m.role === "user" ? "User" : "Assistant"}: ${m.content.replace(/\s+/g, " ").trim()}`)
    .join("\n");
}

/** The task an assistant message worked on: the decision of the user turn it answered. */
async function taskOfMessage(conversationId: string, createdAt: Date) {
  const decision = await db().routingDecision.findFirst({
    where: { conversationId, message: { createdAt: { lte: createdAt } } },
    orderBy: { message: { createdAt: "desc" } },
    select: { chosenTaskId: true },
  });
  return decision?.chosenTaskId ?? null;
}

type LearningData = Omit<Prisma.LearningUncheckedCreateInput, "feedbackId" | "deliverableId">;

/**
 * Stores what a vote or an edit (the owner) teaches, in place of what the same owner taught before.
 * The same example (task and text), approved by a vote or by the user's edit, here or in another
 * conversation, is stored once: when another owner already stored it, this one stores nothing. A unique
 * key in the database holds the rule should two such writes meet. Says whether a routing correction
 * was written or removed, which changes what the router's shortlist searches.
 */
async function storeLearning(
  tx: Prisma.TransactionClient,
  owner: { feedbackId: string } | { deliverableId: string },
  learning: LearningData | null,
): Promise<boolean> {
  const same =
    learning?.kind === "example"
      ? await tx.learning.findFirst({
          where: { kind: "example", taskId: learning.taskId, expectedOutput: learning.expectedOutput },
          select: { feedbackId: true, deliverableId: true },
        })
      : null;
  const storedByAnother = same && Object.entries(owner).some(([column, id]) => same[column as keyof typeof same] !== id);
  if (!learning || storedByAnother) {
    const { count } = await tx.learning.deleteMany({ where: { ...owner, kind: "routing" } });
    await tx.learning.deleteMany({ where: owner });
    return count > 0;
  }
  const previous = await tx.learning.findUnique({ where: owner as Prisma.LearningWhereUniqueInput, select: { kind: true } });
  await tx.learning.upsert({ where: owner as Prisma.LearningWhereUniqueInput, create: { ...learning, ...owner }, update: learning });
  return learning.kind === "routing" || previous?.kind === "routing";
}

/**
 * Records (or changes) the user's vote on a target, and turns it into a learning when it teaches
 * something: a routing correction, an approved deliverable, or a thumbs-down with a comment.
 */
export async function castVote(userId: string, vote: Vote) {
  const { conversationId, found } = await targetContext(userId, vote.target);
  const column = targetColumn[vote.target.type];

  let learning: LearningData | null = null;
  if (vote.target.type === "decision" && vote.rating === "down" && vote.correction) {
    const correctTask =
      vote.correction === "none" ? null : await db().task.findFirst({ where: { slug: vote.correction, deletedAt: null }, select: { id: true } });
    if (vote.correction !== "none" && !correctTask) {
      throw new AppError("bad_request:feedback", { key: "bad_request.unknownCorrection", fields: { correction: ["bad_request.unknownTask"] } });
    }
    const createdAt = (found as { message: { createdAt: Date } }).message.createdAt;
    learning = {
      scope: "router",
      kind: "routing",
      taskId: correctTask?.id ?? null,
      inputExcerpt: await excerptUntil(conversationId, createdAt),
      expectedOutput: vote.correction,
      conversationId,
    };
  } else if (vote.target.type === "version" && vote.rating === "up") {
    const version = found as { title: string; body: string; createdAt: Date; deliverable: { taskId: string | null } };
    if (version.deliverable.taskId) {
      learning = {
        scope: "task",
        kind: "example",
        taskId: version.deliverable.taskId,
        inputExcerpt: await excerptUntil(conversationId, version.createdAt, { userOnly: true, budget: 500 }),
        expectedOutput: `${version.title}\n\n${version.body}`,
        conversationId,
      };
    }
  } else if (vote.rating === "down" && vote.comment) {
    const taskId =
      vote.target.type === "version"
        ? (found as { deliverable: { taskId: string | null } }).deliverable.taskId
        : vote.target.type === "message"
          ? await taskOfMessage(conversationId, (found as { createdAt: Date }).createdAt)
          : (found as { chosenTaskId: string | null }).chosenTaskId;
    if (taskId) {
      const createdAt =
        (found as { createdAt?: Date; message?: { createdAt: Date } }).createdAt ?? (found as { message: { createdAt: Date } }).message.createdAt;
      learning = {
        scope: "task",
        kind: "avoid",
        taskId,
        inputExcerpt: await excerptUntil(conversationId, createdAt, { userOnly: true, budget: 200 }),
        expectedOutput: vote.comment,
        conversationId,
      };
    }
  }

  const result = await db().$transaction(async (tx) => {
    const where = { [`userId_${column}`]: { userId, [column]: vote.target.id } } as unknown as Prisma.FeedbackWhereUniqueInput;
    const data = { rating: vote.rating, comment: vote.comment ?? null, correction: vote.correction ?? null };
    const feedback = await tx.feedback.upsert({ where, create: { userId, [column]: vote.target.id, ...data }, update: data });
    if (await storeLearning(tx, { feedbackId: feedback.id }, learning)) await markRegistryChanged(tx);
    return { feedback: toVoteView(feedback), learned: learning?.kind ?? null };
  });
  if (learning) {
    forgetWordFrequencies();
    scheduleEmbeddingSync();
  }
  return result;
}

export async function removeVote(userId: string, target: FeedbackTarget) {
  await targetContext(userId, target);
  const where = { userId, [targetColumn[target.type]]: target.id };
  await db().$transaction(async (tx) => {
    const corrections = await tx.learning.count({ where: { kind: "routing", feedback: where } });
    // the vote's learning goes with it (cascade)
    await tx.feedback.deleteMany({ where });
    if (corrections) await markRegistryChanged(tx);
  });
}

type FeedbackRow = {
  id: string;
  messageId: string | null;
  routingDecisionId: string | null;
  deliverableVersionId: string | null;
  rating: "up" | "down";
  comment: string | null;
  correction: string | null;
};

function toVoteView(row: FeedbackRow) {
  const target: FeedbackTarget = row.messageId
    ? { type: "message", id: row.messageId }
    : row.routingDecisionId
      ? { type: "decision", id: row.routingDecisionId }
      : { type: "version", id: row.deliverableVersionId! };
  return { target, rating: row.rating, comment: row.comment, correction: row.correction };
}

/** The user's own votes in one of their conversations (never anyone else's). */
export async function listVotes(userId: string, conversationId: string) {
  const conversation = await db().conversation.findUnique({ where: { id: conversationId }, select: { userId: true } });
  if (!conversation || conversation.userId !== userId) throw new AppError("not_found:chat");
  const rows = await db().feedback.findMany({
    where: {
      userId,
      OR: [{ message: { conversationId } }, { routingDecision: { conversationId } }, { deliverableVersion: { deliverable: { conversationId } } }],
    },
  });
  return rows.map(toVoteView);
}

/**
 * The final version after the user edited it becomes an example for the task: one learning per
 * deliverable, replaced by each later edit (none when the same example is already stored).
 */
export async function learnFromEdit(deliverableId: string, version: { title: string; body: string; createdAt: Date }) {
  const deliverable = await db().deliverable.findUnique({ where: { id: deliverableId }, select: { taskId: true, conversationId: true } });
  if (!deliverable?.taskId) return;
  const data = {
    scope: "task" as const,
    kind: "example" as const,
    taskId: deliverable.taskId,
    inputExcerpt: await excerptUntil(deliverable.conversationId, version.createdAt, { userOnly: true, budget: 500 }),
    expectedOutput: `${version.title}\n\n${version.body}`,
    conversationId: deliverable.conversationId,
  };
  await db().$transaction((tx) => storeLearning(tx, { deliverableId }, data));
  forgetWordFrequencies();
  scheduleEmbeddingSync();
}
