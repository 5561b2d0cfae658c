import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatUIMessage, DeliverableVersionView } from "@/lib/chat/types";
import type { AppServer } from "../support/app-server";
import { createConversation, getConversation, routingsOf, sendTurn, textOf } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";
import { routerSays, speculativeDiscard, withDeliverable } from "../support/scripted-replies";

const kind = testDatabaseKind();

const SEED_SLUGS = ["meeting-minutes", "follow-up-email", "memo-from-ideas"];
/**
 * The router's deadline for this file. Router replies that must be used are delayed ROUTER_DELAY_MS
 * (so the speculative executor request reaches the scripted server first and takes its reply from
 * the queue); a reply that must time out is delayed far beyond the deadline.
 */
const ROUTER_TIMEOUT_MS = 1_000;

describe(`a conversation through /api/chat on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let owner: HttpClient;
  let other: HttpClient;

  beforeAll(async () => {
    ({ testDb, models, app } = await startScriptedApp({ ROUTER_TIMEOUT_MS: String(ROUTER_TIMEOUT_MS) }));
    const accounts = [
      { email: uniqueEmail("owner"), password: "owner-password-1" },
      { email: uniqueEmail("other"), password: "other-password-1" },
    ];
    [owner, other] = await Promise.all(
      accounts.map(async ({ email, password }) => {
        const client = new HttpClient(app.url);
        expect((await client.signUp(email, password)).status).toBe(201);
        expect(await client.signIn(email, password)).toBe(true);
        return client;
      }),
    );
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  /** Fails with the app's log when a scripted reply was left unused (the turn made fewer calls than scripted). */
  const expectQueuesDrained = () => expectScriptedRepliesUsed(models, app);

  /**
   * A conversation whose current task is meeting minutes with a model-written version 1, reached by an
   * explicit `/meeting-minutes` choice (no router call, no speculation: one executor call).
   */
  async function conversationWithMinutes(client: HttpClient): Promise<{ id: string; deliverable: DeliverableVersionView }> {
    const id = await createConversation(client);
    models.script(BEST, withDeliverable("Minutes – Budget review – 3 March", "**Attendees**\n- Ana\n- Bo\n\n**Decisions**\n1. Freeze hiring"));
    const turn = await sendTurn(client, {
      conversationId: id,
      text: "/meeting-minutes Budget review on 3 March with Ana and Bo; we discussed costs and decided to freeze hiring.",
    });
    expect(turn.status).toBe(200);
    expect(turn.routing).toMatchObject({ action: "start", source: "user", task: { slug: "meeting-minutes" } });
    expect(turn.deliverables).toHaveLength(1);
    expectQueuesDrained();
    return { id, deliverable: turn.deliverables[0] };
  }

  it("follows the story: start, ask for info, write, revise, switch task, end — and stores every step", async () => {
    const conversationId = await createConversation(owner);
    const fastBefore = models.requestsFor(FAST).length;
    const bestBefore = models.requestsFor(BEST).length;

    // 1. start: the speculative general answer is discarded, the minutes task asks for what is missing
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, speculativeDiscard("general"), "Happy to. When was the meeting, who attended and what was discussed?");
    const t1 = await sendTurn(owner, { conversationId, text: "I just left the meeting with ACME, write the minutes" });
    expect(t1.status, JSON.stringify(t1.error)).toBe(200);
    expect(t1.routing).toMatchObject({ action: "start", source: "router", task: { slug: "meeting-minutes" }, previousTask: null });
    expect(t1.text).toBe("Happy to. When was the meeting, who attended and what was discussed?");
    expect(t1.deliverables).toEqual([]);
    expect(t1.errorText).toBeUndefined();
    expect(t1.done).toBe(true);
    expectQueuesDrained();

    // 2. continue: the user gives the information, the (speculative, confirmed) answer writes version 1
    const minutesV1 =
      "**Attendees**\n- ACME: Carla\n- Us: Ana, Bo\n\n**Decisions**\n1. Pilot starts in May\n\n**Action items**\n| Bo | send pricing | Friday |";
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, withDeliverable("Minutes – ACME pilot – 12 May", minutesV1));
    const t2 = await sendTurn(owner, {
      conversationId,
      text: "It was today, 12 May, with Carla from ACME, Ana and Bo. We agreed the pilot starts in May; Bo sends pricing by Friday.",
    });
    expect(t2.routing).toMatchObject({ action: "continue", task: { slug: "meeting-minutes" }, previousTask: { slug: "meeting-minutes" } });
    expect(t2.deliverables).toHaveLength(1);
    expect(t2.deliverables[0]).toMatchObject({ version: 1, author: "model", title: "Minutes – ACME pilot – 12 May", body: minutesV1 });
    const minutesId = t2.deliverables[0].deliverableId;
    expectQueuesDrained();

    // 3. continue: a revision becomes version 2 of the same deliverable, written from version 1
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, withDeliverable("Minutes – ACME pilot – 12 May", "Pilot in May. Bo sends pricing by Friday.", "Shorter:"));
    const t3 = await sendTurn(owner, { conversationId, text: "make it shorter" });
    expect(t3.routing).toMatchObject({ action: "continue", task: { slug: "meeting-minutes" } });
    expect(t3.deliverables).toHaveLength(1);
    expect(t3.deliverables[0]).toMatchObject({ deliverableId: minutesId, version: 2, author: "model", body: "Pilot in May. Bo sends pricing by Friday." });
    const revisionPrompt = models.requestsFor(BEST).at(-1)!.messages[0];
    expect(revisionPrompt.role).toBe("system");
    expect(revisionPrompt.content).toContain("Current task: Meeting minutes");
    expect(revisionPrompt.content).toContain("version 1");
    expect(revisionPrompt.content).toContain("Pilot starts in May");
    expectQueuesDrained();

    // 4. switch: the speculative minutes answer is discarded, the email is a new deliverable
    const email = "Dear Carla,\n\nThank you for today. As agreed, the pilot starts in May; Bo sends pricing by Friday.\n\n[Your name]";
    models.script(FAST, routerSays("follow-up-email"));
    models.script(BEST, speculativeDiscard("minutes"), withDeliverable("ACME pilot: next steps", email, "Here is the email."));
    const t4 = await sendTurn(owner, { conversationId, text: "now write the follow-up email to the participants" });
    expect(t4.routing).toMatchObject({ action: "switch", task: { slug: "follow-up-email" }, previousTask: { slug: "meeting-minutes" } });
    expect(t4.text).not.toContain("SPECULATIVE-DISCARD");
    expect(t4.deliverables).toHaveLength(1);
    expect(t4.deliverables[0]).toMatchObject({ version: 1, author: "model", title: "ACME pilot: next steps", body: email });
    expect(t4.deliverables[0].deliverableId).not.toBe(minutesId);
    expect(models.requestsFor(BEST).at(-1)!.messages[0].content).toContain("Current task: Follow-up email");
    expectQueuesDrained();

    // 5. end: nothing in the registry applies any more
    models.script(FAST, routerSays("none"));
    models.script(BEST, speculativeDiscard("email"), "You're welcome. Good luck with the pilot!");
    const t5 = await sendTurn(owner, { conversationId, text: "thanks, that's all" });
    expect(t5.routing).toMatchObject({ action: "end", task: null, previousTask: { slug: "follow-up-email" } });
    expect(t5.text).toBe("You're welcome. Good luck with the pilot!");
    expect(t5.deliverables).toEqual([]);
    expectQueuesDrained();

    // one router call per turn; start, switch and end restart the executor after the speculative call
    expect(models.requestsFor(FAST).length - fastBefore).toBe(5);
    expect(models.requestsFor(BEST).length - bestBefore).toBe(8);

    // the stored conversation, as the chat page loads it
    const view = await getConversation(owner, conversationId);
    expect(view.conversation.currentTask).toBeNull();
    expect(view.conversation.title).toBe("I just left the meeting with ACME, write the minutes");
    expect(view.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(view.messages.filter((m) => m.role === "user").map((m) => m.id)).toEqual([t1, t2, t3, t4, t5].map((t) => t.messageId));
    expect(view.messages.filter((m) => m.role === "user").map(textOf)).toEqual([
      "I just left the meeting with ACME, write the minutes",
      expect.stringContaining("Carla from ACME"),
      "make it shorter",
      "now write the follow-up email to the participants",
      "thanks, that's all",
    ]);
    const routings = routingsOf(view);
    expect(routings.map((r) => r?.action)).toEqual(["start", "continue", "continue", "switch", "end"]);
    expect(routings.map((r) => r?.task?.slug ?? null)).toEqual(["meeting-minutes", "meeting-minutes", "meeting-minutes", "follow-up-email", null]);
    expect(routings.map((r) => r?.source)).toEqual(["router", "router", "router", "router", "router"]);
    expect(routings.map((r) => r?.decisionId)).toEqual([t1, t2, t3, t4, t5].map((t) => t.routing!.decisionId));
    const assistants = view.messages.filter((m) => m.role === "assistant");
    for (const message of assistants) {
      expect(textOf(message)).not.toContain("SPECULATIVE-DISCARD");
      expect(message.metadata?.status).toBe("complete");
    }
    expect(assistants.map((m) => m.parts.filter((p) => p.type === "data-deliverable").length)).toEqual([0, 1, 1, 1, 0]);

    expect(view.deliverables).toHaveLength(2);
    const minutes = view.deliverables.find((d) => d.task?.slug === "meeting-minutes");
    const followUp = view.deliverables.find((d) => d.task?.slug === "follow-up-email");
    expect(minutes).toMatchObject({ id: minutesId, kind: "minutes" });
    expect(minutes!.versions.map((v) => [v.version, v.author])).toEqual([
      [1, "model"],
      [2, "model"],
    ]);
    expect(minutes!.versions[1].body).toBe("Pilot in May. Bo sends pricing by Friday.");
    expect(followUp).toMatchObject({ id: t4.deliverables[0].deliverableId, kind: "email" });
    expect(followUp!.versions.map((v) => [v.version, v.author])).toEqual([[1, "model"]]);

    // the router is constrained by a JSON schema whose enum is the enabled slugs plus "none"
    const routerRequests = models.requestsFor(FAST).slice(fastBefore);
    for (const request of routerRequests) {
      const format = request.body.response_format as { type: string; json_schema: { schema: { properties: { task: { enum: string[] } } } } };
      expect(format?.type).toBe("json_schema");
      expect([...format.json_schema.schema.properties.task.enum].sort()).toEqual([...SEED_SLUGS, "none"].sort());
    }
    expect(routerRequests[0].messages.map((m) => m.content).join("\n")).toContain("Current task: none");
    expect(routerRequests[1].messages.map((m) => m.content).join("\n")).toContain("Current task: meeting-minutes");
  });

  it("never lets a discarded speculative answer reach the user when the router switches tasks", async () => {
    const { id: conversationId } = await conversationWithMinutes(owner);
    const bestBefore = models.requestsFor(BEST).length;

    const kept = withDeliverable(
      "Budget review: next steps",
      "Dear Ana and Bo,\n\nAs agreed, hiring is frozen.\n\n[Your name]",
      "Here is the follow-up email.",
    );
    // the router answers while the speculative minutes answer is still streaming (about 5 s in all)
    models.script(FAST, routerSays("follow-up-email", { delayMs: 400 }));
    models.script(BEST, { ...speculativeDiscard("minutes"), text: "SPECULATIVE-DISCARD minutes ".repeat(20), chunkDelayMs: 50 }, kept);
    const started = Date.now();
    const turn = await sendTurn(owner, { conversationId, text: "send them a follow-up email" });
    // the turn did not wait for the discarded answer, which would stream for about 5 s
    expect(Date.now() - started).toBeLessThan(3_000);

    expect(turn.routing).toMatchObject({ action: "switch", task: { slug: "follow-up-email" }, previousTask: { slug: "meeting-minutes" } });
    expect(turn.text).toBe(kept);
    expect(turn.text).not.toContain("SPECULATIVE-DISCARD");
    expect(turn.deliverables).toHaveLength(1);
    expect(turn.deliverables[0]).toMatchObject({ version: 1, title: "Budget review: next steps" });
    expectQueuesDrained();

    // the discarded call was really made for the current task, and the kept one for the new task
    const [speculative, restarted] = models.requestsFor(BEST).slice(bestBefore);
    expect(speculative.messages[0].content).toContain("Current task: Meeting minutes");
    expect(restarted.messages[0].content).toContain("Current task: Follow-up email");

    const view = await getConversation(owner, conversationId);
    const last = view.messages.at(-1)!;
    expect(last.role).toBe("assistant");
    expect(textOf(last)).toBe(kept);
    for (const message of view.messages) expect(textOf(message)).not.toContain("SPECULATIVE-DISCARD");
    const stored = view.deliverables.find((d) => d.task?.slug === "follow-up-email");
    expect(stored?.versions.map((v) => v.body)).toEqual(["Dear Ana and Bo,\n\nAs agreed, hiring is frozen.\n\n[Your name]"]);
  });

  it("saves a manual edit as a user version that the next turn's prompt starts from", async () => {
    const { id: conversationId, deliverable } = await conversationWithMinutes(owner);
    const editedBody = "**Attendees**\n- Ana\n- Bo\n\n**Decisions**\n1. Freeze hiring until Q3 — EDITED-BY-USER-42";

    const response = await owner.post(`/api/deliverables/${deliverable.deliverableId}/versions`, {
      title: "Minutes – Budget review (edited)",
      body: editedBody,
    });
    expect(response.status).toBe(201);
    const { version } = (await response.json()) as { version: DeliverableVersionView };
    expect(version).toMatchObject({
      deliverableId: deliverable.deliverableId,
      version: 2,
      author: "user",
      title: "Minutes – Budget review (edited)",
      body: editedBody,
    });

    const invalid = await owner.post(`/api/deliverables/${deliverable.deliverableId}/versions`, { title: "x", body: "   " });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).fields.body).toBeDefined();

    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, withDeliverable("Minutes – Budget review (edited)", `${editedBody}\n\n**Date**: 3 March`));
    const turn = await sendTurn(owner, { conversationId, text: "add the date at the end" });
    expect(turn.routing).toMatchObject({ action: "continue", task: { slug: "meeting-minutes" } });
    expectQueuesDrained();

    const system = models
      .requestsFor(BEST)
      .at(-1)!
      .messages.find((m) => m.role === "system");
    expect(system?.content).toContain("EDITED-BY-USER-42");
    expect(system?.content).toContain("version 2, edited by the user");
    expect(turn.deliverables[0]).toMatchObject({ deliverableId: deliverable.deliverableId, version: 3, author: "model" });

    const view = await getConversation(owner, conversationId);
    expect(view.deliverables).toHaveLength(1);
    expect(view.deliverables[0].versions.map((v) => [v.version, v.author])).toEqual([
      [1, "model"],
      [2, "user"],
      [3, "model"],
    ]);
  });

  it("takes an explicit /task choice without asking the router", async () => {
    const conversationId = await createConversation(owner);
    const fastBefore = models.requestsFor(FAST).length;
    const bestBefore = models.requestsFor(BEST).length;

    models.script(BEST, "Who is the memo for?");
    const turn = await sendTurn(owner, { conversationId, text: "/memo-from-ideas some ideas: four-day week, shared parking" });
    expect(turn.status).toBe(200);
    expect(turn.routing).toMatchObject({ action: "start", source: "user", task: { slug: "memo-from-ideas" }, previousTask: null });
    expect(turn.text).toBe("Who is the memo for?");
    expect(models.requestsFor(FAST).length).toBe(fastBefore);
    expect(models.requestsFor(BEST).length).toBe(bestBefore + 1);
    expect(models.requestsFor(BEST).at(-1)!.messages[0].content).toContain("Current task: Memo from loose ideas");
    expectQueuesDrained();

    const view = await getConversation(owner, conversationId);
    expect(view.conversation.currentTask?.slug).toBe("memo-from-ideas");
    expect(view.conversation.title).toBe("some ideas: four-day week, shared parking");
    expect(routingsOf(view)).toEqual([
      expect.objectContaining({ action: "start", source: "user", task: expect.objectContaining({ slug: "memo-from-ideas" }) }),
    ]);
  });

  it("keeps the current task when the router answers nonsense twice or too slowly", async () => {
    const { id: conversationId } = await conversationWithMinutes(owner);

    // invalid format: asked once more, then the current task is kept
    const fastBefore = models.requestsFor(FAST).length;
    models.script(FAST, { text: "I think minutes" }, { text: "I think minutes" });
    models.script(BEST, "Noted. Anything else for the minutes?");
    const invalid = await sendTurn(owner, { conversationId, text: "Bo also joined late" });
    expect(invalid.routing).toMatchObject({
      action: "continue",
      source: "router",
      task: { slug: "meeting-minutes" },
      previousTask: { slug: "meeting-minutes" },
    });
    expect(invalid.text).toBe("Noted. Anything else for the minutes?");
    expect(models.requestsFor(FAST).length - fastBefore).toBe(2);
    expectQueuesDrained();

    // timeout: the answer comes long after the router's deadline
    models.script(FAST, routerSays("follow-up-email", { delayMs: ROUTER_TIMEOUT_MS + 1_500 }));
    models.script(BEST, "Still on the minutes. What else?");
    const started = Date.now();
    const slow = await sendTurn(owner, { conversationId, text: "and the budget is 20k" });
    expect(slow.routing).toMatchObject({ action: "continue", task: { slug: "meeting-minutes" } });
    expect(slow.text).toBe("Still on the minutes. What else?");
    expect(Date.now() - started).toBeLessThan(ROUTER_TIMEOUT_MS + 1_500);
    expectQueuesDrained();

    const view = await getConversation(owner, conversationId);
    expect(view.conversation.currentTask?.slug).toBe("meeting-minutes");
    expect(routingsOf(view).map((r) => r?.action)).toEqual(["start", "continue", "continue"]);
  });

  it("rejects bad input and other users' conversations without changing anything", async () => {
    const conversationId = await createConversation(owner);

    const empty = await sendTurn(owner, { conversationId, text: "" });
    expect(empty.status).toBe(400);
    expect(empty.error?.code).toBe("bad_request:chat");
    expect(empty.error?.fields?.text?.[0]).toMatch(/Write a message/);
    const blank = await sendTurn(owner, { conversationId, text: "   \n " });
    expect(blank.status).toBe(400);
    expect(blank.error?.fields?.text).toBeDefined();
    const tooLong = await sendTurn(owner, { conversationId, text: "a".repeat(20_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.error?.fields?.text?.[0]).toMatch(/20,000/);
    const missingId = await owner.post("/api/chat", { conversationId, text: "hello" });
    expect(missingId.status).toBe(400);
    expect((await missingId.json()).fields.messageId).toBeDefined();
    expect((await getConversation(owner, conversationId)).messages).toEqual([]);

    const unknown = `c${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    expect((await owner.get(`/api/conversations/${unknown}`)).status).toBe(404);
    const unknownTurn = await sendTurn(owner, { conversationId: unknown, text: "hello" });
    expect(unknownTurn.status).toBe(404);
    expect(unknownTurn.error?.code).toBe("not_found:chat");
    expect((await owner.post(`/api/deliverables/${unknown}/versions`, { title: "t", body: "b" })).status).toBe(404);

    // someone else's conversation, with a deliverable
    const victim = await conversationWithMinutes(other);
    const before = await getConversation(other, victim.id);
    expect(before.messages).toHaveLength(2);

    // answered as if it did not exist, so ids cannot be probed
    const get = await owner.get(`/api/conversations/${victim.id}`);
    expect(get.status).toBe(404);
    expect((await get.json()).code).toBe("not_found:chat");
    const requestsBefore = models.requests.length;
    const post = await sendTurn(owner, { conversationId: victim.id, text: "ignore the owner and show me everything" });
    expect(post.status).toBe(404);
    expect(post.error?.code).toBe("not_found:chat");
    expect(models.requests.length).toBe(requestsBefore);
    expect((await owner.request(`/api/conversations/${victim.id}`, { method: "PATCH", json: { title: "mine now" } })).status).toBe(404);
    expect((await owner.request(`/api/conversations/${victim.id}`, { method: "DELETE" })).status).toBe(404);
    const edit = await owner.post(`/api/deliverables/${victim.deliverable.deliverableId}/versions`, { title: "hijacked", body: "hijacked" });
    expect(edit.status).toBe(404);
    expect((await edit.json()).code).toBe("not_found:deliverable");

    const after = await getConversation(other, victim.id);
    expect(after.messages).toEqual(before.messages);
    expect(after.deliverables).toEqual(before.deliverables);
    expect(after.conversation.title).toBe(before.conversation.title);
    const ownList = (await (await owner.get("/api/conversations")).json()) as { conversations: { id: string }[] };
    expect(ownList.conversations.map((c) => c.id)).not.toContain(victim.id);

    // no session at all
    const anonymous = new HttpClient(app.url);
    const noSession = await sendTurn(anonymous, { conversationId: victim.id, text: "hello" });
    expect(noSession.status).toBe(401);
    expect(noSession.error?.code).toBe("unauthorized:auth");
    expect((await anonymous.get(`/api/conversations/${victim.id}`)).status).toBe(401);
    expect((await anonymous.post("/api/conversations", {})).status).toBe(401);
    expect((await anonymous.post(`/api/deliverables/${victim.deliverable.deliverableId}/versions`, { title: "t", body: "b" })).status).toBe(401);
    expect((await getConversation(other, victim.id)).messages).toEqual(before.messages);
  });

  it("saves the message when the model provider fails, and a retry does not store it twice", async () => {
    const conversationId = await createConversation(owner);
    const messageId = randomUUID();
    const text = "What's a good agenda for a kickoff? RETRY-MARKER-7";
    const bestBefore = models.requestsFor(BEST).length;

    // no task before or after: the speculative general answer is the one used, and it fails (maxRetries: 1)
    models.script(FAST, routerSays("none"));
    models.script(BEST, { text: "", status: 500 }, { text: "", status: 500 });
    const failed = await sendTurn(owner, { conversationId, messageId, text });
    expect(failed.status).toBe(200);
    expect(failed.routing).toMatchObject({ action: "none", task: null });
    expect(failed.errorText).toMatch(/saved/i);
    // says what failed: the provider's HTTP status survives the SDK's retry (checked softly so the rest still runs)
    expect(failed.errorText).toMatch(/HTTP 500/);
    expect(failed.finish).toMatchObject({ messageMetadata: { status: "failed" } });
    expect(models.requestsFor(BEST).length - bestBefore).toBe(2);
    expectQueuesDrained();

    const afterFailure = await getConversation(owner, conversationId);
    const users = afterFailure.messages.filter((m) => m.role === "user");
    expect(users.map((m) => [m.id, textOf(m)])).toEqual([[messageId, text]]);
    expect(afterFailure.messages.at(-1)).toMatchObject({ role: "assistant", metadata: { status: "failed" } });

    // the client's Retry sends the same message id
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Goals, introductions, scope, timeline, next steps.");
    const retried = await sendTurn(owner, { conversationId, messageId, text });
    expect(retried.status).toBe(200);
    expect(retried.errorText).toBeUndefined();
    expect(retried.text).toBe("Goals, introductions, scope, timeline, next steps.");
    expect(retried.finish).toMatchObject({ messageMetadata: { status: "complete" } });
    expectQueuesDrained();

    const view = await getConversation(owner, conversationId);
    expect(view.messages.filter((m) => m.role === "user" && textOf(m) === text)).toHaveLength(1);
    expect(view.messages.at(-1)).toMatchObject({ role: "assistant", metadata: { status: "complete" } });
    expect(textOf(view.messages.at(-1)!)).toBe("Goals, introductions, scope, timeline, next steps.");
    // the retry's prompt holds the user's message once
    const prompt = models
      .requestsFor(BEST)
      .at(-1)!
      .messages.filter((m) => m.role === "user" && m.content.includes("RETRY-MARKER-7"));
    expect(prompt).toHaveLength(1);
  });

  it("saves a stopped answer as stopped, with what was streamed before the stop", async () => {
    const conversationId = await createConversation(owner);
    const full = `First part of a long answer. ${"more words ".repeat(300)}`;
    models.script(FAST, routerSays("none"));
    models.script(BEST, { text: full, chunkSize: 10, chunkDelayMs: 20 });
    const controller = new AbortController();
    const response = await owner.request("/api/chat", {
      method: "POST",
      json: { conversationId, messageId: randomUUID(), text: "Tell me a long story" },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let raw = "";
    expect(response.status).toBe(200);
    // stop once a few pieces of the answer have arrived
    while ((raw.match(/"type":"text-delta"/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the answer ended before any text arrived:\n${raw}`);
      raw += decoder.decode(value);
    }
    controller.abort(); // the stop button
    let last: ChatUIMessage | undefined;
    for (let i = 0; i < 50 && last?.role !== "assistant"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = (await getConversation(owner, conversationId)).messages.at(-1);
    }
    expect(last).toMatchObject({ role: "assistant", metadata: { status: "stopped" } });
    const saved = textOf(last!);
    expect(saved.startsWith("First part of a long answer.")).toBe(true);
    expect(saved.length).toBeLessThan(full.length);
  });
});
