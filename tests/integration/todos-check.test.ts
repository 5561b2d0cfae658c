import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutingInsight } from "@/lib/insight";
import type { TodoView } from "@/lib/todos/types";
import type { AppServer } from "../support/app-server";
import { createConversation, getConversation, sendTurn } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";
import { ACTION_ITEMS, actionItemsSay, QUALITY_CHECK, qualityCheckSays, withDeliverable } from "../support/scripted-replies";

const kind = testDatabaseKind();

const MINUTES_BODY = [
  "**Attendees**\n- Ana\n- Bo",
  "**Decisions**\n1. Freeze hiring",
  "**Action items**\n| owner | action | due date |\n|---|---|---|\n| Ana | Send the revised budget | Friday 6 March |\n| Bo | Book the room for the next meeting | |",
].join("\n\n");

/**
 * Issue 15: to-dos extracted from final deliverables, and the per-task quality check, through the real
 * app and the scripted model server (every fast and best reply queued by the test, in order).
 */
describe(`to-dos and the quality check on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let admin: HttpClient;
  let owner: HttpClient;
  let other: HttpClient;

  beforeAll(async () => {
    ({ testDb, models, app } = await startScriptedApp());
    const clients: HttpClient[] = [];
    // the first account of a fresh database is the administrator
    for (const name of ["admin", "owner", "other"]) {
      const client = new HttpClient(app.url);
      const email = uniqueEmail(name);
      expect((await client.signUp(email, `${name}-password-1`)).status).toBe(201);
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

  /** Every reply queued for the slots and for the two named structured outputs was taken. */
  function expectAllUsed() {
    expectScriptedRepliesUsed(models, app);
    expect({ actionItems: models.pending(ACTION_ITEMS), qualityCheck: models.pending(QUALITY_CHECK) }).toEqual({ actionItems: 0, qualityCheck: 0 });
  }

  async function todosOf(client: HttpClient): Promise<TodoView[]> {
    const response = await client.get("/api/todos");
    expect(response.status).toBe(200);
    return ((await response.json()) as { todos: TodoView[] }).todos;
  }

  /** Extraction runs in the background of the turn: wait until the fast model's reply was taken and written. */
  async function waitForTodos(client: HttpClient, count: (todos: TodoView[]) => boolean): Promise<TodoView[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const todos = await todosOf(client);
      if (count(todos)) return todos;
      if (Date.now() > deadline) throw new Error(`to-dos never arrived: ${JSON.stringify(todos)}\n${app.output().slice(-2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  let minutes: { conversationId: string; deliverableId: string };

  it("extracts a minutes deliverable's action items into its author's to-dos: what, owner, due date only when stated", async () => {
    const conversationId = await createConversation(owner, "Budget review");
    const [fastBefore, extractionsBefore] = [models.requestsFor(FAST).length, models.requestsFor(ACTION_ITEMS).length];
    models.script(BEST, withDeliverable("Minutes – Budget review – 2 March", MINUTES_BODY));
    models.script(
      ACTION_ITEMS,
      actionItemsSay([
        { what: "Send the revised budget", owner: "Ana", due: "2026-03-06" },
        { what: "Book the room for the next meeting", owner: "Bo", due: null },
      ]),
    );
    const turn = await sendTurn(owner, { conversationId, text: "/meeting-minutes Budget review with Ana and Bo; Ana sends the budget by Friday." });
    expect(turn.status).toBe(200);
    expect(turn.deliverables).toHaveLength(1);
    // the answer did not wait for the extraction: it carries no to-do
    expect(turn.chunks.map((c) => c.type)).not.toContain("data-check");

    const todos = await waitForTodos(owner, (list) => list.length === 2);
    expectAllUsed();
    expect(todos.map(({ what, owner: who, due, done }) => ({ what, owner: who, due, done }))).toEqual([
      { what: "Send the revised budget", owner: "Ana", due: "2026-03-06", done: false },
      { what: "Book the room for the next meeting", owner: "Bo", due: null, done: false },
    ]);
    expect(todos[0].source).toMatchObject({ conversationId, deliverableId: turn.deliverables[0].deliverableId, version: 1 });
    minutes = { conversationId, deliverableId: turn.deliverables[0].deliverableId };

    // no router call (an explicit choice); one fast request: structured output with a named JSON schema at
    // temperature 0, the deliverable as data and its date
    expect(models.requestsFor(FAST).slice(fastBefore)).toHaveLength(0);
    const requests = models.requestsFor(ACTION_ITEMS).slice(extractionsBefore);
    expect(requests).toHaveLength(1);
    const [extraction] = requests;
    expect(extraction.body.temperature).toBe(0);
    expect((extraction.body.response_format as { type: string }).type).toBe("json_schema");
    expect(extraction.messages[0].content).toContain(`written on`);
    expect(extraction.messages[0].content).toContain(new Date().toISOString().slice(0, 10));
    expect(extraction.messages.at(-1)?.content).toContain("| Ana | Send the revised budget | Friday 6 March |");
  });

  it("persists done, undo, edit and delete; refuses another user as if the to-do did not exist", async () => {
    const [budget, room] = await todosOf(owner);
    const patch = (client: HttpClient, id: string, json: unknown) => client.request(`/api/todos/${id}`, { method: "PATCH", json });

    expect((await patch(owner, budget.id, { done: true })).status).toBe(200);
    expect((await todosOf(owner)).find((t) => t.id === budget.id)?.done).toBe(true);
    expect((await patch(owner, budget.id, { done: false })).status).toBe(200);
    expect((await todosOf(owner)).find((t) => t.id === budget.id)?.done).toBe(false);

    const edited = await patch(owner, room.id, { what: "Book the big room", owner: null, due: "2026-03-09" });
    expect(edited.status).toBe(200);
    expect((await edited.json()).todo).toMatchObject({ what: "Book the big room", owner: null, due: "2026-03-09", edited: true });
    expect((await todosOf(owner)).find((t) => t.id === room.id)).toMatchObject({ what: "Book the big room", owner: null, due: "2026-03-09" });

    // invalid changes are refused with the field named
    const invalid = await patch(owner, room.id, { due: "2026-02-30" });
    expect(invalid.status).toBe(400);
    expect((await patch(owner, room.id, {})).status).toBe(400);

    // another user: no list entry, and 404 on change or delete, the same as for an id nobody has
    expect(await todosOf(other)).toEqual([]);
    for (const [method, json] of [
      ["PATCH", { done: true }],
      ["PATCH", { what: "Hijacked" }],
      ["DELETE", undefined],
    ] as const) {
      const theirs = await other.request(`/api/todos/${budget.id}`, { method, json });
      const nobodys = await other.request("/api/todos/cnotatodo0000000000000000", { method, json });
      expect(theirs.status).toBe(404);
      expect(await theirs.json()).toEqual(await nobodys.json());
    }
    expect(await new HttpClient(app.url).get("/api/todos").then((r) => r.status)).toBe(401);
    expect((await todosOf(owner)).find((t) => t.id === budget.id)).toMatchObject({ what: "Send the revised budget", done: false });

    expect((await owner.request(`/api/todos/${budget.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await todosOf(owner)).map((t) => t.id)).toEqual([room.id]);
  });

  it("replaces a deliverable's open, unedited to-dos for the user's edited version and keeps edited and done ones", async () => {
    // an open unedited one from a new extraction, then the user's edit of the deliverable
    models.script(ACTION_ITEMS, actionItemsSay([{ what: "Call the auditor", owner: "Ana", due: null }]));
    const edit = await owner.post(`/api/deliverables/${minutes.deliverableId}/versions`, {
      title: "Minutes – Budget review",
      body: `${MINUTES_BODY}\n| Ana | Call the auditor | |`,
    });
    expect(edit.status).toBe(201);
    const afterEdit = await waitForTodos(owner, (list) => list.some((t) => t.what === "Call the auditor"));
    expect(afterEdit.map((t) => t.what).sort()).toEqual(["Book the big room", "Call the auditor"]);
    expect(afterEdit.find((t) => t.what === "Call the auditor")?.source.version).toBe(2);

    // mark the new one done: a further version's extraction keeps it, and adds its own
    const auditor = afterEdit.find((t) => t.what === "Call the auditor")!;
    expect((await owner.request(`/api/todos/${auditor.id}`, { method: "PATCH", json: { done: true } })).status).toBe(200);
    models.script(ACTION_ITEMS, actionItemsSay([{ what: "Send the slides", owner: null, due: null }]));
    expect((await owner.post(`/api/deliverables/${minutes.deliverableId}/versions`, { title: "Minutes", body: "Send the slides." })).status).toBe(201);
    const final = await waitForTodos(owner, (list) => list.some((t) => t.what === "Send the slides"));
    expect(final.map((t) => [t.what, t.done])).toEqual([
      ["Book the big room", false],
      ["Send the slides", false],
      ["Call the auditor", true],
    ]);
    expectAllUsed();
  });

  it("keeps the deliverable and the answer when the extraction fails (the fast model answers 500)", async () => {
    const before = await todosOf(owner);
    const conversationId = await createConversation(owner, "Failing extraction");
    models.script(
      BEST,
      withDeliverable("Minutes – Standup", "**Action items**\n| owner | action | due date |\n|---|---|---|\n| Bo | Fix the build | tomorrow |"),
    );
    models.script(ACTION_ITEMS, { text: "", status: 500 });
    const turn = await sendTurn(owner, { conversationId, text: "/meeting-minutes Standup: Bo fixes the build tomorrow." });
    expect(turn.status).toBe(200);
    expect(turn.errorText).toBeUndefined();
    expect(turn.finish).toMatchObject({ messageMetadata: { status: "complete" } });
    expect(turn.deliverables).toHaveLength(1);
    const deadline = Date.now() + 10_000;
    while (!app.output().includes("to-do extraction failed") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.output()).toContain("to-do extraction failed");
    expectAllUsed();
    const { deliverables } = await getConversation(owner, conversationId);
    expect(deliverables[0].versions.map((v) => v.title)).toEqual(["Minutes – Standup"]);
    expect(await todosOf(owner)).toEqual(before);
  });

  describe("the quality check", () => {
    let checkedTask: { id: string; slug: string };

    beforeAll(async () => {
      const created = await admin.post("/api/tasks", {
        slug: "checked-brief",
        name: "Checked brief",
        routerDescription: "The user wants a project brief with a deadline and a budget.",
        instructions: "Write a one-page project brief.",
        infoToCollect: [
          { name: "deadline", description: "When the project must be done", required: true },
          { name: "budget", description: "How much it may cost", required: true },
        ],
        outputKind: "memo",
        outputTitleFormat: "Brief – <project>",
        outputBodyFormat: "Sections **Goal**, **Deadline**, **Budget**.",
        qualityCheck: true,
      });
      expect(created.status).toBe(201);
      const { task } = (await created.json()) as { task: { id: string; slug: string; qualityCheck: boolean; extractTodos: boolean } };
      expect(task).toMatchObject({ qualityCheck: true, extractTodos: false });
      checkedTask = task;
    });

    it("revises a deliverable the check fails exactly once, quoting what was missing as data, and saves the revision", async () => {
      const conversationId = await createConversation(owner);
      const [bestBefore, checksBefore] = [models.requestsFor(BEST).length, models.requestsFor(QUALITY_CHECK).length];
      models.script(BEST, withDeliverable("Brief – Atlas", "**Goal**\nShip Atlas.\n\n**Deadline**\nJune 30"));
      models.script(QUALITY_CHECK, qualityCheckSays(false, ["the budget section"]));
      models.script(BEST, withDeliverable("Brief – Atlas", "**Goal**\nShip Atlas.\n\n**Deadline**\nJune 30\n\n**Budget**\n40k €", "Revised with the budget."));
      const turn = await sendTurn(owner, { conversationId, text: "/checked-brief Atlas: ship by June 30, budget 40k €." });
      expect(turn.status).toBe(200);
      expectAllUsed();

      const best = models.requestsFor(BEST).slice(bestBefore);
      expect(best).toHaveLength(2);
      expect(models.requestsFor(QUALITY_CHECK).slice(checksBefore)).toHaveLength(1);
      const check = models.requestsFor(QUALITY_CHECK).at(-1)!;
      expect(check.body.temperature).toBe(0);
      expect((check.body.response_format as { type: string }).type).toBe("json_schema");
      expect(check.messages[0].content).toContain("budget: How much it may cost");
      // the revision continues the answer's prompt: its draft, then what the check found, as a JSON string
      const revision = best[1].messages;
      expect(revision[0].content).toBe(best[0].messages[0].content);
      expect(revision.at(-2)).toMatchObject({ role: "assistant" });
      expect(revision.at(-2)?.content).toContain("June 30");
      expect(revision.at(-1)?.content).toContain('["the budget section"]');

      // the stream said it was checking, then revising, then gave the revised answer; the saved version is the revision
      const states = turn.chunks.filter((c) => c.type === "data-check").map((c) => (c.data as { state: string }).state);
      expect(states).toEqual(["checking", "revising", "done"]);
      expect(turn.deliverables).toHaveLength(1);
      expect(turn.deliverables[0]).toMatchObject({ check: "revised", checkNotes: ["the budget section"] });
      expect(turn.deliverables[0].body).toContain("40k €");
      const view = await getConversation(owner, conversationId);
      expect(view.deliverables[0].versions).toHaveLength(1);
      expect(view.deliverables[0].versions[0]).toMatchObject({ check: "revised", checkNotes: ["the budget section"] });
      const answer = view.messages.at(-1)!;
      expect(answer.parts.map((p) => (p.type === "text" ? p.text : "")).join("")).toContain("Revised with the budget.");
    });

    it("saves a deliverable the check passes as it is: no revision", async () => {
      const conversationId = await createConversation(owner);
      const [bestBefore, checksBefore] = [models.requestsFor(BEST).length, models.requestsFor(QUALITY_CHECK).length];
      models.script(BEST, withDeliverable("Brief – Borealis", "**Goal**\nG\n\n**Deadline**\nMay 1\n\n**Budget**\n10k €"));
      models.script(QUALITY_CHECK, qualityCheckSays(true));
      const turn = await sendTurn(owner, { conversationId, text: "/checked-brief Borealis by May 1 for 10k €." });
      expect(turn.status).toBe(200);
      expectAllUsed();
      expect(models.requestsFor(BEST).slice(bestBefore)).toHaveLength(1);
      expect(models.requestsFor(QUALITY_CHECK).slice(checksBefore)).toHaveLength(1);
      expect(turn.deliverables[0]).toMatchObject({ check: "passed", checkNotes: [] });
    });

    it("makes no check call for a task with the switch off", async () => {
      const conversationId = await createConversation(owner);
      const requestsBefore = models.requests.length;
      const bestBefore = models.requestsFor(BEST).length;
      models.script(BEST, withDeliverable("Memo – Ideas", "Some ideas."));
      const turn = await sendTurn(owner, { conversationId, text: "/memo-from-ideas a few ideas on pricing" });
      expect(turn.status).toBe(200);
      expect(turn.deliverables[0]).toMatchObject({ check: null });
      expect(turn.chunks.map((c) => c.type)).not.toContain("data-check");
      expect(models.requestsFor(BEST).slice(bestBefore)).toHaveLength(1);
      // nothing in the background either (the memo task makes no to-dos)
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(models.requests.length - requestsBefore).toBe(1);
    });

    it("counts checks and revisions per task on the insight page's data", async () => {
      const response = await admin.get("/api/insight");
      expect(response.status).toBe(200);
      const insight = (await response.json()) as RoutingInsight;
      expect(insight.qualityChecks).toEqual([
        { taskId: checkedTask.id, name: "Checked brief", slug: "checked-brief", checks: 2, passed: 1, revised: 1, failedAfterRevision: 0, errors: 0 },
      ]);
    });
  });
});
