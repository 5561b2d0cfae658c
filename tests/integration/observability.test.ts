import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CostInsight } from "@/lib/observability";
import type { AppServer } from "../support/app-server";
import { createConversation, getConversation, sendTurn, textOf } from "../support/chat-client";
import { type TestDatabase, testDatabaseKind } from "../support/database";
import { HttpClient, uniqueEmail } from "../support/http-client";
import type { ScriptedModelServer } from "../support/model-server";
import { OtlpReceiver, type ReceivedSpan } from "../support/otlp-receiver";
import { BEST, expectScriptedRepliesUsed, FAST, startScriptedApp } from "../support/scripted-app";
import { routerSays, speculativeDiscard } from "../support/scripted-replies";

const kind = testDatabaseKind();
const METRICS_TOKEN = "metrics-token-0123456789abcdef";

/** Prometheus's text format as { 'name{label="v",...}': value }, labels in the order the endpoint writes them. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** The scripted server's usage for a reply: 100 prompt tokens, and a token per 4 characters of the text. */
const completionTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

describe(`metrics, traces and cost of turns on ${kind}`, () => {
  let testDb: TestDatabase;
  let models: ScriptedModelServer;
  let app: AppServer;
  let receiver: OtlpReceiver;
  let admin: HttpClient;
  let user: HttpClient;

  async function account(prefix: string, email = uniqueEmail(prefix)): Promise<HttpClient> {
    const client = new HttpClient(app.url);
    expect((await client.signUp(email, `${prefix}-password-1`)).status).toBe(201);
    expect(await client.signIn(email, `${prefix}-password-1`)).toBe(true);
    return client;
  }

  beforeAll(async () => {
    receiver = await new OtlpReceiver().start();
    ({ testDb, models, app } = await startScriptedApp({
      METRICS_TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      RATE_LIMIT_TRANSCRIBE_PER_MINUTE: "1",
    }));
    // the first account is the administrator
    admin = await account("admin");
    user = await account("metered");
  });

  afterAll(async () => {
    await app?.stop();
    await models?.stop();
    await receiver?.stop();
    await testDb?.drop();
  });

  const metricsWith = (authorization?: string) =>
    fetch(`${app.url}/api/metrics`, { headers: authorization ? { authorization } : {}, signal: AbortSignal.timeout(10_000) });

  it("answers 401 without the bearer token or with a wrong one, and reports exactly the scripted turns with it", async () => {
    expect((await metricsWith()).status).toBe(401);
    expect((await metricsWith(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await metricsWith(METRICS_TOKEN)).status).toBe(401);
    const refused = await metricsWith("Bearer nope");
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe("unauthorized:metrics");

    const conversationId = await createConversation(user);
    // 1. routed: the speculative general answer is dropped, the minutes task answers
    const routerText = JSON.stringify({ task: "meeting-minutes" });
    const minutesText = "Happy to. When was the meeting and who attended?";
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, speculativeDiscard("general"), minutesText);
    const t1 = await sendTurn(user, { conversationId, text: "write the minutes of the meeting with ACME" });
    expect(t1.routing).toMatchObject({ action: "start", source: "router" });
    // 2. the user's own choice switches task
    const emailText = "Dear Carla, thank you for today.";
    models.script(BEST, emailText);
    const t2 = await sendTurn(user, { conversationId, text: "/follow-up-email to Carla" });
    expect(t2.routing).toMatchObject({ action: "switch", source: "user" });
    // 3. the model refuses (400, not retried): a failed turn and an error of that kind
    models.script(BEST, { text: "", status: 400 });
    const t3 = await sendTurn(user, { conversationId, text: "/follow-up-email shorter" });
    expect(t3.routing).toMatchObject({ action: "continue", source: "user" });
    expect(t3.finish).toMatchObject({ messageMetadata: { status: "failed" } });
    expectScriptedRepliesUsed(models, app);
    // a rate-limit refusal (1 transcription a minute in this file)
    expect((await user.post("/api/transcribe", {})).status).toBe(415);
    expect((await user.post("/api/transcribe", {})).status).toBe(429);

    const response = await metricsWith(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const samples = parseExposition(await response.text());
    expect({
      complete: samples.get('switchboard_turns_total{status="complete"}'),
      failed: samples.get('switchboard_turns_total{status="failed"}'),
      startByRouter: samples.get('switchboard_routing_actions_total{action="start",source="router"}'),
      switchByUser: samples.get('switchboard_routing_actions_total{action="switch",source="user"}'),
      continueByUser: samples.get('switchboard_routing_actions_total{action="continue",source="user"}'),
      routerLatencies: samples.get("switchboard_router_latency_seconds_count"),
      // the two answers that ran their course and the failed one; the dropped speculative answer is not one
      executorLatencies: samples.get("switchboard_executor_latency_seconds_count"),
      firstTokens: samples.get("switchboard_first_token_seconds_count"),
      fastIn: samples.get('switchboard_model_tokens_total{slot="fast",direction="in"}'),
      fastOut: samples.get('switchboard_model_tokens_total{slot="fast",direction="out"}'),
      bestIn: samples.get('switchboard_model_tokens_total{slot="best",direction="in"}'),
      bestOut: samples.get('switchboard_model_tokens_total{slot="best",direction="out"}'),
      modelRefusals: samples.get('switchboard_errors_total{kind="model:answer.refused"}'),
      rateLimited: samples.get('switchboard_rate_limit_refusals_total{limit="transcribe"}'),
      // no learnings exist yet: both searches ran and found none
      routerLearnings: samples.get('switchboard_learnings_retrieved_total{scope="router"}'),
      taskLearnings: samples.get('switchboard_learnings_retrieved_total{scope="task"}'),
    }).toEqual({
      complete: 2,
      failed: 1,
      startByRouter: 1,
      switchByUser: 1,
      continueByUser: 1,
      routerLatencies: 1,
      executorLatencies: 3,
      firstTokens: 2,
      fastIn: 100,
      fastOut: completionTokens(routerText),
      bestIn: 200,
      bestOut: completionTokens(minutesText) + completionTokens(emailText),
      modelRefusals: 1,
      rateLimited: 1,
      routerLearnings: 0,
      taskLearnings: 0,
    });
  });

  it("sends a turn's spans to the OTLP receiver, linked as one trace, without the message or the answer", async () => {
    const conversationId = await createConversation(user);
    const secret = "ZEBRA-4471";
    const answerMarker = "OUTPUT-MARKER-5523";
    models.script(FAST, routerSays("meeting-minutes"));
    models.script(BEST, speculativeDiscard("general"), `${answerMarker} when was the meeting?`);
    const turn = await sendTurn(user, { conversationId, text: `minutes please: the launch code is ${secret}` });
    expect(turn.text).toContain(answerMarker);

    let spans: ReceivedSpan[] = [];
    let root: ReceivedSpan | undefined;
    await expect
      .poll(
        () => {
          root = receiver.spans.find((s) => s.name === "turn" && s.attributes.some((a) => a.value.stringValue === conversationId));
          spans = root ? receiver.spans.filter((s) => s.traceId === root!.traceId) : [];
          return spans.map((s) => s.name).filter((name) => name.startsWith("turn"));
        },
        { timeout: 20_000, interval: 250 },
      )
      .toEqual(expect.arrayContaining(["turn", "turn.load", "turn.route", "turn.retrieval", "turn.execute", "turn.save"]));
    const named = (name: string) => spans.filter((s) => s.name === name);
    const childrenOf = (parent: ReceivedSpan) => spans.filter((s) => s.parentSpanId === parent.spanId);
    const [route] = named("turn.route");
    for (const name of ["turn.load", "turn.route", "turn.save"]) expect(named(name).map((s) => s.parentSpanId)).toEqual([root!.spanId]);
    // the speculative answer and the kept one
    expect(named("turn.execute").map((s) => s.parentSpanId)).toEqual([root!.spanId, root!.spanId]);
    // the router's learnings are searched inside the routing, the task's before its answer starts
    expect(
      named("turn.retrieval")
        .map((s) => s.parentSpanId)
        .sort(),
    ).toEqual([route.spanId, root!.spanId].sort());
    // the AI SDK's own spans for the model calls sit under the routing and under an answer
    expect(childrenOf(route).filter((s) => !s.name.startsWith("turn")).length).toBeGreaterThan(0);
    expect(
      named("turn.execute")
        .flatMap(childrenOf)
        .filter((s) => !s.name.startsWith("turn")).length,
    ).toBeGreaterThan(0);
    // the database's work as spans of the step that did it: loading the turn runs SQL statements
    const [load] = named("turn.load");
    const below = (parent: ReceivedSpan): ReceivedSpan[] => childrenOf(parent).flatMap((child) => [child, ...below(child)]);
    expect(below(load).map((s) => s.name)).toEqual(expect.arrayContaining(["prisma:client:operation", "prisma:client:db_query"]));
    const everything = receiver.bodies.join("\n");
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(answerMarker);
  });

  it("puts the message and the answer in the model-call spans only with OTEL_RECORD_CONTENT=1", async () => {
    const contentReceiver = await new OtlpReceiver().start();
    const recording = await startScriptedApp({ OTEL_EXPORTER_OTLP_ENDPOINT: contentReceiver.url, OTEL_RECORD_CONTENT: "1" });
    try {
      const client = new HttpClient(recording.app.url);
      const email = uniqueEmail("recorded");
      expect((await client.signUp(email, "recorded-password-1")).status).toBe(201);
      expect(await client.signIn(email, "recorded-password-1")).toBe(true);
      recording.models.script(BEST, "OUTPUT-MARKER-8812 noted.");
      const turn = await sendTurn(client, { conversationId: await createConversation(client), text: "/none the code is OKAPI-3390" });
      expect(turn.text).toBe("OUTPUT-MARKER-8812 noted.");
      await expect.poll(() => contentReceiver.bodies.join("\n"), { timeout: 20_000, interval: 250 }).toContain("OKAPI-3390");
      await expect.poll(() => contentReceiver.bodies.join("\n"), { timeout: 20_000, interval: 250 }).toContain("OUTPUT-MARKER-8812");
    } finally {
      await recording.app.stop();
      await recording.models.stop();
      await recording.testDb.drop();
      await contentReceiver.stop();
    }
  });

  it("stores every call's usage, shows its cost per user, and refuses a turn over the monthly budget without calling the model", async () => {
    const spenderEmail = uniqueEmail("spender");
    const spender = await account("spender", spenderEmail);
    // 10 000 and 20 000 a million tokens: a reply of t tokens costs 1 + t × 0.02
    expect(
      (await admin.request("/api/cost/prices", { method: "PUT", json: { model: `compatible:${BEST}`, inputPerMillion: 10_000, outputPerMillion: 20_000 } }))
        .status,
    ).toBe(200);
    expect((await admin.request("/api/cost/budget", { method: "PUT", json: { monthlyBudgetPerUser: 1.5 } })).status).toBe(200);

    const conversationId = await createConversation(spender);
    const first = "Hello! How can I help?";
    const second = "x".repeat(40);
    models.script(BEST, first);
    expect((await sendTurn(spender, { conversationId, text: "/none hello" })).status).toBe(200);
    // 1.12 spent: under 1.5, so the next turn is answered
    models.script(BEST, second);
    expect((await sendTurn(spender, { conversationId, text: "/none and again" })).status).toBe(200);
    const calls = models.requests.length;

    const refused = await sendTurn(spender, { conversationId, text: "/none are you still there?" });
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({
      code: "forbidden:budget",
      message:
        "You have used this month's budget for the assistant, so this message was not answered. It is saved: an administrator can raise the budget, or it renews on the 1st of next month.",
    });
    expect(models.requests.length).toBe(calls);
    const view = await getConversation(spender, conversationId);
    expect(textOf(view.messages.at(-1)!)).toBe("/none are you still there?");

    const today = new Date().toISOString().slice(0, 10);
    const insight = (await (await admin.get(`/api/insight/cost?from=${today}&to=${today}`)).json()) as CostInsight;
    const line = insight.users.find((u) => u.email === spenderEmail);
    const outTokens = completionTokens(first) + completionTokens(second);
    expect(line).toMatchObject({ calls: 2, inputTokens: 200, outputTokens: outTokens });
    expect(line!.cost).toBeCloseTo((200 * 10_000 + outTokens * 20_000) / 1_000_000, 9);
    // the router's model has no price: its calls show as unpriced
    const settings = await (await admin.get("/api/cost/prices")).json();
    expect(settings).toMatchObject({ monthlyBudgetPerUser: 1.5, unpriced: [`compatible:${FAST}`] });

    // without a budget the same user is answered again
    expect((await admin.request("/api/cost/budget", { method: "PUT", json: { monthlyBudgetPerUser: null } })).status).toBe(200);
    models.script(BEST, "Yes, I am here.");
    expect((await sendTurn(spender, { conversationId, text: "/none still there?" })).status).toBe(200);
  });
});
