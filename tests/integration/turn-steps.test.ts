import { randomUUID } from "node:crypto";
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, type PublicUser } from "@/lib/auth";
import { createConversation, openTurn } from "@/lib/chat/queries";
import {
  type ChatRequest,
  explicitChoice,
  loadTurn,
  recordDecision,
  routeChoice,
  saveTurnAnswer,
  startAnswer,
  startTurn,
  type TurnEvent,
} from "@/lib/chat/turn";
import { runTurn } from "@/lib/chat/web";
import { db } from "@/lib/db";
import { setTaskEnabled } from "@/lib/tasks";
import { parseUiMessageStream } from "../support/chat-client";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";

withLibDatabase();

// The turn's named steps (lib/chat/turn), each on its own against a real database, with the AI SDK's mock
// models; then the whole sequence's events, and the web adapter's texts in the reader's language.
const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};
const routerAnswering = (task: string) =>
  new MockLanguageModelV4({
    provider: "mock",
    modelId: "router",
    doGenerate: { content: [{ type: "text", text: JSON.stringify({ task }) }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] },
  });
function writer(deltas: string[], { failAfter }: { failAfter?: number } = {}) {
  return new MockLanguageModelV4({
    provider: "mock",
    modelId: "writer",
    doStream: async () => {
      const sent = deltas.slice(0, failAfter ?? deltas.length);
      const chunks: LanguageModelV4StreamPart[] = [{ type: "text-start", id: "t" }, ...sent.map((delta) => ({ type: "text-delta" as const, id: "t", delta }))];
      if (failAfter !== undefined) chunks.push({ type: "error", error: Object.assign(new Error("upstream"), { statusCode: 502 }) });
      else chunks.push({ type: "text-end", id: "t" }, { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage });
      return { stream: simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs: null }) };
    },
  });
}
const spec = (model: string) => ({ provider: "compatible" as const, model, origin: "test" });
const noStop = () => new AbortController().signal;
const promptText = (options: LanguageModelV4CallOptions) => JSON.stringify(options.prompt);

