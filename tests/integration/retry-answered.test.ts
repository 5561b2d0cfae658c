import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createConversation, getConversation, sendTurn } from "../support/chat-client";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { ScriptedModelServer } from "../support/model-server";
import { withDeliverable } from "../support/scripted-replies";
import { databaseBehindProxy, type TcpProxy } from "../support/tcp-proxy";

const kind = testDatabaseKind();
const BEST = "scripted-best";
const FAST = "scripted-fast";

// issue 18: a retry never answers twice. The answer's save can commit while the reply to it is lost (a
// database restart, a network cut): the client is told the database is unreachable and presses Retry,
// which must give back the saved answer instead of calling the model for a second one.
describe(`a retry of an answered message on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let proxy: TcpProxy | undefined;
  let app: AppServer;
  let client: HttpClient;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    models = await new ScriptedModelServer().start();
    models.models = [BEST, FAST];
    // on Postgres the app reaches the database through a proxy that can break a connection right after a commit
    const database = await databaseBehindProxy(testDb.env);
    proxy = database.proxy;
    app = await startApp({ MODEL_BEST: `compatible:${BEST}`, MODEL_FAST: `compatible:${FAST}`, COMPATIBLE_BASE_URL: `${models.url}/v1`, ...database.env });
    client = new HttpClient(app.url);
    const email = uniqueEmail("retry");
    await client.signUp(email, "retry-password-1");
    expect(await client.signIn(email, "retry-password-1")).toBe(true);
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  const executorCalls = () => models.requestsFor(BEST).length;

  it("gives a retried message its saved answer again, deliverable and routing included, without a model call", async () => {
    const conversationId = await createConversation(client);
    models.script(BEST, withDeliverable("Follow-up to Ana", "Dear Ana,\n\nThanks for Monday."));
    const first = await sendTurn(client, { conversationId, text: "Write Ana a follow-up", taskSlug: "follow-up-email" });
    expect(first.finish).toBeDefined();
    expect(first.deliverables).toHaveLength(1);
    const calls = executorCalls();

    // the same message again, as a client that lost the stream would send it
    const retry = await sendTurn(client, { conversationId, text: "Write Ana a follow-up", taskSlug: "follow-up-email", messageId: first.messageId });
    expect(executorCalls()).toBe(calls);
    expect(retry.errorText).toBeUndefined();
    expect(retry.chunks.find((c) => c.type === "start")?.messageId).toBe(first.chunks.find((c) => c.type === "start")?.messageId);
    expect(retry.text).toBe(first.text);
    expect(retry.deliverables.map((v) => v.versionId)).toEqual(first.deliverables.map((v) => v.versionId));
    expect(retry.routing?.task?.slug).toBe("follow-up-email");
    expect(retry.finish?.messageMetadata).toMatchObject({ status: "complete" });
    const view = await getConversation(client, conversationId);
    expect(view.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("answers a retry after a failed answer with a new one (only a complete answer is kept)", async () => {
    const conversationId = await createConversation(client);
    models.script(BEST, { text: "Half an answer and then the provider drops.", chunkSize: 8, failAfterChunks: 2 });
    const first = await sendTurn(client, { conversationId, text: "Draft the follow-up", taskSlug: "follow-up-email" });
    expect(first.errorText).toMatch(/saved/);
    models.script(BEST, "The whole answer, this time.");
    const retry = await sendTurn(client, { conversationId, text: "Draft the follow-up", taskSlug: "follow-up-email", messageId: first.messageId });
    expect(retry.text).toBe("The whole answer, this time.");
    const view = await getConversation(client, conversationId);
    expect(view.messages.map((m) => `${m.role}:${m.metadata?.status ?? ""}`)).toEqual(["user:", "assistant:failed", "assistant:complete"]);
  });

  it.runIf(kind === "postgres")("answers once when the answer committed but the app heard the database fail", async () => {
    const conversationId = await createConversation(client);
    models.script(BEST, withDeliverable("Follow-up to Ben", "Dear Ben,\n\nThe budget is approved."));
    // the statement that saves the answer (the only one casting to "MessageStatus") commits, then its connection breaks
    const broken = proxy!.breakAfterCommitOf('::"MessageStatus"');
    const first = await sendTurn(client, { conversationId, text: "Write Ben a follow-up", taskSlug: "follow-up-email" });
    await broken;
    // what the load run saw: the client is told to retry…
    expect(first.errorText).toMatch(/database/i);
    // …though the answer is stored, complete
    const database = new pg.Client({ connectionString: testDb.env.DATABASE_URL });
    await database.connect();
    const stored = async () =>
      (await database.query(`SELECT role, status::text AS status FROM "Message" WHERE "conversationId" = $1 ORDER BY "createdAt"`, [conversationId])).rows.map(
        (r) => `${r.role}:${r.status}`,
      );
    try {
      expect(await stored()).toEqual(["user:complete", "assistant:complete"]);
      const calls = executorCalls();

      const retry = await sendTurn(client, { conversationId, text: "Write Ben a follow-up", taskSlug: "follow-up-email", messageId: first.messageId });
      expect(retry.errorText, app.output().slice(-2_000)).toBeUndefined();
      expect(executorCalls()).toBe(calls);
      expect(retry.text).toContain("The budget is approved.");
      expect(retry.deliverables.map((v) => v.title)).toEqual(["Follow-up to Ben"]);
      expect(await stored()).toEqual(["user:complete", "assistant:complete"]);
      const versions = await database.query(
        `SELECT count(*)::int AS n FROM "DeliverableVersion" v JOIN "Deliverable" d ON d.id = v."deliverableId" WHERE d."conversationId" = $1`,
        [conversationId],
      );
      expect(versions.rows[0].n).toBe(1);
    } finally {
      await database.end();
    }
  });

  it("still stores a new message with the same text as a new turn", async () => {
    const conversationId = await createConversation(client);
    models.script(BEST, "First.", "Second.");
    await sendTurn(client, { conversationId, text: "Again", taskSlug: "follow-up-email" });
    const second = await sendTurn(client, { conversationId, text: "Again", taskSlug: "follow-up-email", messageId: randomUUID() });
    expect(second.text).toBe("Second.");
  });
});
