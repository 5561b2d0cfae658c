import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliverableVersionView, VoteView } from "@/lib/chat/types";
import type { AppServer } from "../support/app-server";
import { createConversation, getConversation, sendTurn, type TurnResult } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";
import { routerSays, speculativeDiscard, withDeliverable } from "../support/scripted-replies";

const kind = testDatabaseKind();

/** See chat-flow.test.ts: router replies are delayed so the speculative executor request is queued first. */
const ROUTER_TIMEOUT_MS = 1_000;

const ROUTER_SECTION = "Corrected past decisions";
const EXAMPLES_SECTION = "## Examples users approved";
const AVOID_SECTION = "## Users asked to avoid";

/** The id the server gave the assistant message of a turn (the stream's start chunk). */
const assistantIdOf = (turn: TurnResult): string => {
  const id = turn.chunks.find((c) => c.type === "start")?.messageId;
  if (typeof id !== "string") throw new Error(`the turn streamed no start chunk: ${JSON.stringify(turn.chunks.slice(0, 3))}`);
  return id;
};

interface LearningRow {
  id: string;
  scope: "router" | "task";
  kind: "routing" | "example" | "avoid";
  status: "active" | "disabled";
  inputExcerpt: string;
  expectedOutput: string;
  conversationId: string | null;
  task: { slug: string; name: string } | null;
  source: string;
}