describe(`the turn's steps on ${testDatabaseKind()}`, () => {
  let user: PublicUser;
  let other: PublicUser;
  const request = async (text: string, extra: Partial<ChatRequest> = {}): Promise<ChatRequest> => ({
    conversationId: (await createConversation(user.id)).id,
    messageId: randomUUID(),
    text,
    ...extra,
  });

  beforeAll(async () => {
    user = await createUser({ email: `steps-${randomUUID()}@example.test`, password: "password-steps" });
    other = await createUser({ email: `steps-other-${randomUUID()}@example.test`, password: "password-steps" });
  });

  describe("load", () => {
    it("stores the message, names the conversation, and reads history and registry in one go", async () => {
      const first = await request("Minutes of the budget meeting, please");
      const turn = await loadTurn(user.id, first);
      const stored = await db().message.findMany({ where: { conversationId: first.conversationId } });
      expect(stored.map((m) => [m.id, m.role, m.content, m.idempotencyKey])).toEqual([[turn.userMessageId, "user", first.text, first.messageId]]);
      expect((await db().conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).title).toBe(first.text);
      expect(turn.history).toEqual([{ role: "user", content: first.text }]);
      expect(turn.tasks.map((t) => t.slug)).toContain("meeting-minutes");
      expect(turn.previous).toBeNull();
      expect(await turn.learningQuery).toBeNull(); // no learnings yet: no word of the message is searched

      // the next message: the history has both, the title stays
      const next = await loadTurn(user.id, { ...first, messageId: randomUUID(), text: "It was on Monday" });
      expect(next.history.map((m) => m.content)).toEqual([first.text, "It was on Monday"]);
      expect(next.recentUserText).toBe(`${first.text} It was on Monday`);
      expect((await db().conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).title).toBe(first.text);
    });

    it("keeps one copy of a retried message, and its place in the history", async () => {
      const first = await request("Write the minutes");
      const turn = await loadTurn(user.id, first);
      await saveTurnAnswer(turn, { id: randomUUID(), task: null, outcome: { status: "failed", text: "Partial" } });
      const retried = await loadTurn(user.id, first);
      expect(retried.userMessageId).toBe(turn.userMessageId);
      expect(retried.history).toEqual([
        { role: "user", content: "Write the minutes" },
        { role: "assistant", content: "Partial" },
      ]);
      expect(await db().message.count({ where: { conversationId: first.conversationId, role: "user" } })).toBe(1);
    });

    it("answers someone else's conversation as one that does not exist, and stores nothing in it", async () => {
      const theirs = await createConversation(other.id);
      await expect(loadTurn(user.id, { conversationId: theirs.id, messageId: randomUUID(), text: "Let me in" })).rejects.toMatchObject({
        code: "not_found:chat",
      });
      await expect(openTurn({ userId: user.id, conversationId: "no-such-conversation", idempotencyKey: randomUUID(), text: "Hello" })).rejects.toMatchObject({
        code: "not_found:chat",
      });
      expect(await db().message.count({ where: { conversationId: theirs.id } })).toBe(0);
    });

    it("leaves a task that was disabled since, with a notice that names it", async () => {
      const first = await request("/meeting-minutes Budget review");
      const turn = await loadTurn(user.id, first);
      const minutes = turn.tasks.find((t) => t.slug === "meeting-minutes")!;
      await recordDecision(turn, explicitChoice(first, turn.tasks)!).saved;
      expect((await loadTurn(user.id, { ...first, messageId: randomUUID(), text: "Add Ana" })).previous?.slug).toBe("meeting-minutes");
      await setTaskEnabled(minutes.id, false);
      try {
        const after = await loadTurn(user.id, { ...first, messageId: randomUUID(), text: "And Ben" });
        expect(after.previous).toBeNull();
        expect(after.tasks.some((t) => t.slug === "meeting-minutes")).toBe(false);
        expect(after.notice).toEqual({ key: "turn.taskUnavailable", values: { task: minutes.name } });
      } finally {
        await setTaskEnabled(minutes.id, true);
      }
    });
  });

  describe("choose", () => {
    it("takes the user's explicit choice: a command, the picker, or none; an unknown slug is no choice", async () => {
      const { tasks } = await loadTurn(user.id, await request("Hello"));
      expect(explicitChoice({ conversationId: "c", messageId: "m", text: "/follow-up-email to Ana" }, tasks)).toMatchObject({
        task: { slug: "follow-up-email" },
        source: "user",
        rawOutput: "command",
      });
      expect(explicitChoice({ conversationId: "c", messageId: "m", text: "Hi", taskSlug: "meeting-minutes" }, tasks)).toMatchObject({
        task: { slug: "meeting-minutes" },
        rawOutput: "picker:meeting-minutes",
      });
      expect(explicitChoice({ conversationId: "c", messageId: "m", text: "/none" }, tasks)).toMatchObject({ task: null, source: "user" });
      expect(explicitChoice({ conversationId: "c", messageId: "m", text: "/no-such-task now" }, tasks)).toBeUndefined();
      expect(explicitChoice({ conversationId: "c", messageId: "m", text: "no command" }, tasks)).toBeUndefined();
    });

    it("asks the router among the enabled tasks and records its answer", async () => {
      const turn = await loadTurn(user.id, await request("Please send a follow-up to the client"));
      const model = routerAnswering("follow-up-email");
      const choice = await routeChoice(turn, { model, spec: spec("router") }, noStop());
      expect(choice).toMatchObject({
        task: { slug: "follow-up-email" },
        source: "router",
        model: "compatible:router",
        validFormat: true,
        rawOutput: '{"task":"follow-up-email"}',
      });
      const offered = (model.doGenerateCalls[0].responseFormat as { schema: { properties: { task: { enum: string[] } } } }).schema.properties.task.enum;
      expect(offered).toEqual(expect.arrayContaining(["meeting-minutes", "follow-up-email", "none"]));
      expect(promptText(model.doGenerateCalls[0])).toContain("Please send a follow-up to the client");
    });
  });

  describe("execute", () => {
    it("starts the task's answer with its latest deliverable in the prompt, buffered until piped", async () => {
      const first = await request("/meeting-minutes Budget review");
      const turn = await loadTurn(user.id, first);
      const minutes = turn.tasks.find((t) => t.slug === "meeting-minutes")!;
      await saveTurnAnswer(turn, {
        id: randomUUID(),
        task: minutes,
        outcome: { status: "complete", text: '<deliverable title="Budget review">Body one</deliverable>' },
      });
      const model = writer(["Here ", "you are."]);
      const execution = await startAnswer(turn, minutes, model, noStop());
      expect(execution.taskSlug).toBe("meeting-minutes");
      const received: string[] = [];
      expect(await execution.pipe((delta) => received.push(delta))).toEqual({ status: "complete", text: "Here you are." });
      expect(received).toEqual(["Here ", "you are."]);
      const system = promptText(model.doStreamCalls[0]);
      expect(system).toContain("Body one");
      expect(system).toContain(minutes.name);
    });

    it("shows the current task's deliverable, as read with the turn", async () => {
      const first = await request("/meeting-minutes Budget review");
      const opened = await loadTurn(user.id, first);
      const choice = explicitChoice(first, opened.tasks)!;
      await recordDecision(opened, choice).saved;
      await saveTurnAnswer(opened, {
        id: randomUUID(),
        task: choice.task,
        outcome: { status: "complete", text: '<deliverable title="Budget">Version one body</deliverable>' },
      });
      const turn = await loadTurn(user.id, { ...first, messageId: randomUUID(), text: "Add Ana" });
      expect(turn.previousVersion).toEqual({ title: "Budget", body: "Version one body", version: 1, author: "model" });
      const model = writer(["Added."]);
      await (await startAnswer(turn, turn.previous, model, noStop())).pipe(() => {});
      expect(promptText(model.doStreamCalls[0])).toContain("Version one body");
    });

    it("with no task, answers as the general assistant", async () => {
      const turn = await loadTurn(user.id, await request("What is a good agenda?"));
      const model = writer(["An agenda."]);
      const execution = await startAnswer(turn, null, model, noStop());
      expect(execution.taskSlug).toBeNull();
      expect((await execution.pipe(() => {})).text).toBe("An agenda.");
      expect(promptText(model.doStreamCalls[0])).toContain("You are Switchboard, a helpful assistant");
    });
  });

  describe("persist", () => {
    it("saves the decision (the conversation's task follows it) and the answer with the deliverable version it wrote", async () => {
      const first = await request("/follow-up-email to the client");
      const turn = await loadTurn(user.id, first);
      const choice = explicitChoice(first, turn.tasks)!;
      const decision = recordDecision(turn, choice);
      expect(decision.routing).toMatchObject({ action: "start", source: "user", task: { slug: "follow-up-email" }, previousTask: null });
      await decision.saved;
      const stored = await db().routingDecision.findUniqueOrThrow({ where: { id: decision.routing.decisionId! } });
      expect(stored).toMatchObject({ messageId: turn.userMessageId, chosenTaskId: choice.task!.id, action: "start", source: "user", rawOutput: "command" });
      expect((await db().conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).currentTaskId).toBe(choice.task!.id);

      const answerId = randomUUID();
      const saved = await saveTurnAnswer(turn, {
        id: answerId,
        task: choice.task,
        outcome: { status: "complete", text: 'Done.\n<deliverable title="To the client">Dear client</deliverable>' },
      });
      expect(saved.version).toMatchObject({ version: 1, title: "To the client", body: "Dear client", author: "model" });
      expect(await db().message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ role: "assistant", status: "complete" });
    });

    it("keeps a failed answer's partial text, marked, and writes no deliverable from it", async () => {
      const first = await request("/follow-up-email to the client");
      const turn = await loadTurn(user.id, first);
      const task = explicitChoice(first, turn.tasks)!.task;
      const answerId = randomUUID();
      const saved = await saveTurnAnswer(turn, {
        id: answerId,
        task,
        outcome: { status: "failed", text: '<deliverable title="Half">Dear', error: { key: "answer.brokeOff" } },
      });
      expect(saved.version).toBeNull();
      expect(await db().message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ status: "failed", content: '<deliverable title="Half">Dear' });
    });
  });

  describe("the whole turn", () => {
    it("stores the message before any model is called, then routes, streams, and persists, telling its channel in order", async () => {
      const first = await request("Write the minutes of the kickoff");
      let storedBeforeRouting = false;
      const fast = new MockLanguageModelV4({
        provider: "mock",
        modelId: "router",
        doGenerate: async () => {
          storedBeforeRouting = (await db().message.count({ where: { conversationId: first.conversationId, idempotencyKey: first.messageId } })) === 1;
          return { content: [{ type: "text", text: '{"task":"meeting-minutes"}' }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] };
        },
      });
      const best = writer(["Sure. ", '<deliverable title="Kickoff">Notes</deliverable>']);
      const turn = await startTurn(user.id, first, {
        signal: noStop(),
        models: { best: { model: best, spec: spec("writer") }, fast: { model: fast, spec: spec("router") } },
      });
      const events: TurnEvent[] = [];
      await turn.answer((event) => events.push(event));
      expect(storedBeforeRouting).toBe(true);
      expect(events.map((e) => e.type)).toEqual(["start", "routing", "text-start", "text-delta", "text-delta", "text-end", "deliverable", "finish"]);
      expect(events[1]).toMatchObject({ routing: { action: "start", source: "router", task: { slug: "meeting-minutes" } } });
      expect(events.at(-1)).toMatchObject({ type: "finish", status: "complete" });
      // the speculative answer (no task yet) was dropped for the chosen task's: the writer was called twice
      expect(best.doStreamCalls).toHaveLength(2);
      const answer = await db().message.findUniqueOrThrow({ where: { id: (events[0] as { messageId: string }).messageId } });
      expect(answer.content).toContain("Notes");
    });

    it("words the web's notice and failure in the reader's language", async () => {
      const first = await request("/meeting-minutes Budget review");
      const opened = await loadTurn(user.id, first);
      await recordDecision(opened, explicitChoice(first, opened.tasks)!).saved;
      const minutes = opened.tasks.find((t) => t.slug === "meeting-minutes")!;
      await setTaskEnabled(minutes.id, false);
      try {
        const models = {
          best: { model: writer(["Una parte", " y otra"], { failAfter: 1 }), spec: spec("writer") },
          fast: { model: routerAnswering("none"), spec: spec("router") },
        };
        const response = await runTurn(user, { ...first, messageId: randomUUID(), text: "Añade a Ana" }, { signal: noStop(), locale: "es", models });
        const streamed = parseUiMessageStream(await response.text());
        expect(streamed.routing?.notice).toBe(`«${minutes.name}» ya no está disponible, así que el asistente continúa sin tarea.`);
        expect(streamed.text).toBe("Una parte");
        expect(streamed.errorText).toBe("El proveedor del modelo falló (HTTP 502). Tu mensaje está guardado; pulsa Reintentar para volver a intentarlo.");
        expect(streamed.finish).toMatchObject({ messageMetadata: { status: "failed" } });
      } finally {
        await setTaskEnabled(minutes.id, true);
      }
    });
  });
});
