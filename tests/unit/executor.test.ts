import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { APICallError, simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { answerForHistory, finalDeliverable, splitAnswer } from "@/lib/executor/deliverable-format";
import { describeModelError, startExecution } from "@/lib/executor/execution";
import { buildExecutorSystemPrompt, type ExecutableTask } from "@/lib/executor/prompt";
import { errorText } from "@/lib/i18n";

describe("splitAnswer", () => {
  it("splits prose and a complete block", () => {
    const text = 'Here are the minutes.\n<deliverable title="Board meeting 3 May">\n# Attendees\n- Ana\n</deliverable>\n';
    expect(splitAnswer(text)).toEqual([
      { kind: "text", text: "Here are the minutes.\n" },
      { kind: "deliverable", title: "Board meeting 3 May", body: "# Attendees\n- Ana", complete: true },
    ]);
  });

  it("marks a block that is still streaming as incomplete", () => {
    expect(splitAnswer('Sure.\n<deliverable title="Draft">\nDear Ms. Li,\nThank')).toEqual([
      { kind: "text", text: "Sure.\n" },
      { kind: "deliverable", title: "Draft", body: "Dear Ms. Li,\nThank", complete: false },
    ]);
  });

  it("reads a tag without a title and in other case", () => {
    expect(splitAnswer("<Deliverable>body</DELIVERABLE> after")).toEqual([
      { kind: "deliverable", title: "", body: "body", complete: true },
      { kind: "text", text: " after" },
    ]);
  });

  it.each(["<", "<d", "<deliv", "<deliverable", '<deliverable title="Min'])(
    "holds back a partial opening tag %j at the end instead of showing it as text",
    (partial) => {
      expect(splitAnswer(`Here it is. ${partial}`)).toEqual([{ kind: "text", text: "Here it is. " }]);
      expect(splitAnswer(partial)).toEqual([]);
    },
  );

  // BUG (production): the hold-back only applies while the tail is under 40 characters, so any title
  // longer than 19 characters flashes as raw text while it streams (e.g. the follow-up email task's
  // subject line, "under 70 characters").
  it("holds back a partial opening tag whose title is long (a follow-up email subject)", () => {
    const partial = '<deliverable title="Follow-up: pricing proposal and next steps';
    expect(splitAnswer(`Here is the email. ${partial}`)).toEqual([{ kind: "text", text: "Here is the email. " }]);
  });

  it("does not hold back a '<' that cannot start the tag", () => {
    expect(splitAnswer("if a < b")).toEqual([{ kind: "text", text: "if a < b" }]);
    expect(splitAnswer("see <div>")).toEqual([{ kind: "text", text: "see <div>" }]);
  });

  it("returns nothing for empty or blank text", () => {
    expect(splitAnswer("")).toEqual([]);
    expect(splitAnswer("  \n ")).toEqual([]);
  });
});

describe("finalDeliverable", () => {
  it("returns the last complete block when there are several", () => {
    const text = '<deliverable title="v1">first</deliverable> Better: <deliverable title="v2">second</deliverable> done';
    expect(finalDeliverable(text)).toEqual({ title: "v2", body: "second" });
  });

  it("ignores an unfinished last block and empty blocks", () => {
    expect(finalDeliverable('<deliverable title="v1">first</deliverable><deliverable title="v2">sec')).toEqual({ title: "v1", body: "first" });
    expect(finalDeliverable('<deliverable title="v1">first</deliverable><deliverable title="empty">  </deliverable>')).toEqual({ title: "v1", body: "first" });
  });

  it("titles an untitled block and returns null without a complete block", () => {
    expect(finalDeliverable("<deliverable>body</deliverable>")).toEqual({ title: "Untitled", body: "body" });
    expect(finalDeliverable("just prose")).toBeNull();
    expect(finalDeliverable('<deliverable title="x">never closed')).toBeNull();
  });
});

describe("answerForHistory", () => {
  it("replaces each block by a reference and keeps the prose", () => {
    const text = 'Here you go.\n<deliverable title="Minutes">long body</deliverable>\nAnd a shorter one:<deliverable>b</deliverable>';
    expect(answerForHistory(text)).toBe('Here you go.\n\n[wrote the deliverable "Minutes"]\n\nAnd a shorter one:\n\n[wrote the deliverable "Untitled"]');
    expect(answerForHistory(text)).not.toContain("long body");
  });

  it("leaves an answer without blocks unchanged apart from trimming", () => {
    expect(answerForHistory("  Which date was the meeting?  ")).toBe("Which date was the meeting?");
  });
});

const task: ExecutableTask = {
  slug: "meeting-minutes",
  name: "Meeting minutes",
  instructions: "Write concise minutes with decisions and action items.",
  infoToCollect: [
    { name: "meeting_date", description: "When the meeting took place", required: true },
    { name: "attendees", description: "Who attended", required: false },
  ],
  outputKind: "DOCUMENT",
  outputTitleFormat: "Minutes — <meeting name> — <date>",
  outputBodyFormat: "Markdown with Attendees, Decisions, Action items",
};

describe("buildExecutorSystemPrompt", () => {
  const now = new Date("2025-03-04T10:00:00Z");

  it("includes the task instructions, each info field with required/optional, and the output format", () => {
    const prompt = buildExecutorSystemPrompt({ task, now });
    expect(prompt).toContain("Current task: Meeting minutes.");
    expect(prompt).toContain("Today is 2025-03-04.");
    expect(prompt).toContain("Write concise minutes with decisions and action items.");
    expect(prompt).toContain("- meeting_date (required): When the meeting took place");
    expect(prompt).toContain("- attendees (optional): Who attended");
    expect(prompt).toContain("Kind: DOCUMENT");
    expect(prompt).toContain("Title: Minutes — <meeting name> — <date>");
    expect(prompt).toContain("Body: Markdown with Attendees, Decisions, Action items");
    expect(prompt).toContain('<deliverable title="THE TITLE">');
    expect(prompt).toContain("</deliverable>");
    expect(prompt).toContain("## Current version of the deliverable\nNone yet.");
  });

  it("says when there is nothing specific to collect", () => {
    expect(buildExecutorSystemPrompt({ task: { ...task, infoToCollect: [] }, now })).toContain("## Information to collect\n- nothing specific");
  });

  it("includes the latest deliverable version and says when the user edited it", () => {
    const edited = buildExecutorSystemPrompt({
      task,
      now,
      latestDeliverable: { title: "Minutes — Board — 3 May", body: "## Decisions\n- Hire two nurses", version: 3, author: "user" },
    });
    expect(edited).toContain("version 3, edited by the user — keep their changes");
    expect(edited).toContain("Title: Minutes — Board — 3 May\n\n## Decisions\n- Hire two nurses");
    expect(edited).not.toContain("None yet.");

    const own = buildExecutorSystemPrompt({ task, now, latestDeliverable: { title: "T", body: "B", version: 1, author: "model" } });
    expect(own).toContain("version 1, written by you");
    expect(own).not.toContain("edited by the user");
  });

  it("without a task, is the general assistant and lists the available tasks with /slug", () => {
    const prompt = buildExecutorSystemPrompt({
      task: null,
      now,
      availableTasks: [
        { slug: "meeting-minutes", name: "Meeting minutes" },
        { slug: "follow-up-email", name: "Follow-up email" },
      ],
    });
    expect(prompt).toContain("Meeting minutes (/meeting-minutes), Follow-up email (/follow-up-email)");
    expect(prompt).toContain("Today is 2025-03-04.");
    expect(prompt).not.toContain("Current task");
    expect(prompt).not.toContain("<deliverable");
    expect(buildExecutorSystemPrompt({ task: null, now })).not.toContain("/slug");
  });
});

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

function textStream(deltas: string[], { chunkDelayInMs = 0, initialDelayInMs = 0, tail = "finish" as "finish" | "error", error = undefined as unknown } = {}) {
  const chunks: LanguageModelV4StreamPart[] = [{ type: "text-start", id: "t1" }, ...deltas.map((delta) => ({ type: "text-delta" as const, id: "t1", delta }))];
  if (tail === "error") chunks.push({ type: "error", error });
  else chunks.push({ type: "text-end", id: "t1" }, { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage });
  return simulateReadableStream({ chunks, chunkDelayInMs, initialDelayInMs });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function execute(model: MockLanguageModelV4, signal = new AbortController().signal) {
  return startExecution({ model, taskSlug: "meeting-minutes", system: "SYSTEM", messages: [{ role: "user", content: "hello" }], signal });
}

describe("startExecution", () => {
  it("buffers the text until pipe is called, then delivers all of it in order", async () => {
    const deltas = ["Hel", "lo", ", ", "wor", "ld", "!"];
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: textStream(deltas, { chunkDelayInMs: 5 }) }) });
    const execution = execute(model);
    expect(execution.taskSlug).toBe("meeting-minutes");
    await sleep(150); // the model has finished long before anyone pipes
    expect(model.doStreamCalls).toHaveLength(1);
    const received: string[] = [];
    const outcome = await execution.pipe((delta) => received.push(delta));
    expect(received).toEqual(deltas);
    expect(outcome).toEqual({ status: "complete", text: "Hello, world!" });
  });

  it("delivers buffered and later text in order when piped mid-stream", async () => {
    const deltas = Array.from({ length: 10 }, (_, i) => `[${i}]`);
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: textStream(deltas, { chunkDelayInMs: 15 }) }) });
    const execution = execute(model);
    await sleep(60);
    const received: string[] = [];
    const outcome = await execution.pipe((delta) => received.push(delta));
    expect(received).toEqual(deltas);
    expect(outcome.status).toBe("complete");
    expect(outcome.text).toBe(deltas.join(""));
  });

  it("passes the system prompt and messages to the model", async () => {
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: textStream(["ok"]) }) });
    await execute(model).pipe(() => {});
    const prompt = model.doStreamCalls[0].prompt;
    expect(prompt[0]).toEqual({ role: "system", content: "SYSTEM" });
    expect(JSON.stringify(prompt[1])).toContain("hello");
  });

  it("aborted before any pipe, ends as stopped and delivers nothing produced after the abort", async () => {
    const deltas = Array.from({ length: 20 }, (_, i) => `<${i}>`);
    let modelSawAbort = false;
    const model = new MockLanguageModelV4({
      doStream: async (options) => {
        options.abortSignal?.addEventListener("abort", () => (modelSawAbort = true));
        return { stream: textStream(deltas, { chunkDelayInMs: 20 }) };
      },
    });
    const execution = execute(model);
    await sleep(70); // a few chunks have been buffered
    execution.abort();
    await sleep(200); // the model would have produced several more chunks by now
    const received: string[] = [];
    const outcome = await execution.pipe((delta) => received.push(delta));
    expect(outcome.status).toBe("stopped");
    expect(modelSawAbort).toBe(true);
    expect(received.join("")).toBe(outcome.text);
    expect(received).toEqual(deltas.slice(0, received.length)); // a prefix, in order
    expect(received.length).toBeLessThan(10); // 70 ms at 20 ms a chunk, not what came in the next 200 ms
    expect(received).not.toContain("<19>");
  });

  it("aborted right away, delivers nothing", async () => {
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: textStream(["a", "b", "c"], { chunkDelayInMs: 10 }) }) });
    const execution = execute(model);
    execution.abort();
    const received: string[] = [];
    const outcome = await execution.pipe((delta) => received.push(delta));
    expect(outcome).toEqual({ status: "stopped", text: "" });
    expect(received).toEqual([]);
  });

  it("ends as stopped when the user's request is aborted while piping", async () => {
    const controller = new AbortController();
    const deltas = Array.from({ length: 20 }, (_, i) => `(${i})`);
    const model = new MockLanguageModelV4({ doStream: async () => ({ stream: textStream(deltas, { chunkDelayInMs: 15 }) }) });
    const execution = execute(model, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const received: string[] = [];
    const outcome = await execution.pipe((delta) => received.push(delta));
    expect(outcome.status).toBe("stopped");
    expect(received.length).toBeLessThan(deltas.length);
    expect(received.join("")).toBe(outcome.text);
  });

  it("fails with a user-facing message when the stream errors, keeping the text so far", async () => {
    const error = new APICallError({
      message: "upstream exploded: secret-internal-detail",
      url: "http://provider/v1",
      requestBodyValues: {},
      statusCode: 502,
      isRetryable: false,
    });
    const model = new MockLanguageModelV4({
      doStream: async () => ({ stream: textStream(["Partial ", "answer"], { chunkDelayInMs: 5, tail: "error", error }) }),
    });
    const received: string[] = [];
    const outcome = await execute(model).pipe((delta) => received.push(delta));
    expect(outcome.status).toBe("failed");
    expect(errorText("en", outcome.error!)).toBe("The model provider failed (HTTP 502).");
    expect(JSON.stringify(outcome.error)).not.toContain("secret-internal-detail");
    expect(outcome.text).toBe("Partial answer");
    expect(received).toEqual(["Partial ", "answer"]);
  });

  it("fails with a user-facing message when the model call itself is refused", async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new APICallError({ message: "bad key", url: "http://provider/v1", requestBodyValues: {}, statusCode: 401, isRetryable: false });
      },
    });
    const outcome = await execute(model).pipe(() => {});
    expect(outcome).toEqual({ status: "failed", text: "", error: { key: "answer.refused", values: { status: 401 } } });
    expect(errorText("en", outcome.error!)).toBe("The model provider refused the request (HTTP 401).");
  });

  // BUG (production): the AI SDK enforces timeout.firstChunkMs/chunkMs by aborting the call, so the
  // stream ends with an "abort" part (reason "TimeoutError: First chunk timeout of 50ms exceeded") and
  // startExecution reports "stopped" (as if the user had pressed stop) instead of "failed".
  it.each([
    ["the first chunk does not arrive", [] as string[]],
    ["the next chunk does not arrive", ["Partial "]],
  ])("fails with 'took too long' when %s in time", async (_label, before) => {
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        // sends `before`, then stalls until cancelled
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: "text-start", id: "t1" });
            for (const delta of before) controller.enqueue({ type: "text-delta", id: "t1", delta });
          },
        }),
      }),
    });
    const execution = startExecution({
      model,
      taskSlug: null,
      system: "S",
      messages: [{ role: "user", content: "hi" }],
      signal: new AbortController().signal,
      firstChunkTimeoutMs: 50,
    });
    const started = performance.now();
    const received: string[] = [];
    const outcome = await execution.pipe((delta) => received.push(delta));
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(received).toEqual(before);
    expect(outcome).toEqual({ status: "failed", text: before.join(""), error: { key: "answer.tookTooLong" } });
  });
});

