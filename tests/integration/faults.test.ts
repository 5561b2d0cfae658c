import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createConversation, getConversation, sendTurn, textOf } from "../support/chat-client";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import { ScriptedModelServer } from "../support/model-server";
import { databaseBehindProxy, type TcpProxy } from "../support/tcp-proxy";

const kind = testDatabaseKind();
const BEST = "scripted-best";
const FAST = "scripted-fast";

describe(`faults on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let proxy: TcpProxy | undefined;
  let app: AppServer;
  let env: Record<string, string>;
  let client: HttpClient;
  const account = { email: uniqueEmail("faults"), password: "faults-password-1" };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    models = await new ScriptedModelServer().start();
    models.models = [BEST, FAST];
    env = { MODEL_BEST: `compatible:${BEST}`, MODEL_FAST: `compatible:${FAST}`, COMPATIBLE_BASE_URL: `${models.url}/v1`, EXECUTOR_TIMEOUT_MS: "3000" };
    // on Postgres the app reaches the database through a proxy the test can cut, as a database restart would
    const database = await databaseBehindProxy(testDb.env);
    proxy = database.proxy;
    Object.assign(env, database.env);
    app = await startApp(env);
    client = new HttpClient(app.url);
    await client.signUp(account.email, account.password);
    expect(await client.signIn(account.email, account.password)).toBe(true);
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("keeps the user message and the partial answer, marked, when the provider fails mid-stream", async () => {
    const conversationId = await createConversation(client);
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, { text: "The first part arrives, and then the provider drops the connection.", chunkSize: 8, failAfterChunks: 3 });
    const turn = await sendTurn(client, { conversationId, text: "Tell me about kickoffs" });
    expect(turn.errorText).toMatch(/saved/);
    const view = await getConversation(client, conversationId);
    expect(view.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(textOf(view.messages[0])).toBe("Tell me about kickoffs");
    expect(view.messages[1].metadata?.status).toBe("failed");
    // three chunks of eight characters arrived before the drop
    expect(textOf(view.messages[1])).toBe("The first part arrives, ");
  });

  it("tells a Spanish user in Spanish that the answer failed and the message is kept", async () => {
    const spanish = new HttpClient(app.url);
    const email = uniqueEmail("faults-es");
    await spanish.signUp(email, account.password);
    expect(await spanish.signIn(email, account.password)).toBe(true);
    expect((await spanish.request("/api/account", { method: "PATCH", json: { locale: "es" } })).status).toBe(200);
    const conversationId = await createConversation(spanish);
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, { text: "Empieza la respuesta y luego se corta.", chunkSize: 8, failAfterChunks: 2 });
    const turn = await sendTurn(spanish, { conversationId, text: "Cuéntame de la reunión" });
    expect(turn.errorText).toMatch(
      /^(El proveedor del modelo|La conexión con el proveedor del modelo|No se puede acceder al proveedor del modelo)[^.]*\. Tu mensaje está guardado; pulsa Reintentar para volver a intentarlo\.$/,
    );
    expect(turn.text).toBe("Empieza la respu");
    const view = await getConversation(spanish, conversationId);
    expect(view.messages[1].metadata?.status).toBe("failed");
  });

  // Postgres only: the embedded PGlite has no connection to lose
  it.runIf(kind === "postgres")("answers 503 with a clear message while the database is unreachable, and works again after", async () => {
    if (!proxy) throw new Error("the Postgres run starts the app behind the proxy");
    const conversationId = await createConversation(client);
    proxy.cut();
    try {
      const refused = await sendTurn(client, { conversationId, text: "Are you there?" });
      expect(refused.status).toBe(503);
      expect(refused.error?.message).toMatch(/database is unreachable/i);
      const health = await fetch(`${app.url}/api/health`);
      expect(health.status).toBe(503);
      expect((await health.json()).database.reachable).toBe(false);
    } finally {
      proxy.restore();
    }
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, "Yes, I am here.");
    const retried = await sendTurn(client, { conversationId, text: "Are you there?" });
    expect(retried.status).toBe(200);
    expect(retried.text).toBe("Yes, I am here.");
    const view = await getConversation(client, conversationId);
    expect(view.messages.filter((m) => m.role === "user")).toHaveLength(1);
  });

  it("shows everything saved after the app is killed mid-turn, and the next turn works", async () => {
    const conversationId = await createConversation(client);
    const messageId = randomUUID();
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, { text: "A long answer that never finishes ".repeat(40), chunkDelayMs: 50 });
    const controller = new AbortController();
    const response = await client.request("/api/chat", {
      method: "POST",
      json: { conversationId, messageId, text: "Write me a long story" },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let raw = "";
    while (!raw.includes('"type":"text-delta"')) raw += new TextDecoder().decode((await reader.read()).value);
    await app.stop("SIGKILL");
    controller.abort();

    app = await startApp(env);
    const after = new HttpClient(app.url);
    expect(await after.signIn(account.email, account.password)).toBe(true);
    const view = await getConversation(after, conversationId);
    const users = view.messages.filter((m) => m.role === "user");
    expect(users.map((m) => [m.id, textOf(m)])).toEqual([[messageId, "Write me a long story"]]);

    // the Retry button resends the same message: answered now, and still stored once
    models.script(FAST, JSON.stringify({ task: "none" }));
    models.script(BEST, "Once upon a time, briefly.");
    const retried = await sendTurn(after, { conversationId, messageId, text: "Write me a long story" });
    expect(retried.text).toBe("Once upon a time, briefly.");
    const final = await getConversation(after, conversationId);
    expect(final.messages.filter((m) => m.role === "user")).toHaveLength(1);
    expect(textOf(final.messages.at(-1)!)).toBe("Once upon a time, briefly.");
    client = after;
  });
});
