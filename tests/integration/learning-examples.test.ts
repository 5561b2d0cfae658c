import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth";
import { createConversation, openTurn, saveAnswer } from "@/lib/chat/queries";
import { db, type OutputKind } from "@/lib/db";
import { saveUserEdit } from "@/lib/executor";
import { AppError } from "@/lib/http";
import { castVote, removeVote, updateLearning } from "@/lib/learnings";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";

withLibDatabase();

/** An approved deliverable, by a thumbs-up or by the user's own edit, is an example for its task: stored once. */
describe(`example learnings on ${testDatabaseKind()}`, () => {
  let userId: string;
  let minutes: { id: string; outputKind: OutputKind };

  beforeAll(async () => {
    userId = (await createUser({ email: `examples-${randomUUID()}@example.test`, password: "password-examples" })).id;
    minutes = await db().task.findUniqueOrThrow({ where: { slug: "meeting-minutes" }, select: { id: true, outputKind: true } });
  });

  /** A conversation with a user message and the model's first version of the minutes. */
  async function modelDraft(title: string, body: string) {
    const conversation = await createConversation(userId);
    await openTurn({ userId, conversationId: conversation.id, idempotencyKey: randomUUID(), text: `Minutes of the ${title} meeting, please.` });
    const { version } = await saveAnswer(
      { id: randomUUID(), conversationId: conversation.id, content: "Here they are.", status: "complete" },
      { taskId: minutes.id, kind: minutes.outputKind, title, body, author: "model" },
    );
    return { conversationId: conversation.id, version: version! };
  }

  const examples = (conversationId: string) =>
    db().learning.findMany({ where: { conversationId, kind: "example" }, select: { expectedOutput: true, feedbackId: true, deliverableId: true } });

  it("a thumbs-up on a version the user just edited keeps one example, and removing the vote keeps the edit's", async () => {
    const { conversationId, version } = await modelDraft("Budget", "Draft body");
    const edited = await saveUserEdit(userId, version.deliverableId, { title: "Budget (final)", body: "Edited body" });
    expect(await examples(conversationId)).toEqual([
      { expectedOutput: "Budget (final)\n\nEdited body", feedbackId: null, deliverableId: version.deliverableId },
    ]);

    const vote = await castVote(userId, { target: { type: "version", id: edited.id }, rating: "up" });
    expect(vote.learned).toBe("example");
    expect(await examples(conversationId)).toEqual([
      { expectedOutput: "Budget (final)\n\nEdited body", feedbackId: null, deliverableId: version.deliverableId },
    ]);

    await removeVote(userId, { type: "version", id: edited.id });
    expect(await examples(conversationId)).toHaveLength(1);
  });

  it("an edit that leaves an approved version as it was adds no second example", async () => {
    const { conversationId, version } = await modelDraft("Hiring", "Hiring is frozen.");
    await castVote(userId, { target: { type: "version", id: version.id }, rating: "up" });
    await saveUserEdit(userId, version.deliverableId, { title: "Hiring", body: "Hiring is frozen." });
    expect((await examples(conversationId)).map((e) => e.expectedOutput)).toEqual(["Hiring\n\nHiring is frozen."]);
  });

  it("the same example approved in two conversations is stored once", async () => {
    const first = await modelDraft("Weekly sync", "Nothing to report.");
    const second = await modelDraft("Weekly sync", "Nothing to report.");
    await castVote(userId, { target: { type: "version", id: first.version.id }, rating: "up" });
    await castVote(userId, { target: { type: "version", id: second.version.id }, rating: "up" });
    const stored = await db().learning.count({ where: { kind: "example", taskId: minutes.id, expectedOutput: "Weekly sync\n\nNothing to report." } });
    expect(stored).toBe(1);
  });

  it("is kept once by the database itself, and an admin cannot edit one example into another's text", async () => {
    const { conversationId } = await modelDraft("Offsite", "Venue booked.");
    const example = {
      scope: "task" as const,
      kind: "example" as const,
      taskId: minutes.id,
      inputExcerpt: "User: offsite",
      expectedOutput: "Offsite\n\nVenue booked.",
      conversationId,
    };
    await db().learning.create({ data: example });
    await expect(db().learning.create({ data: example })).rejects.toMatchObject({ code: "P2002" });

    const other = await db().learning.create({ data: { ...example, expectedOutput: "Offsite\n\nVenue not booked yet." } });
    const refused = await updateLearning(other.id, { expectedOutput: example.expectedOutput }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 409, code: "conflict:learning" });
  });
});