describe("describeModelError", () => {
  const apiError = (statusCode?: number, message = "x") => new APICallError({ message, url: "u", requestBodyValues: {}, statusCode });

  it.each([
    [Object.assign(new Error("boom"), { name: "TimeoutError" }), "The model took too long to answer."],
    [new Error("request timed out"), "The model took too long to answer."],
    [apiError(429), "The model provider is rate-limiting requests."],
    [apiError(500), "The model provider failed (HTTP 500)."],
    [apiError(503), "The model provider failed (HTTP 503)."],
    [apiError(400), "The model provider refused the request (HTTP 400)."],
    [new TypeError("fetch failed"), "The model provider is unreachable."],
    [new Error("connect ECONNREFUSED 127.0.0.1:11434"), "The model provider is unreachable."],
    [new Error("something odd"), "The model failed to answer."],
    ["a string", "The model failed to answer."],
    [undefined, "The model failed to answer."],
  ])("describes %s", (error, message) => {
    expect(errorText("en", describeModelError(error))).toBe(message);
  });

  it("says it in the reader's language", () => {
    expect(errorText("es", describeModelError(apiError(503)))).toBe("El proveedor del modelo falló (HTTP 503).");
    expect(errorText("fr", describeModelError(new TypeError("fetch failed")))).toBe("Le fournisseur du modèle est injoignable.");
  });
});
