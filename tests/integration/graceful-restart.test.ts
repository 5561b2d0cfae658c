import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../support/app-server";
import { createConversation, sendTurn, type TurnResult } from "../support/chat-client";
import type { TestDatabase } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { TELEGRAM_SENDS, TelegramApiStandIn, telegramUpdate } from "../support/platform-apis";
import { BEST, startScriptedApp } from "../support/scripted-app";

const TURNS = 20;
/** answers that end within the grace period (30 s by default) */
const SHORT = 15;

/** Rows of a query on the test database, read directly once the app has exited. */
async function query(testDb: TestDatabase, sql: string): Promise<Record<string, unknown>[]> {
  if (testDb.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: testDb.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const database = new PGlite(`${testDb.env.DATA_DIR}/pglite`);
  try {
    return (await database.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await database.close();
  }
}

// issue 18: SIGTERM while 20 turns stream. The instance takes no new turn (503, Retry-After), says
// draining on /api/health, lets the answers that can finish within 30 s finish, stops and saves the
// others, and exits within 35 s: every user message and every answer is in the database. A Telegram
// message arriving meanwhile is refused (503) so that Telegram delivers it again, to another instance.
describe("a graceful restart", () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let telegram: TelegramApiStandIn;
  const TELEGRAM_SECRET = "restart-webhook-secret";

  beforeAll(async () => {
    telegram = await new TelegramApiStandIn().start();
    ({ testDb, models, app } = await startScriptedApp({
      TELEGRAM_BOT_TOKEN: "123456:restart-token",
      TELEGRAM_WEBHOOK_SECRET_TOKEN: TELEGRAM_SECRET,
      TELEGRAM_API_BASE_URL: telegram.url,
    }));
  });

  afterAll(async () => {
    await app?.stop("SIGKILL");
    await telegram?.stop();
    await models?.stop();
    await testDb?.drop();
  });

  it("drains the turns in flight on SIGTERM, saves every one, and exits within 35 s", async () => {
    const client = new HttpClient(app.url);
    const email = uniqueEmail("restart");
    await client.signUp(email, "restart-password-1");
    expect(await client.signIn(email, "restart-password-1")).toBe(true);
    const conversations = await Promise.all(Array.from({ length: TURNS }, () => createConversation(client)));

    // 15 answers that stream for about 5 s; 5 that would stream for 2 minutes
    models.script(
      BEST,
      ...Array.from({ length: SHORT }, (_, i) => ({ text: `Short answer ${i} `.repeat(10), chunkSize: 20, chunkDelayMs: 500 })),
      ...Array.from({ length: TURNS - SHORT }, (_, i) => ({ text: `Long answer ${i} `.repeat(60), chunkSize: 4, chunkDelayMs: 500 })),
    );
    const turns: Promise<TurnResult>[] = conversations.map((conversationId, i) =>
      sendTurn(client, { conversationId, text: `Turn ${i}: write the follow-up`, taskSlug: "follow-up-email" }),
    );
    // every turn has reached the model and is streaming
    const streaming = Date.now() + 30_000;
    while (models.requestsFor(BEST).length < TURNS && Date.now() < streaming) await new Promise((r) => setTimeout(r, 100));
    expect(models.requestsFor(BEST)).toHaveLength(TURNS);
    await new Promise((r) => setTimeout(r, 1_000));

    // what a container runtime does: SIGTERM to the image's command (the start script), not to its server
    const signalledAt = Date.now();
    process.kill(app.pid, "SIGTERM");

    // draining: the health check sends the load balancer elsewhere, and a new turn is refused with a wait
    let health: Response | undefined;
    for (let i = 0; i < 20; i++) {
      health = await fetch(`${app.url}/api/health`);
      if (health.status === 503) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(health?.status).toBe(503);
    expect(await health?.json()).toMatchObject({ status: "draining", draining: true });
    const refused = await sendTurn(client, { conversationId: conversations[0], text: "One more, please", taskSlug: "follow-up-email" });
    expect(refused.status).toBe(503);
    expect(refused.error?.code).toBe("unavailable:restarting");
    const delivery = await fetch(`${app.url}/api/channels/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
      body: telegramUpdate({ updateId: 1, messageId: 1, userId: 4242, text: "hello" }),
    });
    expect(delivery.status).toBe(503);
    expect(delivery.headers.get("retry-after")).toBe("5");

    const code = await app.exited;
    const tookMs = Date.now() - signalledAt;
    expect(tookMs, app.output().slice(-3_000)).toBeLessThan(35_000);
    expect(code).toBe(0);
    // the long answers ran until the grace period ended
    expect(tookMs).toBeGreaterThan(29_000);

    const results = await Promise.all(turns);
    const statuses = results.map((r) => (r.finish?.messageMetadata as { status?: string } | undefined)?.status);
    expect(statuses.filter((s) => s === "complete")).toHaveLength(SHORT);
    expect(statuses.filter((s) => s === "stopped")).toHaveLength(TURNS - SHORT);

    const users = await query(testDb, `SELECT content FROM "Message" WHERE role = 'user'`);
    expect(users.map((r) => r.content).sort()).toEqual(Array.from({ length: TURNS }, (_, i) => `Turn ${i}: write the follow-up`).sort());
    const answers = await query(testDb, `SELECT status::text AS status, content FROM "Message" WHERE role = 'assistant'`);
    expect(answers).toHaveLength(TURNS);
    expect(answers.filter((a) => a.status === "complete")).toHaveLength(SHORT);
    const stopped = answers.filter((a) => a.status === "stopped");
    expect(stopped).toHaveLength(TURNS - SHORT);
    // a stopped answer keeps what it streamed
    for (const answer of stopped) expect(String(answer.content)).toMatch(/^(Long answer \d+ ?)+/);
    expect(app.output()).toMatch(/shutdown: stopping 5 turn\(s\) still running/);
    // the refused delivery was not handled: nothing was said in the chat
    expect(telegram.callsTo(TELEGRAM_SENDS)).toHaveLength(0);
  }, 120_000);
});
