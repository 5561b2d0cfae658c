import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database, databaseTarget, openDatabase, setProcessDatabase } from "@/lib/db";
import { prepareDatabase } from "@/lib/db/setup";
import { parseSettings } from "@/lib/settings";
import { taskInputSchema, upsertTasks } from "@/lib/tasks";
import { makeLargeRegistry } from "../../scripts/make-large-registry";
import type { AppServer } from "../support/app-server";
import { createConversation, sendTurn } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";
import { routerSays } from "../support/scripted-replies";

const kind = testDatabaseKind();

// A request in words that none of the task's text holds: at 1,000 tasks the shortlist cannot find it,
// so the router is never offered the task. Once a user corrects the routing, the corrected request is
// searched as an example of the task, and a request of the same kind finds the task in a new conversation.
const TARGET = "expense-report";
const FIRST = "I need to get paid back for the Berlin conference: hotel 420 €, train 89 €, two dinners 140 €.";
const SIMILAR = "How do I get paid back for the Lyon trade fair? Hotel two nights and the train.";

/** The 1,000-task registry of the router eval, every task enabled, written before the app starts. */
async function largeRegistry(testDb: TestDatabase) {
  setProcessDatabase(openDatabase(databaseTarget(parseSettings(testDb.env))));
  try {
    await prepareDatabase(database());
    const extended = (JSON.parse(readFileSync("eval/registries/extended.json", "utf8")) as { tasks: unknown[] }).tasks.map((t) => taskInputSchema.parse(t));
    await upsertTasks(makeLargeRegistry(extended).map((t) => ({ ...t, enabled: true })));
  } finally {
    await database().close();
    setProcessDatabase(undefined);
  }
}

describe(`routing corrections teach the shortlist, at 1,000 tasks, on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let admin: HttpClient;
  let user: HttpClient;

  beforeAll(async () => {
    // no corrected examples in the router's prompt (ROUTER_LEARNINGS_TOKENS=0): whatever reaches the router comes through the shortlist
    ({ testDb, models, app } = await startScriptedApp({ ROUTER_TIMEOUT_MS: "2000", ROUTER_LEARNINGS_TOKENS: "0" }, undefined, largeRegistry));
    const clients: HttpClient[] = [];
    // the first account of the fresh database is the administrator
    for (const name of ["admin", "user"]) {
      const client = new HttpClient(app.url);
      const email = uniqueEmail(name);
      expect((await client.signUp(email, `${name}-password-1`)).status).toBe(201);
      expect(await client.signIn(email, `${name}-password-1`)).toBe(true);
      clients.push(client);
    }
    [admin, user] = clients;
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  /** A first message in a new conversation; the router answers none. Returns the routed decision and the tasks it was offered. */
  async function firstTurn(text: string) {
    const conversationId = await createConversation(user);
    models.script(FAST, routerSays("none"));
    models.script(BEST, "Happy to help. Tell me more.");
    const turn = await sendTurn(user, { conversationId, text });
    expect(turn.status, JSON.stringify(turn.error)).toBe(200);
    expectScriptedRepliesUsed(models, app);
    const system = models.requestsFor(FAST).at(-1)!.messages[0].content;
    const offered = [...system.matchAll(/^- ([a-z0-9_-]+): /gm)].map((m) => m[1]).filter((slug) => slug !== "none");
    return { decisionId: turn.routing!.decisionId, offered };
  }

  it("a paraphrase misses; a correction makes the same kind of request find the task; disabling or deleting it undoes that", async () => {
    const first = await firstTurn(FIRST);
    expect(first.offered).toHaveLength(12);
    expect(first.offered).not.toContain(TARGET);
    const before = await firstTurn(SIMILAR);
    expect(before.offered).not.toContain(TARGET);

    const corrected = await user.request("/api/feedback", {
      method: "PUT",
      json: { target: { type: "decision", id: first.decisionId }, rating: "down", correction: TARGET },
    });
    expect(corrected.status).toBe(200);
    expect((await corrected.json()).learned).toBe("routing");

    const after = await firstTurn(SIMILAR);
    expect(after.offered).toHaveLength(12);
    expect(after.offered).toContain(TARGET);

    // the admin turns the correction off: the task is no longer found by it
    const list = (await (await admin.get("/api/learnings?scope=router")).json()) as {
      learnings: { id: string; kind: string; task: { slug: string } | null }[];
    };
    const learning = list.learnings.find((l) => l.kind === "routing" && l.task?.slug === TARGET)!;
    expect((await admin.request(`/api/learnings/${learning.id}`, { method: "PATCH", json: { status: "disabled" } })).status).toBe(200);
    expect((await firstTurn(SIMILAR)).offered).not.toContain(TARGET);

    // on again, then deleted
    expect((await admin.request(`/api/learnings/${learning.id}`, { method: "PATCH", json: { status: "active" } })).status).toBe(200);
    expect((await firstTurn(SIMILAR)).offered).toContain(TARGET);
    expect((await admin.request(`/api/learnings/${learning.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await firstTurn(SIMILAR)).offered).not.toContain(TARGET);
  }, 300_000);
});