describe(`learning from feedback and edits on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let admin: HttpClient;
  let owner: HttpClient;
  let other: HttpClient;
  const emails = { admin: uniqueEmail("admin"), owner: uniqueEmail("owner"), other: uniqueEmail("other") };

  beforeAll(async () => {
    ({ testDb, models, app } = await startScriptedApp({ ROUTER_TIMEOUT_MS: String(ROUTER_TIMEOUT_MS) }));
    // the first account of this fresh database is the administrator; sign-ups one at a time
    const clients: HttpClient[] = [];
    for (const [name, email] of Object.entries(emails)) {
      const client = new HttpClient(app.url);
      const signUp = await client.signUp(email, `${name}-password-1`);
      expect(signUp.status).toBe(201);
      expect((await signUp.json()).user.role).toBe(name === "admin" ? "ADMIN" : "USER");
      expect(await client.signIn(email, `${name}-password-1`)).toBe(true);
      clients.push(client);
    }
    [admin, owner, other] = clients;
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  const expectQueuesDrained = () => expectScriptedRepliesUsed(models, app);

  const vote = (client: HttpClient, body: Record<string, unknown>) => client.request("/api/feedback", { method: "PUT", json: body });
  const unvote = (client: HttpClient, target: { type: string; id: string }) => client.request("/api/feedback", { method: "DELETE", json: { target } });
  const votesOf = async (client: HttpClient, conversationId: string): Promise<VoteView[]> => {
    const response = await client.get(`/api/feedback?conversationId=${conversationId}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { votes: VoteView[] }).votes;
  };
  const learnings = async (): Promise<LearningRow[]> => {
    const response = await admin.get("/api/learnings");
    expect(response.status).toBe(200);
    return ((await response.json()) as { learnings: LearningRow[] }).learnings;
  };

  /** The system message of the newest request to a model. */
  const lastSystem = (model: string) => {
    const message = models.requestsFor(model).at(-1)!.messages[0];
    expect(message.role).toBe("system");
    return message.content;
  };

  /**
   * Learnings come from users, so they are never in the system prompt: the executor gets them as a
   * reference message before the conversation. Returns it, or "" when there is none.
   */
  const lastReference = (model: string) => {
    const [system, ...rest] = models.requestsFor(model).at(-1)!.messages;
    expect(system.role).toBe("system");
    expect(system.content).not.toContain(EXAMPLES_SECTION);
    expect(system.content).not.toContain(AVOID_SECTION);
    return rest.find((m) => m.role === "user" && m.content.startsWith("Reference from other conversations"))?.content ?? "";
  };

  /** The router's prompt (its user message): reference examples first, then the conversation it routes. */
  const lastRouterPrompt = () => {
    const [system, prompt] = models.requestsFor(FAST).at(-1)!.messages;
    expect(system.content).not.toContain(ROUTER_SECTION);
    return prompt.content;
  };

  /** A turn explicitly choosing a task (`/slug text`): no router call, one executor call. */
  async function explicitTurn(client: HttpClient, conversationId: string, text: string, reply: string) {
    const fastBefore = models.requestsFor(FAST).length;
    models.script(BEST, reply);
    const turn = await sendTurn(client, { conversationId, text });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expect(turn.routing?.source).toBe("user");
    expect(models.requestsFor(FAST).length).toBe(fastBefore);
    expectQueuesDrained();
    return turn;
  }

  /** A new conversation with a model-written meeting-minutes deliverable (explicit /meeting-minutes). */
  async function minutesConversation(client: HttpClient, text: string, title: string, body: string) {
    const conversationId = await createConversation(client);
    const turn = await explicitTurn(client, conversationId, `/meeting-minutes ${text}`, withDeliverable(title, body));
    expect(turn.routing).toMatchObject({ action: "start", task: { slug: "meeting-minutes" } });
    expect(turn.deliverables).toHaveLength(1);
    return { conversationId, turn, deliverable: turn.deliverables[0] };
  }

  /**
   * A meeting-minutes turn in a new conversation, routed by the router from no task: the speculative
   * general answer is discarded and the minutes executor runs second. Returns its system prompt.
   */
  async function routedMinutesPrompt(text: string): Promise<string> {
    const conversationId = await createConversation(owner);
    const bestBefore = models.requestsFor(BEST).length;
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, speculativeDiscard("general"), "Happy to. Who attended, and what was decided?");
    const turn = await sendTurn(owner, { conversationId, text });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expect(turn.routing).toMatchObject({ action: "start", source: "router", task: { slug: "meeting-minutes" } });
    expect(models.requestsFor(BEST).length - bestBefore).toBe(2);
    expectQueuesDrained();
    expect(lastSystem(BEST)).toContain("Current task: Meeting minutes");
    return lastReference(BEST);
  }

  /** The user edits the deliverable by hand: a user version, and an example learning for the task. */
  async function editDeliverable(client: HttpClient, deliverableId: string, title: string, body: string) {
    const response = await client.post(`/api/deliverables/${deliverableId}/versions`, { title, body });
    expect(response.status).toBe(201);
    return ((await response.json()) as { version: DeliverableVersionView }).version;
  }

  it("a. teaches the router from a corrected decision, for similar messages in other conversations only", async () => {
    // conversation A: the router wrongly answers none
    const a = await createConversation(owner);
    const question = "Can you draft the follow-up email to Nadia about the Q3 logistics contract renewal?";
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Sure — what should the email say?");
    const wrong = await sendTurn(owner, { conversationId: a, text: question });
    expect(wrong.status, JSON.stringify(wrong.error)).toBe(200);
    expect(wrong.routing).toMatchObject({ action: "none", source: "router", task: null });
    expect(wrong.routing?.decisionId).toBeTruthy();
    expectQueuesDrained();
    // nothing learned yet: no corrected decisions in the prompt
    expect(lastRouterPrompt()).not.toContain(ROUTER_SECTION);

    const corrected = await vote(owner, { target: { type: "decision", id: wrong.routing!.decisionId }, rating: "down", correction: "follow-up-email" });
    expect(corrected.status).toBe(200);
    const correctedBody = await corrected.json();
    expect(correctedBody).toMatchObject({
      learned: "routing",
      feedback: { target: { type: "decision", id: wrong.routing!.decisionId }, rating: "down", correction: "follow-up-email" },
    });
    expect(await votesOf(owner, a)).toEqual([
      { target: { type: "decision", id: wrong.routing!.decisionId }, rating: "down", comment: null, correction: "follow-up-email" },
    ]);
    const learned = (await learnings()).filter((l) => l.kind === "routing" && l.conversationId === a);
    expect(learned).toHaveLength(1);
    expect(learned[0]).toMatchObject({ scope: "router", status: "active", expectedOutput: "follow-up-email", task: { slug: "follow-up-email" } });
    expect(learned[0].inputExcerpt).toContain(question);

    // an unknown correction is refused and learns nothing
    const unknown = await vote(owner, { target: { type: "decision", id: wrong.routing!.decisionId }, rating: "down", correction: "no-such-task" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).fields?.correction).toBeDefined();
    expect((await votesOf(owner, a))[0]).toMatchObject({ correction: "follow-up-email" });

    // conversation B: a similar request — the router sees the corrected example in its system prompt
    const b = await createConversation(owner);
    models.script(FAST, routerSays("follow-up-email"));
    models.script(BEST, speculativeDiscard("general"), "Happy to. What did you agree with Nadia?");
    const similar = await sendTurn(owner, { conversationId: b, text: "Please write a follow-up email to Nadia on the logistics contract" });
    expect(similar.status, JSON.stringify(similar.error)).toBe(200);
    expect(similar.routing).toMatchObject({ action: "start", task: { slug: "follow-up-email" } });
    expectQueuesDrained();
    const routerPrompt = lastRouterPrompt();
    expect(routerPrompt).toContain(ROUTER_SECTION);
    const section = routerPrompt.slice(routerPrompt.indexOf(ROUTER_SECTION), routerPrompt.indexOf("Current task:"));
    expect(section).toContain(`User: ${question}`);
    expect(section).toContain('Answer: {"task": "follow-up-email"}');
    // examples are quoted reference data, apart from the conversation the router is asked about
    const conversationPart = routerPrompt.slice(routerPrompt.indexOf("Current task:"));
    expect(conversationPart).not.toContain("Q3 logistics contract renewal");

    // conversation C: an unrelated question — no corrected decisions at all
    const c = await createConversation(owner);
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Lisbon.");
    const unrelated = await sendTurn(owner, { conversationId: c, text: "What is the capital of Portugal?" });
    expect(unrelated.status).toBe(200);
    expectQueuesDrained();
    expect(lastRouterPrompt()).not.toContain(ROUTER_SECTION);
    expect(lastRouterPrompt()).not.toContain("Nadia");

    // conversation A itself does not get its own correction back (it is already in its history)
    models.script(FAST, routerSays("follow-up-email"));
    models.script(BEST, speculativeDiscard("general"), "Sure. What did you agree with Nadia?");
    const again = await sendTurn(owner, { conversationId: a, text: "Yes, the follow-up email to Nadia about the logistics contract please" });
    expect(again.status).toBe(200);
    expectQueuesDrained();
    expect(lastRouterPrompt()).not.toContain(ROUTER_SECTION);
  });

  it("b. teaches a task from a deliverable the user finished by hand, for that task only", async () => {
    // conversation D: model-written minutes, then the user's own edit
    const marker = "QUARTERLY-LOGISTICS-REVIEW-EXAMPLE";
    const d = await minutesConversation(
      owner,
      "Quarterly logistics review on 4 June with Priya, Tom and Lea: carrier costs rose 8%, we agreed to re-tender the northern routes.",
      "Minutes – Quarterly logistics review – 4 June",
      "**Attendees**\n- Priya\n- Tom\n- Lea\n\n**Decisions**\n1. Re-tender northern routes",
    );
    const editedBody = `**Attendees**\n- Priya (Ops)\n- Tom (Finance)\n- Lea (Procurement)\n\n**Summary**\n${marker}: carrier costs rose 8% this quarter.\n\n**Decisions**\n1. Re-tender the northern routes\n\n**Action items**\n| Lea | draft the tender | 20 June |`;
    const edited = await editDeliverable(owner, d.deliverable.deliverableId, "Minutes – Quarterly logistics review – 4 June", editedBody);
    expect(edited).toMatchObject({ version: 2, author: "user" });

    const learned = (await learnings()).filter((l) => l.expectedOutput.includes(marker));
    expect(learned).toHaveLength(1);
    expect(learned[0]).toMatchObject({
      scope: "task",
      kind: "example",
      status: "active",
      conversationId: d.conversationId,
      task: { slug: "meeting-minutes" },
      source: "A deliverable the user finished by editing it",
    });
    expect(learned[0].expectedOutput).toContain("Minutes – Quarterly logistics review – 4 June");
    expect(learned[0].inputExcerpt).toContain("Quarterly logistics review on 4 June");

    // a second edit replaces the learning instead of adding another
    await editDeliverable(owner, d.deliverable.deliverableId, "Minutes – Quarterly logistics review – 4 June", `${editedBody}\n\nNext review: September.`);
    const replaced = (await learnings()).filter((l) => l.expectedOutput.includes(marker));
    expect(replaced.map((l) => l.id)).toEqual([learned[0].id]);
    expect(replaced[0].expectedOutput).toContain("Next review: September.");

    // conversation E: minutes about a similar meeting — the executor is shown the user's version
    const system = await routedMinutesPrompt("Write the minutes of today's logistics review meeting with the carriers");
    expect(system).toContain(EXAMPLES_SECTION);
    const examples = system.slice(system.indexOf(EXAMPLES_SECTION));
    expect(examples).toContain(marker);
    expect(examples).toContain("Re-tender the northern routes");
    expect(examples).toContain("Quarterly logistics review on 4 June");

    // conversation F: another task never sees the minutes example
    const f = await createConversation(owner);
    await explicitTurn(owner, f, "/memo-from-ideas logistics review ideas: re-tender the routes, quarterly carrier scorecards", "Who is the memo for?");
    expect(lastSystem(BEST)).toContain("Current task: Memo from loose ideas");
    expect(
      models
        .requestsFor(BEST)
        .at(-1)!
        .messages.map((m) => m.content)
        .join("\n"),
    ).not.toContain(marker);

    // conversation D itself is not shown its own example (its deliverable is already in the prompt)
    models.script(BEST, withDeliverable("Minutes – Quarterly logistics review – 4 June", editedBody));
    models.script(FAST, routerSays("meeting-minutes"));
    await sendTurn(owner, { conversationId: d.conversationId, text: "add that the logistics review is quarterly" });
    expectQueuesDrained();
    expect(lastReference(BEST)).not.toContain(EXAMPLES_SECTION);
  });

  it("c. turns a thumbs-down with a comment into something the task avoids in other conversations", async () => {
    const comment = "Never open with 'I hope this email finds you well' AVOID-PLEASANTRIES-7";
    const g = await createConversation(owner);
    const turn = await explicitTurn(
      owner,
      g,
      "/follow-up-email to Marco after our supplier onboarding call: thank him, recap the onboarding timeline",
      withDeliverable("Supplier onboarding: next steps", "Dear Marco,\n\nI hope this email finds you well. Thank you for the call.\n\n[Your name]"),
    );
    const assistantId = assistantIdOf(turn);
    const view = await getConversation(owner, g);
    expect(view.messages.at(-1)).toMatchObject({ id: assistantId, role: "assistant" });

    // the user's own message cannot be rated (the id the client gave it is not a rateable target)
    const userMessage = await vote(owner, { target: { type: "message", id: turn.messageId }, rating: "down", comment: "bad" });
    expect(userMessage.status).toBe(404);

    const disliked = await vote(owner, { target: { type: "message", id: assistantId }, rating: "down", comment });
    expect(disliked.status).toBe(200);
    expect(await disliked.json()).toMatchObject({ learned: "avoid", feedback: { rating: "down", comment } });
    const learned = (await learnings()).filter((l) => l.expectedOutput === comment);
    expect(learned).toHaveLength(1);
    expect(learned[0]).toMatchObject({ scope: "task", kind: "avoid", task: { slug: "follow-up-email" }, conversationId: g });
    expect(learned[0].source).toBe(`Thumbs down by ${emails.owner}: “${comment}”`);

    // another conversation, the same task: the executor is told what to avoid
    const h = await createConversation(owner);
    models.script(FAST, routerSays("follow-up-email"));
    models.script(BEST, speculativeDiscard("general"), "Sure. What did you agree with the supplier?");
    const next = await sendTurn(owner, { conversationId: h, text: "Draft a follow-up email to the supplier after today's onboarding call" });
    expect(next.routing).toMatchObject({ action: "start", task: { slug: "follow-up-email" } });
    expectQueuesDrained();
    expect(lastSystem(BEST)).toContain("Current task: Follow-up email");
    const reference = lastReference(BEST);
    expect(reference).toContain(AVOID_SECTION);
    expect(reference.slice(reference.indexOf(AVOID_SECTION))).toContain(`- ${comment}`);

    // another task is not told
    const memo = await createConversation(owner);
    await explicitTurn(owner, memo, "/memo-from-ideas onboarding call ideas for suppliers: shorter email follow-up", "Who is the memo for?");
    expect(
      models
        .requestsFor(BEST)
        .at(-1)!
        .messages.map((m) => m.content)
        .join("\n"),
    ).not.toContain("AVOID-PLEASANTRIES-7");
  });

  it("d. keeps votes per user: nobody rates or reads another user's conversation, and a vote is one row", async () => {
    const own = await createConversation(owner);
    const turn = await explicitTurn(
      owner,
      own,
      "/memo-from-ideas for the board: consolidate warehouses, renegotiate freight, pilot electric vans",
      withDeliverable(
        "Memo – Logistics savings",
        "**Main point**\nThree savings ideas.\n\n1. Consolidate warehouses\n2. Renegotiate freight\n3. Pilot electric vans",
      ),
    );
    const targets = {
      message: { type: "message", id: assistantIdOf(turn) },
      decision: { type: "decision", id: turn.routing!.decisionId! },
      version: { type: "version", id: turn.deliverables[0].versionId },
    };

    const up = await vote(owner, { target: targets.version, rating: "up" });
    expect(up.status).toBe(200);
    expect((await up.json()).learned).toBe("example");
    const [learning] = (await learnings()).filter((l) => l.conversationId === own);
    expect(learning).toMatchObject({ kind: "example", task: { slug: "memo-from-ideas" }, source: `Thumbs up by ${emails.owner}` });
    expect(learning.expectedOutput).toContain("Pilot electric vans");

    // the other user can neither rate, change, remove nor read the owner's votes
    for (const target of Object.values(targets)) {
      const attempt = await vote(other, { target, rating: "down", comment: "hijacked" });
      expect(attempt.status, `${target.type}`).toBe(404);
      expect((await attempt.json()).code).toBe("not_found:feedback");
      expect((await unvote(other, target)).status).toBe(404);
    }
    const decisionAttempt = await vote(other, { target: targets.decision, rating: "down", correction: "none" });
    expect(decisionAttempt.status).toBe(404);
    const read = await other.get(`/api/feedback?conversationId=${own}`);
    expect(read.status).toBe(404);
    expect((await read.json()).code).toBe("not_found:chat");
    expect(await votesOf(other, await createConversation(other))).toEqual([]);
    expect((await new HttpClient(app.url).get(`/api/feedback?conversationId=${own}`)).status).toBe(401);
    expect((await vote(new HttpClient(app.url), { target: targets.version, rating: "down" })).status).toBe(401);
    expect((await vote(owner, { target: { type: "version", id: "c-no-such-version" }, rating: "up" })).status).toBe(404);

    // the owner's vote and its learning are untouched
    expect(await votesOf(owner, own)).toEqual([{ target: targets.version, rating: "up", comment: null, correction: null }]);
    expect((await learnings()).filter((l) => l.conversationId === own)).toEqual([learning]);

    // changing the vote keeps one row; its learning follows it (an example becomes an avoid note)
    const down = await vote(owner, { target: targets.version, rating: "down", comment: "Too long for the board" });
    expect(down.status).toBe(200);
    expect((await down.json()).learned).toBe("avoid");
    expect(await votesOf(owner, own)).toEqual([{ target: targets.version, rating: "down", comment: "Too long for the board", correction: null }]);
    const changed = (await learnings()).filter((l) => l.conversationId === own);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: learning.id, kind: "avoid", expectedOutput: "Too long for the board" });

    // a vote that teaches nothing keeps no learning
    expect((await (await vote(owner, { target: targets.version, rating: "down" })).json()).learned).toBeNull();
    expect((await learnings()).filter((l) => l.conversationId === own)).toEqual([]);
    await vote(owner, { target: targets.version, rating: "down", comment: "Too long for the board" });
    const again = (await learnings()).filter((l) => l.conversationId === own);
    expect(again).toHaveLength(1);

    // votes on the other two targets are separate rows
    expect((await vote(owner, { target: targets.message, rating: "up" })).status).toBe(200);
    expect((await vote(owner, { target: targets.decision, rating: "up" })).status).toBe(200);
    expect(await votesOf(owner, own)).toHaveLength(3);

    // removing the vote removes its learning
    const removed = await unvote(owner, targets.version);
    expect(removed.status).toBe(204);
    expect((await votesOf(owner, own)).map((v) => v.target.type).sort()).toEqual(["decision", "message"]);
    const remaining = await learnings();
    expect(remaining.map((l) => l.id)).not.toContain(again[0].id);
    expect(remaining.filter((l) => l.conversationId === own)).toEqual([]);
  });

  it("e. lets only admins review learnings; a disabled or deleted learning is no longer used", async () => {
    const anonymous = new HttpClient(app.url);
    const forbidden = await owner.get("/api/learnings");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe("forbidden:admin");
    expect((await anonymous.get("/api/learnings")).status).toBe(401);

    const marker = "WAREHOUSE-SAFETY-AUDIT-EXAMPLE";
    const d = await minutesConversation(
      owner,
      "Warehouse safety audit on 9 May with Ines and Kofi: forklift checks overdue, we agreed monthly inspections.",
      "Minutes – Warehouse safety audit – 9 May",
      "**Attendees**\n- Ines\n- Kofi",
    );
    await editDeliverable(
      owner,
      d.deliverable.deliverableId,
      "Minutes – Warehouse safety audit – 9 May",
      `**Attendees**\n- Ines\n- Kofi\n\n**Summary**\n${marker}\n\n**Decisions**\n1. Monthly forklift inspections`,
    );
    const list = await learnings();
    const learning = list.find((l) => l.expectedOutput.includes(marker))!;
    expect(learning).toMatchObject({ kind: "example", status: "active", source: "A deliverable the user finished by editing it" });
    expect(list.every((l) => typeof l.source === "string" && l.source.length > 0)).toBe(true);
    expect((await admin.get("/api/learnings?scope=router")).status).toBe(200);
    expect((await admin.get("/api/learnings?scope=everything")).status).toBe(400);

    const prompt = "Write the minutes of the warehouse safety audit meeting we had today";
    expect(await routedMinutesPrompt(prompt)).toContain(marker);

    // only an admin may change or remove it
    const path = `/api/learnings/${learning.id}`;
    expect((await owner.request(path, { method: "PATCH", json: { status: "disabled" } })).status).toBe(403);
    expect((await owner.request(path, { method: "DELETE" })).status).toBe(403);
    expect((await anonymous.request(path, { method: "PATCH", json: { status: "disabled" } })).status).toBe(401);
    expect((await admin.request(path, { method: "PATCH", json: {} })).status).toBe(400);

    const disabled = await admin.request(path, { method: "PATCH", json: { status: "disabled" } });
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).learning).toMatchObject({ id: learning.id, status: "disabled" });
    expect((await learnings()).find((l) => l.id === learning.id)?.status).toBe("disabled");
    expect((await admin.get("/api/learnings?status=disabled")).ok).toBe(true);
    expect(await routedMinutesPrompt(prompt)).not.toContain(marker);

    // re-enabled and edited by the admin: used again, with the admin's text
    const edited = await admin.request(path, {
      method: "PATCH",
      json: { status: "active", expectedOutput: `Minutes – Warehouse safety audit\n\n${marker}-ADMIN-EDITED` },
    });
    expect(edited.status).toBe(200);
    const reenabled = await routedMinutesPrompt(prompt);
    expect(reenabled).toContain(`${marker}-ADMIN-EDITED`);

    const deleted = await admin.request(path, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await admin.request(path, { method: "DELETE" })).status).toBe(404);
    expect((await admin.request(path, { method: "PATCH", json: { status: "active" } })).status).toBe(404);
    expect((await learnings()).map((l) => l.id)).not.toContain(learning.id);
    expect(await routedMinutesPrompt(prompt)).not.toContain(marker);
  });
});
