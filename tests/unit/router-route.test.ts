import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { APICallError } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import type { RoutableTask } from "@/lib/router/prompt";
import { parseLeniently, routeTurn } from "@/lib/router/route";

const tasks: RoutableTask[] = [
  { slug: "meeting-minutes", name: "Meeting minutes", routerDescription: "The user wants minutes of a meeting." },
  { slug: "follow-up-email", name: "Follow-up email", routerDescription: "The user wants a follow-up email." },
];
const OPTIONS = ["meeting-minutes", "follow-up-email", "none"];

function answer(text: string, inputTokens = 123) {
  return {
    content: [{ type: "text" as const, text }],
    finishReason: { unified: "stop" as const, raw: undefined },
    usage: {
      inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 7, text: 7, reasoning: undefined },
    },
    warnings: [],
  };
}

function route(model: MockLanguageModelV4, overrides: Partial<Parameters<typeof routeTurn>[0]> = {}) {
  return routeTurn({
    model,
    tasks,
    currentTask: "meeting-minutes",
    messages: [{ role: "user", content: "Now please write the email to the client" }],
    timeoutMs: 2_000,
    ...overrides,
  });
}

describe("routeTurn", () => {
  it("accepts a valid JSON answer and reports the prompt tokens from usage", async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"task":"follow-up-email"}', 321) });
    const result = await route(model, { currentTask: null });
    expect(result).toMatchObject({ slug: "follow-up-email", validFormat: true, fallback: null, promptTokens: 321, rawOutput: '{"task":"follow-up-email"}' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(model.doGenerateCalls).toHaveLength(1);

    const minutes = await route(new MockLanguageModelV4({ doGenerate: answer('{"task":"meeting-minutes"}', 99) }), { currentTask: "follow-up-email" });
    expect(minutes).toMatchObject({ slug: "meeting-minutes", validFormat: true, fallback: null, promptTokens: 99 });
  });

  it('maps {"task":"none"} to no task', async () => {
    const result = await route(new MockLanguageModelV4({ doGenerate: answer('{"task":"none"}') }));
    expect(result.slug).toBeNull();
    expect(result.fallback).toBeNull();
    expect(result.validFormat).toBe(true);
  });

  it("sends a JSON-schema response format whose enum is the enabled slugs plus none", async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"task":"none"}') });
    await route(model);
    const options: LanguageModelV4CallOptions = model.doGenerateCalls[0];
    expect(options.responseFormat?.type).toBe("json");
    const schema = (options.responseFormat as { schema?: { properties?: Record<string, { enum?: string[] }>; required?: string[] } }).schema;
    expect(schema?.properties?.task?.enum).toEqual(OPTIONS);
    expect(schema?.required).toEqual(["task"]);
    expect(options.temperature).toBe(0);
    // the prompt given to the model carries the task list and the conversation
    const flat = JSON.stringify(options.prompt);
    expect(flat).toContain("- follow-up-email: The user wants a follow-up email.");
    expect(flat).toContain("User: Now please write the email to the client");
  });

  it.each([
    ["prose around the JSON", 'Sure! {"task": "follow-up-email"}', "follow-up-email"],
    ["a differently named key", '{"answer": "follow-up-email"}', "follow-up-email"],
    ["an enum value in other case", '{"task": "Follow-Up-Email"}', "follow-up-email"],
    ["a bare slug", "none.", null],
  ])("accepts %s by lenient parsing without asking again", async (_label, text, slug) => {
    const model = new MockLanguageModelV4({ doGenerate: answer(text, 55) });
    const result = await route(model);
    expect(result).toMatchObject({ slug, validFormat: true, fallback: null, rawOutput: text, promptTokens: 55 });
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it("asks exactly twice when the answer is garbage, then keeps the current task", async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer("I am not sure", 40) });
    const result = await route(model, { currentTask: "meeting-minutes" });
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(result.slug).toBe("meeting-minutes");
    expect(result.validFormat).toBe(false);
    expect(result.fallback).toBe("invalid");
    expect(result.rawOutput).toContain("I am not sure");
    expect(result.promptTokens).toBe(40);
  });

  it("keeps no task when the answer is garbage and no task was running", async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"task": "tax-return"}') });
    const result = await route(model, { currentTask: null });
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(result).toMatchObject({ slug: null, validFormat: false, fallback: "invalid" });
  });

  it("accepts a valid answer on the retry after a garbage one", async () => {
    const model = new MockLanguageModelV4({ doGenerate: [answer("I am not sure"), answer('{"task":"follow-up-email"}', 77)] });
    const result = await route(model);
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(result).toMatchObject({ slug: "follow-up-email", validFormat: true, fallback: null, promptTokens: 77 });
  });

  it("gives up on a late answer at the timeout and keeps the current task", async () => {
    let aborted = false;
    const model = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(answer('{"task":"follow-up-email"}')), 5_000);
          options.abortSignal?.addEventListener("abort", () => {
            aborted = true;
            clearTimeout(timer);
            reject(options.abortSignal?.reason ?? new Error("aborted"));
          });
        }),
    });
    const started = performance.now();
    const result = await route(model, { timeoutMs: 50 });
    const elapsed = performance.now() - started;
    expect(result.fallback).toBe("timeout");
    expect(result.slug).toBe("meeting-minutes");
    expect(result.rawOutput).toMatch(/no answer within 50 ms/);
    expect(aborted).toBe(true);
    expect(elapsed).toBeLessThan(1_000);
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it("keeps the current task when the provider is down", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({
          message: "connect ECONNREFUSED 127.0.0.1:11434",
          url: "http://127.0.0.1:11434/api/chat",
          requestBodyValues: {},
          isRetryable: true,
        });
      },
    });
    const result = await route(model, { currentTask: "follow-up-email" });
    expect(result.fallback).toBe("error");
    expect(result.slug).toBe("follow-up-email");
    expect(result.rawOutput).toMatch(/model error: .*ECONNREFUSED/);
    expect(model.doGenerateCalls).toHaveLength(1); // no retry for a provider error (maxRetries 0)
  });

  it("reports a cancelled request as an error without waiting for the model", async () => {
    const controller = new AbortController();
    const model = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener("abort", () => reject(options.abortSignal?.reason));
        }),
    });
    const pending = route(model, { signal: controller.signal, timeoutMs: 5_000 });
    setTimeout(() => controller.abort(), 10);
    const result = await pending;
    expect(result).toMatchObject({ fallback: "error", rawOutput: "(cancelled)", slug: "meeting-minutes" });
  });
});

