import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth";
import { createConversation, openTurn, saveAnswer } from "@/lib/chat/queries";
import { db, type OutputKind } from "@/lib/db";
import { addVersion } from "@/lib/executor";
import { forgetWordFrequencies, rareWordQuery } from "@/lib/learnings";
import { saveDecision } from "@/lib/router";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";

withLibDatabase();

// The turn's writes are single SQL statements (lib/chat/queries saveAnswer, lib/router saveDecision,
// lib/executor appendVersionSql): these check what the transactions they replaced guaranteed.
describe(`a turn's writes on ${testDatabaseKind()}`, () => {
  let userId: string;
  let minutes: { id: string; outputKind: OutputKind };
  let email: { id: string };

  beforeAll(async () => {
    userId = (await createUser({ email: `writes-${randomUUID()}@example.test`, password: "password-writes" })).id;
    minutes = await db().task.findUniqueOrThrow({ where: { slug: "meeting-minutes" }, select: { id: true, outputKind: true } });
    email = await db().task.findUniqueOrThrow({ where: { slug: "follow-up-email" }, select: { id: true } });
  });

  const draft = (title: string) => ({ taskId: minutes.id, kind: minutes.outputKind, title, body: `Body of ${title}`, author: "model" as const });

  it("saves an answer, touches the conversation and appends the deliverable's next version, as one", async () => {
    const conversation = await createConversation(userId);
    const before = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    const first = await saveAnswer({ id: randomUUID(), conversationId: conversation.id, content: "v1", status: "complete" }, draft("First"));
    const plain = await saveAnswer({ id: randomUUID(), conversationId: conversation.id, content: "no deliverable", status: "stopped" }, null);
    const secondId = randomUUID();
    const second = await saveAnswer({ id: secondId, conversationId: conversation.id, content: "v2", status: "complete" }, draft("Second"));

    expect(first.version).toMatchObject({ version: 1, title: "First", author: "model" });
    expect(plain.version).toBeNull();
    expect(second.version).toMatchObject({ version: 2, title: "Second", deliverableId: first.version!.deliverableId });
    expect(second.createdAt).toBeInstanceOf(Date);
    const stored = await db().deliverableVersion.findUniqueOrThrow({ where: { id: second.version!.id } });
    expect(stored).toMatchObject({ messageId: secondId, body: "Body of Second", version: 2 });
    expect(stored.createdAt.toISOString()).toBe(second.version!.createdAt.toISOString());
    expect(await db().deliverable.count({ where: { conversationId: conversation.id } })).toBe(1);
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // the answer's time is the database's record of it, in UTC like Prisma's own writes
    const answer = await db().message.findUniqueOrThrow({ where: { id: secondId } });
    expect(answer).toMatchObject({ role: "assistant", status: "complete", content: "v2" });
    expect(answer.createdAt.toISOString()).toBe(second.createdAt.toISOString());
    expect(Math.abs(answer.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("writes nothing of a turn's answer when part of it fails", async () => {
    const conversation = await createConversation(userId);
    const id = randomUUID();
    await saveAnswer({ id, conversationId: conversation.id, content: "first", status: "complete" }, null);
    // the same message id again: the insert fails, so the version in the same statement must not exist
    await expect(saveAnswer({ id, conversationId: conversation.id, content: "again", status: "complete" }, draft("Orphan"))).rejects.toThrow();
    expect(await db().deliverable.count({ where: { conversationId: conversation.id } })).toBe(0);
    expect(await db().deliverableVersion.count({ where: { title: "Orphan" } })).toBe(0);
  });

  it("gives answers written at the same moment one deliverable and consecutive versions", async () => {
    const conversation = await createConversation(userId);
    // open as many pooled connections as writers first, so that on Postgres they really run at once
    // (three writers: each retries at most twice, which three racing writers never need more than)
    await Promise.all(Array.from({ length: 3 }, () => db().$executeRaw`SELECT pg_sleep(0.05)`));
    const written = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        saveAnswer({ id: randomUUID(), conversationId: conversation.id, content: `a${i}`, status: "complete" }, draft(`Race ${i}`)),
      ),
    );
    expect(written.map((w) => w.version!.version).sort()).toEqual([1, 2, 3]);
    expect(new Set(written.map((w) => w.version!.deliverableId)).size).toBe(1);
    // a user's edit goes through the same statement
    const edit = await addVersion({
      conversationId: conversation.id,
      taskId: minutes.id,
      kind: minutes.outputKind,
      title: "Edited",
      body: "By hand",
      author: "user",
    });
    expect(edit).toMatchObject({ version: 4, author: "user", deliverableId: written[0].version!.deliverableId });
    expect(await db().deliverable.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("saves a decision with the conversation's new task, and a retried message's decision keeps its votes", async () => {
    const conversation = await createConversation(userId);
    const { message } = await openTurn({ userId, conversationId: conversation.id, idempotencyKey: randomUUID(), text: "Write the minutes" });
    const decision = (id: string, chosenTaskId: string | null, action: "start" | "switch") => ({
      id,
      conversationId: conversation.id,
      messageId: message.id,
      previousTaskId: null,
      chosenTaskId,
      action,
      source: "router" as const,
      model: "test:router",
      latencyMs: 12,
      promptTokens: 300,
      validFormat: true,
      rawOutput: "{}",
    });
    const firstId = randomUUID();
    await saveDecision(decision(firstId, minutes.id, "start"));
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).currentTaskId).toBe(minutes.id);
    await db().feedback.create({ data: { userId, routingDecisionId: firstId, rating: "down", correction: "follow-up-email" } });

    const retriedId = randomUUID();
    await saveDecision(decision(retriedId, email.id, "switch"));
    const stored = await db().routingDecision.findMany({ where: { messageId: message.id }, include: { feedback: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: retriedId, chosenTaskId: email.id, action: "switch", latencyMs: 12, promptTokens: 300 });
    expect(stored[0].feedback.map((f) => f.correction)).toEqual(["follow-up-email"]);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).currentTaskId).toBe(email.id);
  });
});

describe(`the words a learning search uses, on ${testDatabaseKind()}`, () => {
  beforeAll(async () => {
    // "zebrafish" in 2 learnings, "quokka" in 6, "narwhal" in 20
    const rows = Array.from({ length: 20 }, (_, i) => ({
      scope: "router" as const,
      kind: "routing" as const,
      inputExcerpt: ["narwhal", i < 6 ? "quokka" : "", i < 2 ? "zebrafish" : ""].join(" "),
      expectedOutput: "none",
    }));
    await db().learning.createMany({ data: rows });
    forgetWordFrequencies();
  });

  it("takes the rarest words first, and stops before their learnings exceed the bound", async () => {
    const text = "narwhal quokka zebrafish and words no learning holds";
    expect(await rareWordQuery(text)).toBe("zebrafish | quokka | narwhal");
    expect(await rareWordQuery(text, { maxMatches: 10 })).toBe("zebrafish | quokka");
    expect(await rareWordQuery(text, { maxWords: 1 })).toBe("zebrafish");
    // one word is always searched, however common
    expect(await rareWordQuery("narwhal", { maxMatches: 1 })).toBe("narwhal");
    expect(await rareWordQuery("words no learning holds")).toBeNull();
  });
});