describe("parseLeniently", () => {
  it.each([
    ["a JSON code fence", '```json\n{"task": "meeting-minutes"}\n```', "meeting-minutes"],
    ["a plain code fence", '```\n{ "task" : "none" }\n```', "none"],
    ["another key name", '{"category": "follow-up-email"}', "follow-up-email"],
    ["another key among other fields", '{"confidence": 0.9, "selected_task": "meeting-minutes"}', "meeting-minutes"],
    ["the second JSON object when the first has no option", 'Options {"a": "x"} then {"task": "follow-up-email"}', "follow-up-email"],
    ["a nested object", '{"result": {"task": "meeting-minutes"}}', "meeting-minutes"],
    ["a bare slug", "meeting-minutes", "meeting-minutes"],
    ["a bare slug in double quotes with a period", '"follow-up-email".', "follow-up-email"],
    ["a bare slug in single quotes and spaces", "  'none'  ", "none"],
    ["a bare slug in backticks, upper case", "`Meeting-Minutes`", "meeting-minutes"],
    ["padding inside a JSON value", '{"task": "  follow-up-email "}', "follow-up-email"],
  ])("reads %s", (_label, text, expected) => {
    expect(parseLeniently(text, OPTIONS)).toBe(expected);
  });

  it.each([
    ["an unknown slug in JSON", '{"task": "tax-return"}'],
    ["an unknown bare slug", "tax-return"],
    ["prose mentioning a slug", "I think meeting-minutes fits best."],
    ["broken JSON", '{"task": "meeting-minutes"'],
    ["a non-string value", '{"task": 1}'],
    ["nothing", ""],
  ])("returns undefined for %s", (_label, text) => {
    expect(parseLeniently(text, OPTIONS)).toBeUndefined();
  });
});
