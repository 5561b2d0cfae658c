// npm run bench — what the platform costs per chat turn, on PGlite and on the local Postgres, with
// scripted models that answer instantly (or after a set delay). Not a test: it prints numbers and says
// which targets are met.
//
//   1. platform time per turn (runTurn + reading the response to the end; the models take no time, so
//      all of it is platform) for registries of 10, 100 and 1,000 tasks (eval/registries/extended.json,
//      then scripts/make-large-registry.ts's tasks) × 0, 1,000 and 10,000 learnings
//   2. the router prompt's size (tokens) by registry size
//   3. time to first token with a slow router (R) and a slow executor (E), speculative (runTurn) vs
//      sequential (routeTurn, then the executor), when the router confirms the current task
//   4. throughput with 50 and 200 concurrent conversations
//   + a stage profile (each named step of the turn, lib/chat/turn, timed on its own with its CPU time and
//     SQL statements, and the pieces of the router and executor steps beside them) to explain missed targets
//
// Without an argument the script runs itself once per database in a child process (lib/db's db() is one
// database per process), collects their results and prints the tables. `tsx scripts/bench.ts
// pglite|postgres` runs one database and prints its raw progress.
//
// Settings (environment): BENCH_DATABASES (pglite,postgres), BENCH_TURNS (200 a cell), BENCH_WARMUP (10 a
// cell; BENCH_PROCESS_WARMUP 80 before the first), BENCH_REGISTRIES (10,100,1000), BENCH_LEARNINGS
// (0,1000,10000), BENCH_PROFILE_TURNS (60), BENCH_TTFT_SAMPLES (6 each), BENCH_THROUGHPUT (50,200),
// BENCH_THROUGHPUT_TURNS (2 a conversation), and BENCH_POSTGRES_URL / TEST_POSTGRES_URL (scripts/bench-database.ts). About 3 minutes on 2 idle cores.
import "./settings";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LanguageModelV4CallOptions, LanguageModelV4Prompt, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import type { PublicUser } from "../lib/auth/users";
import type { ChatRequest } from "../lib/chat/turn";
import type { Locale } from "../lib/i18n";
import { benchSettings, settings } from "../lib/settings";
import { taskInputSchema } from "../lib/tasks/schema";
import { createGenerator, dates, decisions, people, seedTaskRefs, type TaskGen } from "./bench-data";
import { type Kind, kinds, openBenchDatabase, percentile, runPerDatabase } from "./bench-database";
import { makeLargeRegistry, REGISTRY_DIR } from "./make-large-registry";
import { exitOnBadSettings } from "./settings";

const {
  BENCH_TURNS: TURNS,
  // V8 compiles Prisma, the AI SDK and the stream code while the first turns run: these turns come first, untimed
  BENCH_PROCESS_WARMUP: PROCESS_WARMUP,
  BENCH_WARMUP: WARMUP,
  BENCH_REGISTRIES: REGISTRIES,
  BENCH_LEARNINGS: LEARNINGS,
  BENCH_PROFILE_TURNS: PROFILE_TURNS,
  BENCH_TTFT_SAMPLES: TTFT_SAMPLES,
  BENCH_THROUGHPUT: THROUGHPUT,
  BENCH_THROUGHPUT_TURNS: THROUGHPUT_TURNS,
  BENCH_DATABASES: DATABASES,
} = exitOnBadSettings(benchSettings);
const CONVERSATIONS = 20;
// the turn's texts are worded in the reader's language; the scripted turns read none of them
const ENGLISH: Locale = "en";
const TTFT_SCENARIOS = [
  { R: 150, E: 400 },
  { R: 400, E: 150 },
];

// the targets
const TARGET = { ttftRatio: 1.1, routerTokens: 1_500 };
/** platform time per turn at TARGET_CELL (issue 14): PGlite runs the database in the app's own thread, so its p50 may be higher; it has no p95 target */
const PLATFORM_TARGET: Record<Kind, { p50: number; p95?: number }> = { postgres: { p50: 10, p95: 30 }, pglite: { p50: 15 } };
const meetsPlatform = (kind: Kind, turn: Dist) => turn.p50 <= PLATFORM_TARGET[kind].p50 && turn.p95 <= (PLATFORM_TARGET[kind].p95 ?? Infinity);
const TARGET_CELL = { tasks: 1_000, learnings: 10_000 };

// ---------------------------------------------------------------------------------------------
// Results (what a child hands to the parent)
// ---------------------------------------------------------------------------------------------
interface Dist {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}
interface CellResult {
  tasks: number;
  learnings: number;
  turn: Dist;
  errors: number;
  errorSamples: string[];
  actions: Record<string, number>;
  routerCalls: number;
  shortlistMisses: number;
  routerTokens: Dist;
  /** mean tokens of the system prompt, the examples and the conversation excerpt; and the largest system prompt */
  routerParts: { system: number; examples: number; conversation: number; systemMax: number };
  routerTasksOffered: number;
  routerExamples: number;
  executorTokens: Dist;
  executorTokensNoTask: Dist | null;
  wallMs: number;
  /** this process's CPU time (Node + Prisma, and the database itself on PGlite) per turn */
  cpuMsPerTurn: number;
  /** SQL statements sent per turn (Postgres only: counted in pg's Client.query) */
  statementsPerTurn: number | null;
}
interface StageRow {
  stage: string;
  calls: number;
  p50: number;
  p95: number;
  /** ms per turn (all calls of the stage in a turn, averaged over turns) */
  perTurn: number;
  /** SQL statements per turn (Postgres only) */
  statements: number | null;
  /** this process's CPU time per turn in the stage */
  cpuPerTurn: number;
}
interface ProfileResult {
  tasks: number;
  learnings: number;
  turns: number;
  stages: StageRow[];
  sumPerTurn: number;
  extra: StageRow[];
  /** single round trips, for scale */
  baseline: { name: string; p50: number; p95: number }[];
  /** runTurn itself, one turn after each profiled turn (same conditions), and its CPU per turn */
  runTurn: Dist;
  runTurnCpu: number;
}
interface TtftResult {
  R: number;
  E: number;
  mode: "speculative" | "sequential";
  ttft: Dist;
  routerStart: Dist | null;
  executorStart: Dist | null;
}
interface ThroughputResult {
  conversations: number;
  turnsEach: number;
  turns: number;
  wallMs: number;
  perSecond: number;
  errors: number;
  errorSamples: string[];
  turn: Dist;
  /** this process's CPU time over the wall time (100% = one core busy) */
  cpuPercent: number;
}
interface ChildResult {
  kind: Kind;
  label: string;
  preparedMs: number;
  cells: CellResult[];
  profiles: ProfileResult[];
  ttft: TtftResult[];
  throughput: ThroughputResult[];
  notes: string[];
  loadBefore: number[];
  loadAfter: number[];
  totalMs: number;
}

const dist = (values: number[]): Dist => {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return { n: 0, p50: NaN, p95: NaN, mean: NaN, max: NaN };
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    max: sorted.at(-1)!,
  };
};

// ---------------------------------------------------------------------------------------------
// Parent: one child per database, then the tables
// ---------------------------------------------------------------------------------------------
const requested = process.argv[2] as Kind | undefined;
if (!requested) {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-bench-results-"));
  const started = performance.now();
  console.log(
    `Switchboard platform benchmark — ${cpus().length} CPU(s), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ` + `${TURNS} timed turns a cell (+${WARMUP} warm-up), ${CONVERSATIONS} conversations a cell, scripted models (MockLanguageModelV4)`,
  );
  console.log(
    `Repetitions reduced to keep the run near 5 minutes on 2 cores: ${TURNS} turns a cell${TURNS < 200 ? " (not 200)" : ""}, ${PROFILE_TURNS} profiled turns, ` +
      `${TTFT_SAMPLES} first-token samples per case, ${THROUGHPUT_TURNS} turns per conversation in section 4 (BENCH_TURNS, BENCH_PROFILE_TURNS, BENCH_TTFT_SAMPLES, BENCH_THROUGHPUT_TURNS to change).`,
  );
  console.log("");
  const failed = runPerDatabase(fileURLToPath(import.meta.url), DATABASES, (kind) => [path.join(dir, `${kind}.json`)]);
  const results: ChildResult[] = [];
  for (const kind of DATABASES) {
    try {
      results.push(JSON.parse(readFileSync(path.join(dir, `${kind}.json`), "utf8")) as ChildResult);
    } catch {
      console.error(`[${kind}] no results`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (results.length) report(results, performance.now() - started);
  process.exit(failed.length ? 1 : 0);
}
if (!kinds.includes(requested)) {
  console.error(`usage: tsx scripts/bench.ts [${kinds.join("|")}]`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Child: one database
// ---------------------------------------------------------------------------------------------
const kind = requested;
const log = (line = "") => console.log(`[${kind}] ${line}`);
const gen = createGenerator(20261122);
const { pick, random } = gen;

// ---- what each scripted user message means: the router's answer and whether the executor writes a deliverable ----
type Intent = { route: string | null | "continue"; deliverable: boolean };
const intents = new Map<string, Intent>();
const norm = (text: string) => text.replace(/\s+/g, " ").trim();
const say = (text: string, intent: Intent) => {
  intents.set(norm(text), intent);
  return text;
};

// ---- SQL statements sent (Postgres: every statement goes through pg's Client.query) ----
const sql = { statements: 0, counted: false };
async function countStatements() {
  if (kind !== "postgres") return;
  const pg = (await import("pg")).default;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    sql.statements++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  sql.counted = true;
}

// ---- the scripted models ----
const latency = { routerMs: 0, executorFirstMs: 0 };
interface RouterCall {
  tokens: number;
  /** the system prompt (task list and rules), the corrected past decisions, the conversation excerpt */
  parts: { system: number; examples: number; conversation: number };
  offered: number;
  examples: number;
  miss: boolean;
  at: number;
}
const probe = { router: [] as RouterCall[], executor: [] as { tokens: number; noTask: boolean; at: number }[] };

const estimate = (text: string) => Math.ceil(text.length / 4);
function promptParts(prompt: LanguageModelV4Prompt) {
  return prompt.map((m) => ({
    role: m.role,
    text: typeof m.content === "string" ? m.content : m.content.map((p) => ("text" in p && typeof p.text === "string" ? p.text : "")).join(""),
  }));
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

async function routerGenerate(options: LanguageModelV4CallOptions) {
  const at = performance.now();
  const parts = promptParts(options.prompt);
  // the same estimate as buildRouterPrompt's estimatedTokens: system and prompt, four characters a token
  const tokens = parts.reduce((sum, p) => sum + estimate(p.text), 0);
  const prompt = parts
    .filter((p) => p.role !== "system")
    .map((p) => p.text)
    .join("\n");
  const schema = (options.responseFormat as { schema?: { properties?: { task?: { enum?: string[] } } } } | undefined)?.schema;
  const offered = schema?.properties?.task?.enum ?? [];
  const current = /^Current task: (\S+)$/m.exec(prompt)?.[1] ?? "none";
  const latest =
    prompt
      .split("\n")
      .filter((l) => l.startsWith("User: "))
      .at(-1)
      ?.slice(6) ?? "";
  const intent = intents.get(norm(latest));
  let task: string;
  let miss = false;
  if (!intent || intent.route === "continue") task = current;
  else if (intent.route === null) task = "none";
  else if (offered.includes(intent.route)) task = intent.route;
  else {
    // the shortlist left the wanted task out: the router cannot choose it
    miss = true;
    task = "none";
  }
  const system = parts.find((p) => p.role === "system")?.text ?? "";
  const split = prompt.indexOf("Current task: ");
  const split0 = Math.max(0, split);
  const routerParts = { system: estimate(system), examples: estimate(prompt.slice(0, split0)), conversation: estimate(prompt.slice(split0)) };
  probe.router.push({ tokens, parts: routerParts, offered: Math.max(0, offered.length - 1), examples: (prompt.match(/<example>/g) ?? []).length, miss, at });
  if (latency.routerMs > 0) await sleep(latency.routerMs, options.abortSignal);
  return {
    content: [{ type: "text" as const, text: JSON.stringify({ task }) }],
    finishReason: { unified: "stop" as const, raw: undefined },
    usage: usage(tokens, 8),
    warnings: [],
  };
}

function answerChunks(deliverable: boolean): LanguageModelV4StreamPart[] {
  const deltas = deliverable
    ? [
        "Here is the draft.\n",
        '<deliverable title="Draft – next steps">\n',
        "**Summary**\nWe agreed to move forward. ",
        "\n**Action items**\n- Ana: send the pricing by Friday",
        "\n</deliverable>",
      ]
    : ["Happy to help. ", "Who took part, ", "and when was it?"];
  return [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    ...deltas.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: usage(0, 40) },
  ];
}

async function executorStream(options: LanguageModelV4CallOptions) {
  const at = performance.now();
  const parts = promptParts(options.prompt);
  const system = parts.find((p) => p.role === "system")?.text ?? "";
  probe.executor.push({
    tokens: parts.reduce((sum, p) => sum + estimate(p.text), 0),
    noTask: system.startsWith("You are Switchboard, a helpful assistant"),
    at,
  });
  const latest = parts.filter((p) => p.role === "user").at(-1)?.text ?? "";
  const chunks = answerChunks(intents.get(norm(latest))?.deliverable ?? false);
  const delay = latency.executorFirstMs;
  if (delay <= 0) return { stream: simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs: null }) };
  const signal = options.abortSignal;
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    async start(controller) {
      try {
        await sleep(delay, signal);
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return { stream };
}

const spec = (model: string) => ({ provider: "compatible" as const, model, origin: "benchmark" });
function makeModels() {
  const best = new MockLanguageModelV4({ provider: "bench", modelId: "executor", doStream: executorStream });
  const fast = new MockLanguageModelV4({ provider: "bench", modelId: "router", doGenerate: routerGenerate });
  return {
    best: { model: best, spec: spec("executor") },
    fast: { model: fast, spec: spec("router") },
    /** the mocks keep every call's options: forget them now and then */
    forget() {
      best.doStreamCalls.length = 0;
      fast.doGenerateCalls.length = 0;
    },
  };
}

// ---- scripted conversations: start a task, give details, revise, switch, end, chat ----
type Step = { text: string; intent: Intent };
function conversationScript(pickTask: (not?: TaskGen | null) => TaskGen) {
  const steps = ["start", "detail", "revise", "switch", "detail", "end", "chat"] as const;
  let i = 0;
  let current: TaskGen | null = null;
  return (): Step => {
    const step = steps[i++ % steps.length];
    let text: string;
    let intent: Intent;
    switch (step) {
      case "start":
      case "switch":
        current = pickTask(current);
        intent = { route: current.slug, deliverable: false };
        text = current.request();
        break;
      case "detail":
        intent = { route: "continue", deliverable: true };
        text = `${pick(people)} and ${pick(people)} were there, on ${pick(dates)}. We agreed to ${pick(decisions)}.`;
        break;
      case "revise":
        intent = { route: "continue", deliverable: true };
        text = current!.followUp();
        break;
      case "end":
        current = null;
        intent = { route: null, deliverable: false };
        text = pick(["Thanks, that's all", "Perfect, thank you, that's everything", "Great, we're done here"]);
        break;
      default:
        intent = { route: null, deliverable: false };
        text = gen.userRequest("none");
    }
    return { text: say(text, intent), intent };
  };
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const totalStarted = performance.now();
  const loadBefore = loadavg();
  await countStatements();
  const bench = await openBenchDatabase(kind);
  const prisma = bench.database.prisma;
  log(`${bench.label}: migrated and seeded in ${bench.preparedMs.toFixed(0)} ms`);
  const result: ChildResult = {
    kind,
    label: bench.label,
    preparedMs: bench.preparedMs,
    cells: [],
    profiles: [],
    ttft: [],
    throughput: [],
    notes: [],
    loadBefore,
    loadAfter: [],
    totalMs: 0,
  };

  try {
    // lib modules that use the process-wide db(): only now that it is in place
    const { runTurn } = await import("../lib/chat/web");
    const steps = await import("../lib/chat/turn");
    const { createConversation } = await import("../lib/chat/queries");
    const { createUser } = await import("../lib/auth/users");
    const { upsertTasks, enabledTasks } = await import("../lib/tasks");
    const { forgetWordFrequencies, relevantLearnings } = await import("../lib/learnings/retrieve");
    const router = await import("../lib/router");
    const executor = await import("../lib/executor");
    const { db } = await import("../lib/db");
    if (db() !== prisma) throw new Error("lib/db's db() is not the database this benchmark opened");

    const user: PublicUser = await createUser({ email: "bench@example.com", password: "benchmark-password", name: "Bench" });
    // the registries: eval/registries/extended.json's tasks, then scripts/make-large-registry.ts's generated ones
    const extended = (JSON.parse(readFileSync(path.join(REGISTRY_DIR, "extended.json"), "utf8")) as { tasks: unknown[] }).tasks.map((t) =>
      taskInputSchema.parse(t),
    );
    const fullRegistry = makeLargeRegistry(extended, Math.max(...REGISTRIES));
    if (
      fullRegistry
        .slice(0, 3)
        .map((t) => t.slug)
        .join() !== seedTaskRefs.map((t) => t.slug).join()
    )
      throw new Error("the registry does not start with the seed tasks");
    const learningConversations = Array.from({ length: 2_000 }, gen.cuidish);

    // ---- one turn through runTurn, read to the end ----
    type TurnOutcome = { ms: number; error: string | null; action: string | null };
    const readTurn = async (models: ReturnType<typeof makeModels>, request: ChatRequest): Promise<TurnOutcome> => {
      const started = performance.now();
      let body: string;
      try {
        const response = await runTurn(user, request, { signal: new AbortController().signal, locale: ENGLISH, models });
        body = await response.text();
      } catch (error) {
        return { ms: performance.now() - started, error: `runTurn threw: ${(error as Error).message.slice(0, 160)}`, action: null };
      }
      const ms = performance.now() - started;
      let error: string | null = null;
      let action: string | null = null;
      for (const line of body.split("\n")) {
        // the text itself is not looked at: parsing every delta would be the client's time, not the platform's
        if (!line.startsWith("data: {") || line.startsWith('data: {"type":"text-')) continue;
        const chunk = JSON.parse(line.slice(6)) as { type: string; errorText?: string; data?: { action?: string }; messageMetadata?: { status?: string } };
        if (chunk.type === "data-routing") action = chunk.data?.action ?? null;
        else if (chunk.type === "error") error = `stream error: ${chunk.errorText}`;
        else if (chunk.type === "finish" && chunk.messageMetadata?.status !== "complete") error ??= `answer ${chunk.messageMetadata?.status}`;
      }
      return { ms, error, action };
    };

    let registry: Awaited<ReturnType<typeof enabledTasks>> = [];
    let pool: (TaskGen & { id: string })[] = [];
    const seedPool = () => pool.slice(0, 3);
    /** half the requests are for the seed tasks, half for the others */
    const pickTask = (not?: TaskGen | null): TaskGen => {
      for (;;) {
        const task = random() < 0.5 || pool.length <= 3 ? pick(seedPool()) : pick(pool.slice(3));
        if (task.slug !== not?.slug) return task;
      }
    };
    /** learnings: 30% on the seed tasks, the rest on the others with a long tail */
    const pickLearningTask = () => (random() < 0.3 || pool.length <= 3 ? pick(seedPool()) : pool[3 + Math.floor((pool.length - 3) * random() ** 2)]);

    const newConversations = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await createConversation(user.id)).id);
      return ids;
    };

    // ---- section 1 (and 2): one cell ----
    const runCell = async (tasks: number, learnings: number): Promise<CellResult> => {
      const models = makeModels();
      const conversations = await newConversations(CONVERSATIONS);
      const scripts = conversations.map(() => conversationScript(pickTask));
      let next = 0;
      const turn = () => {
        const c = next++ % conversations.length;
        return readTurn(models, { conversationId: conversations[c], messageId: randomUUID(), text: scripts[c]().text });
      };
      for (let i = 0; i < WARMUP; i++) await turn();
      probe.router.length = 0;
      probe.executor.length = 0;
      models.forget();
      const times: number[] = [];
      const errorSamples: string[] = [];
      const actions: Record<string, number> = {};
      let errors = 0;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const statements = sql.statements;
      for (let i = 0; i < TURNS; i++) {
        const outcome = await turn();
        times.push(outcome.ms);
        if (outcome.error) {
          errors++;
          if (errorSamples.length < 3) errorSamples.push(outcome.error);
        }
        if (outcome.action) actions[outcome.action] = (actions[outcome.action] ?? 0) + 1;
      }
      const wallMs = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpu);
      const statementsPerTurn = sql.counted ? (sql.statements - statements) / TURNS : null;
      const noTask = probe.executor.filter((e) => e.noTask).map((e) => e.tokens);
      return {
        tasks,
        learnings,
        turn: dist(times),
        errors,
        errorSamples,
        actions,
        routerCalls: probe.router.length,
        shortlistMisses: probe.router.filter((r) => r.miss).length,
        routerTokens: dist(probe.router.map((r) => r.tokens)),
        routerParts: {
          system: dist(probe.router.map((r) => r.parts.system)).mean,
          examples: dist(probe.router.map((r) => r.parts.examples)).mean,
          conversation: dist(probe.router.map((r) => r.parts.conversation)).mean,
          systemMax: dist(probe.router.map((r) => r.parts.system)).max,
        },
        routerTasksOffered: probe.router.reduce((s, r) => s + r.offered, 0) / Math.max(1, probe.router.length),
        routerExamples: probe.router.reduce((s, r) => s + r.examples, 0) / Math.max(1, probe.router.length),
        executorTokens: dist(probe.executor.map((e) => e.tokens)),
        executorTokensNoTask: noTask.length ? dist(noTask) : null,
        wallMs,
        cpuMsPerTurn: (cpuUsed.user + cpuUsed.system) / 1000 / TURNS,
        statementsPerTurn,
      };
    };

    // ---- the stage profile: the named steps of a turn (lib/chat/turn), each timed on its own ----
    // (the budgets from the settings, as the steps read them)
    const { ROUTER_LEARNINGS_TOKENS, EXECUTOR_LEARNINGS_TOKENS, ROUTER_SHORTLIST_SIZE, ROUTER_SHORTLIST_THRESHOLD } = settings();
    const runProfile = async (tasks: number, learnings: number): Promise<ProfileResult> => {
      const models = makeModels();
      const conversations = await newConversations(CONVERSATIONS);
      const scripts = conversations.map(() => conversationScript(pickTask));
      const whole = await newConversations(CONVERSATIONS);
      const wholeScripts = whole.map(() => conversationScript(pickTask));
      const wholeTimes: number[] = [];
      let wholeCpu = 0;
      const samples = new Map<string, number[]>();
      const perTurn = new Map<string, number>();
      const statementsByStage = new Map<string, number>();
      const cpuByStage = new Map<string, number>();
      const extraStages = new Set<string>();
      const timed = async <T>(stage: string, fn: () => Promise<T> | T, extra = false): Promise<T> => {
        const t0 = performance.now();
        const before = sql.statements;
        const cpu0 = process.cpuUsage();
        const value = await fn();
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        cpuByStage.set(stage, (cpuByStage.get(stage) ?? 0) + (cpu.user + cpu.system) / 1000);
        statementsByStage.set(stage, (statementsByStage.get(stage) ?? 0) + sql.statements - before);
        if (!samples.has(stage)) samples.set(stage, []);
        samples.get(stage)!.push(ms);
        if (extra) extraStages.add(stage);
        else perTurn.set(stage, (perTurn.get(stage) ?? 0) + ms);
        return value;
      };
      const signal = new AbortController().signal;
      /** the steps in the order a turn runs them (it runs the speculative answer alongside the router; here one after the other) */
      const profiledTurn = async (conversationId: string, text: string) => {
        const request: ChatRequest = { conversationId, messageId: randomUUID(), text };
        const turn = await timed("load: loadTurn", () => steps.loadTurn(user.id, request));
        await timed("load: the words to search learnings with", () => turn.learningQuery);
        let execution = await timed("execute: startAnswer (current task)", () => steps.startAnswer(turn, turn.previous, models.best.model, signal));
        const choice = await timed("choose: routeChoice", () => steps.routeChoice(turn, models.fast, signal));
        const decision = steps.recordDecision(turn, choice);
        if (execution.taskSlug !== (choice.task?.slug ?? null)) {
          execution.abort();
          execution = await timed("execute: startAnswer (after a switch)", () => steps.startAnswer(turn, choice.task, models.best.model, signal));
        }
        const outcome = await timed("execute: the answer's stream (SDK, model 0 ms)", () => execution.pipe(() => {}));
        await timed("persist: recordDecision (alongside the stream in a turn)", () => decision.saved);
        await timed("persist: saveTurnAnswer", () => steps.saveTurnAnswer(turn, { id: randomUUID(), task: choice.task, outcome }));

        // the pieces of the choose and execute steps, each again on its own (not in the sum)
        const query = Promise.resolve(await turn.learningQuery);
        const examples = await timed(
          "  choose: relevantLearnings(router)",
          () => relevantLearnings({ scope: "router", text, query, budgetTokens: ROUTER_LEARNINGS_TOKENS, excludeConversationId: conversationId }),
          true,
        );
        const routable = await timed(
          "  choose: shortlistTasks",
          () =>
            turn.tasks.length > ROUTER_SHORTLIST_THRESHOLD
              ? router.shortlistTasks({ tasks: turn.tasks, currentTask: turn.previous?.slug ?? null, text: turn.recentUserText, size: ROUTER_SHORTLIST_SIZE })
              : turn.tasks,
          true,
        );
        await timed(
          "  choose: routeTurn (SDK, model 0 ms)",
          () =>
            router.routeTurn({
              model: models.fast.model,
              tasks: routable,
              currentTask: turn.previous?.slug ?? null,
              messages: turn.history,
              examples,
              timeoutMs: 5_000,
            }),
          true,
        );
        if (choice.task) {
          const taskId = choice.task.id;
          await timed("  execute: latestVersion", () => executor.latestVersion(conversationId, taskId), true);
          await timed(
            "  execute: relevantLearnings(task)",
            () => relevantLearnings({ scope: "task", taskId, text, query, budgetTokens: EXECUTOR_LEARNINGS_TOKENS, excludeConversationId: conversationId }),
            true,
          );
        } else {
          await timed(
            "  execute: shortlistTasks (tasks to suggest)",
            () => router.shortlistTasks({ tasks: turn.tasks, currentTask: null, text: turn.recentUserText, size: ROUTER_SHORTLIST_SIZE }),
            true,
          );
        }
      };
      let next = 0;
      const turn = async () => {
        const c = next++ % conversations.length;
        await profiledTurn(conversations[c], scripts[c]().text);
        const cpu0 = process.cpuUsage();
        const outcome = await readTurn(models, { conversationId: whole[c], messageId: randomUUID(), text: wholeScripts[c]().text });
        const cpu = process.cpuUsage(cpu0);
        wholeTimes.push(outcome.ms);
        wholeCpu += (cpu.user + cpu.system) / 1000;
      };
      for (let i = 0; i < WARMUP; i++) await turn();
      samples.clear();
      perTurn.clear();
      statementsByStage.clear();
      cpuByStage.clear();
      wholeTimes.length = 0;
      wholeCpu = 0;
      for (let i = 0; i < PROFILE_TURNS; i++) await turn();
      const row = (stage: string): StageRow => {
        const values = samples.get(stage)!;
        const d = dist(values);
        return {
          stage,
          calls: values.length,
          p50: d.p50,
          p95: d.p95,
          perTurn: (extraStages.has(stage) ? values.reduce((s, v) => s + v, 0) : perTurn.get(stage)!) / PROFILE_TURNS,
          statements: sql.counted ? statementsByStage.get(stage)! / PROFILE_TURNS : null,
          cpuPerTurn: cpuByStage.get(stage)! / PROFILE_TURNS,
        };
      };
      const stages = [...samples.keys()].filter((s) => !extraStages.has(s)).map(row);

      // single round trips, for scale
      const baseline: ProfileResult["baseline"] = [];
      const measure = async (name: string, fn: () => Promise<unknown>, n = 100) => {
        const times: number[] = [];
        for (let i = 0; i < n + 5; i++) {
          const t0 = performance.now();
          await fn();
          if (i >= 5) times.push(performance.now() - t0);
        }
        const d = dist(times);
        baseline.push({ name, p50: d.p50, p95: d.p95 });
      };
      await measure("Prisma $queryRaw SELECT 1", () => prisma.$queryRaw`SELECT 1`);
      await measure("Prisma findUnique (RegistryState by id)", () => prisma.registryState.findUnique({ where: { id: 1 } }));
      await measure("Prisma message.create (one autocommit insert)", () =>
        prisma.message.create({ data: { conversationId: conversations[0], role: "user", content: "baseline" } }),
      );
      await measure("Prisma $transaction([update, update]) (batch)", () =>
        prisma.$transaction([
          prisma.conversation.update({ where: { id: conversations[0] }, data: { updatedAt: new Date() } }),
          prisma.conversation.update({ where: { id: conversations[1] }, data: { updatedAt: new Date() } }),
        ]),
      );
      if (kind === "postgres") {
        const pg = (await import("pg")).default;
        const client = new pg.Client({ connectionString: bench.target.location });
        await client.connect();
        await measure("pg client SELECT 1 (no Prisma)", () => client.query("SELECT 1"));
        await client.end();
      }
      return {
        tasks,
        learnings,
        turns: PROFILE_TURNS,
        stages,
        sumPerTurn: stages.reduce((s, r) => s + r.perTurn, 0),
        extra: [...extraStages].map(row),
        baseline,
        runTurn: dist(wholeTimes),
        runTurnCpu: wholeCpu / PROFILE_TURNS,
      };
    };

    // ---- build up the registry and the learnings, cell by cell ----
    let inserted = 0;
    let warmed = PROCESS_WARMUP <= 0;
    for (const size of REGISTRIES) {
      let started = performance.now();
      const have = (await enabledTasks()).length;
      const wanted = fullRegistry.slice(have, size);
      // upsertTasks is one interactive transaction (5 s limit): a few hundred at a time
      for (let i = 0; i < wanted.length; i += 250) await upsertTasks(wanted.slice(i, i + 250));
      registry = await enabledTasks();
      if (registry.length !== size) throw new Error(`the registry has ${registry.length} tasks, not ${size}`);
      const bySlug = new Map(registry.map((t) => [t.slug, t.id]));
      pool = [...gen.seedTaskGens(), ...fullRegistry.slice(3, size).map((t) => gen.taskGenFor(t))].map((t) => ({ ...t, id: bySlug.get(t.slug)! }));
      await prisma.learning.deleteMany({});
      inserted = 0;
      log(`registry of ${size} tasks ready (${wanted.length} added with upsertTasks in ${(performance.now() - started).toFixed(0)} ms)`);
      if (!warmed) {
        const models = makeModels();
        const conversations = await newConversations(10);
        const scripts = conversations.map(() => conversationScript(pickTask));
        started = performance.now();
        for (let i = 0; i < PROCESS_WARMUP; i++)
          await readTurn(models, { conversationId: conversations[i % 10], messageId: randomUUID(), text: scripts[i % 10]().text });
        log(`process warm-up: ${PROCESS_WARMUP} turns in ${(performance.now() - started).toFixed(0)} ms (not timed)`);
        warmed = true;
      }
      for (const count of LEARNINGS) {
        started = performance.now();
        while (inserted < count) {
          const batch = Math.min(1_000, count - inserted);
          await prisma.learning.createMany({ data: Array.from({ length: batch }, () => gen.learningRow(pool, learningConversations, pickLearningTask)) });
          inserted += batch;
        }
        // a steady state, as autovacuum would leave it: not a database still digesting thousands of rows
        // inserted in a few seconds (on 2 cores, Postgres's background writing competes with the turns)
        await prisma.$executeRawUnsafe(`VACUUM ANALYZE "Learning"`);
        if (kind === "postgres") await prisma.$executeRawUnsafe(`CHECKPOINT`);
        forgetWordFrequencies();
        const insertMs = performance.now() - started;
        const cell = await runCell(size, count);
        result.cells.push(cell);
        log(
          `${String(size).padStart(5)} tasks × ${String(count).padStart(6)} learnings (inserted in ${insertMs.toFixed(0)} ms): ` +
            `turn p50 ${cell.turn.p50.toFixed(1)} ms, p95 ${cell.turn.p95.toFixed(1)} ms, errors ${cell.errors}; router prompt mean ${cell.routerTokens.mean.toFixed(0)} tokens`,
        );
        const profileHere = (size === REGISTRIES[0] && count === LEARNINGS[0]) || (size === Math.max(...REGISTRIES) && count === Math.max(...LEARNINGS));
        if (profileHere && PROFILE_TURNS > 0) {
          const profile = await runProfile(size, count);
          result.profiles.push(profile);
          log(`  stage profile (${PROFILE_TURNS} turns): sum of stages ${profile.sumPerTurn.toFixed(1)} ms a turn`);
        }
      }
    }
    const finalCell = `${registry.length} tasks × ${inserted} learnings`;

    // ---- section 3: time to first token, router confirms the current task ----
    if (TTFT_SAMPLES > 0) {
      const models = makeModels();
      const firstTextDelta = async (request: ChatRequest) => {
        const started = performance.now();
        const response = await runTurn(user, request, { signal: new AbortController().signal, locale: ENGLISH, models });
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let seen = "";
        let first: number | null = null;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += decoder.decode(value, { stream: true });
          if (first === null && seen.includes('"type":"text-delta"')) first = performance.now() - started;
        }
        const action = /"type":"data-routing".*?"action":"(\w+)"/.exec(seen)?.[1];
        if (action !== "continue") throw new Error(`the first-token turn was routed as ${action}, not continue`);
        return { first, started };
      };
      for (const { R, E } of TTFT_SCENARIOS) {
        const speculative: number[] = [];
        const sequential: number[] = [];
        const routerStarts: number[] = [];
        const executorStarts: number[] = [];
        for (let s = 0; s < TTFT_SAMPLES; s++) {
          // a conversation whose current task is set (the user picked it), then a message the router confirms
          const [conversationId] = await newConversations(1);
          const task = pickTask();
          latency.routerMs = 0;
          latency.executorFirstMs = 0;
          await readTurn(models, {
            conversationId,
            messageId: randomUUID(),
            text: say(task.request(), { route: task.slug, deliverable: false }),
            taskSlug: task.slug,
          });
          const detail = () =>
            say(`${pick(people)} and ${pick(people)} were there, on ${pick(dates)}. We agreed to ${pick(decisions)}.`, {
              route: "continue",
              deliverable: true,
            });

          // speculative: runTurn as the app runs it
          latency.routerMs = R;
          latency.executorFirstMs = E;
          probe.router.length = 0;
          probe.executor.length = 0;
          const { first, started } = await firstTextDelta({ conversationId, messageId: randomUUID(), text: detail() });
          if (first === null) throw new Error("no text-delta in the response");
          speculative.push(first);
          if (probe.router[0]) routerStarts.push(probe.router[0].at - started);
          if (probe.executor[0]) executorStarts.push(probe.executor[0].at - started);

          // sequential: the router, then the executor, with the same inputs prepared beforehand
          latency.routerMs = 0;
          latency.executorFirstMs = 0;
          const prepared = await steps.loadTurn(user.id, { conversationId, messageId: randomUUID(), text: detail() });
          const current = prepared.previous!;
          const history = prepared.history;
          const routable = router.shortlistTasks({
            tasks: prepared.tasks,
            currentTask: current.slug,
            text: prepared.recentUserText,
            size: ROUTER_SHORTLIST_SIZE,
          });
          const system = executor.buildExecutorSystemPrompt({
            task: { ...current, infoToCollect: current.infoToCollect as never },
            availableTasks: prepared.tasks,
          });
          latency.routerMs = R;
          latency.executorFirstMs = E;
          const t0 = performance.now();
          const routed = await router.routeTurn({ model: models.fast.model, tasks: routable, currentTask: current.slug, messages: history, timeoutMs: 5_000 });
          if (routed.slug !== current.slug) throw new Error(`the scripted router did not confirm ${current.slug} (${routed.rawOutput})`);
          const execution = executor.startExecution({
            model: models.best.model,
            taskSlug: current.slug,
            system,
            messages: history,
            signal: new AbortController().signal,
          });
          let firstAt = 0;
          const done = execution.pipe(() => {
            firstAt ||= performance.now();
          });
          await done;
          sequential.push(firstAt - t0);
          models.forget();
        }
        latency.routerMs = 0;
        latency.executorFirstMs = 0;
        result.ttft.push({ R, E, mode: "speculative", ttft: dist(speculative), routerStart: dist(routerStarts), executorStart: dist(executorStarts) });
        result.ttft.push({ R, E, mode: "sequential", ttft: dist(sequential), routerStart: null, executorStart: null });
        log(
          `first token R=${R} E=${E} (${finalCell}): speculative p50 ${dist(speculative).p50.toFixed(0)} ms, sequential p50 ${dist(sequential).p50.toFixed(0)} ms`,
        );
      }
    }

    // ---- section 4: throughput ----
    for (const concurrent of THROUGHPUT) {
      const models = makeModels();
      const conversations = await newConversations(concurrent);
      const scripts = conversations.map(() => conversationScript(pickTask));
      const times: number[] = [];
      const errorSamples: string[] = [];
      let errors = 0;
      const started = performance.now();
      const cpu = process.cpuUsage();
      await Promise.all(
        conversations.map(async (conversationId, c) => {
          for (let t = 0; t < THROUGHPUT_TURNS; t++) {
            const outcome = await readTurn(models, { conversationId, messageId: randomUUID(), text: scripts[c]().text });
            times.push(outcome.ms);
            if (outcome.error) {
              errors++;
              if (errorSamples.length < 3 && !errorSamples.includes(outcome.error)) errorSamples.push(outcome.error);
            }
          }
        }),
      );
      const wallMs = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpu);
      const turns = concurrent * THROUGHPUT_TURNS;
      result.throughput.push({
        conversations: concurrent,
        turnsEach: THROUGHPUT_TURNS,
        turns,
        wallMs,
        perSecond: turns / (wallMs / 1000),
        errors,
        errorSamples,
        turn: dist(times),
        cpuPercent: (100 * (cpuUsed.user + cpuUsed.system)) / 1000 / wallMs,
      });
      log(
        `throughput, ${concurrent} concurrent conversations × ${THROUGHPUT_TURNS} turns (${finalCell}): ${(turns / (wallMs / 1000)).toFixed(1)} turns/s, ${errors} errors`,
      );
    }
    result.notes.push(`sections 3 and 4 ran on the last state: ${finalCell}`);
  } finally {
    result.loadAfter = loadavg();
    result.totalMs = performance.now() - totalStarted;
    await bench.close();
    // the parent names the file its results go to
    if (process.argv[3]) writeFileSync(process.argv[3], JSON.stringify(result));
  }
  log(`done in ${(result.totalMs / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// The report (parent)
// ---------------------------------------------------------------------------------------------
function report(results: ChildResult[], totalMs: number) {
  const name = (k: Kind) => (k === "pglite" ? "PGlite" : "Postgres");
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const mark = (ok: boolean) => (ok ? "met" : "MISSED");
  const table = (header: string[], rows: (string | number)[][], align: ("l" | "r")[] = []) => {
    const cells = [header, ...rows.map((r) => r.map(String))];
    const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
    const line = (r: string[]) =>
      `  ${r.map((c, i) => ((align[i] ?? (i === 0 ? "l" : "r")) === "l" ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}`;
    console.log(line(cells[0]));
    console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
    for (const r of cells.slice(1)) console.log(line(r));
  };
  const verdicts: string[] = [];

  console.log("\n=== 1. Platform time per turn (runTurn + reading the whole response; models answer in 0 ms) ===");
  console.log(
    `  target at ${TARGET_CELL.tasks.toLocaleString("en")} tasks × ${TARGET_CELL.learnings.toLocaleString("en")} learnings: ` +
      `${kinds.map((k) => `${name(k)} p50 ≤ ${PLATFORM_TARGET[k].p50} ms${PLATFORM_TARGET[k].p95 ? `, p95 ≤ ${PLATFORM_TARGET[k].p95} ms` : ""}`).join("; ")} (✓/✗ shown for every cell)`,
  );
  const keys = results[0].cells.map((c) => `${c.tasks}|${c.learnings}`);
  table(
    ["tasks", "learnings", ...results.flatMap((r) => [`${name(r.kind)} p50`, "p95", "max", "err", ""])],
    keys.map((key) => {
      const [tasks, learnings] = key.split("|").map(Number);
      return [
        tasks.toLocaleString("en"),
        learnings.toLocaleString("en"),
        ...results.flatMap((r) => {
          const c = r.cells.find((x) => x.tasks === tasks && x.learnings === learnings);
          if (!c) return ["–", "–", "–", "–", ""];
          return [ms(c.turn.p50), ms(c.turn.p95), ms(c.turn.max), c.errors, meetsPlatform(r.kind, c.turn) ? "✓" : "✗"];
        }),
      ];
    }),
  );
  console.log(
    "  CPU ms/turn (this process, all threads: Node, Prisma, the AI SDK, GC — and the database itself on PGlite) and SQL statements/turn (counted on Postgres):",
  );
  table(
    ["tasks", "learnings", ...results.flatMap((r) => [`${name(r.kind)} CPU ms/turn`, "statements/turn"])],
    keys.map((key) => {
      const [tasks, learnings] = key.split("|").map(Number);
      return [
        tasks.toLocaleString("en"),
        learnings.toLocaleString("en"),
        ...results.flatMap((r) => {
          const c = r.cells.find((x) => x.tasks === tasks && x.learnings === learnings);
          return c ? [ms(c.cpuMsPerTurn), c.statementsPerTurn === null ? "–" : c.statementsPerTurn.toFixed(1)] : ["–", "–"];
        }),
      ];
    }),
  );
  for (const r of results) {
    const c = r.cells.find((x) => x.tasks === TARGET_CELL.tasks && x.learnings === TARGET_CELL.learnings);
    const target = PLATFORM_TARGET[r.kind];
    if (c) {
      verdicts.push(
        `platform time, ${name(r.kind)}: p50 ${ms(c.turn.p50)} ms (≤ ${target.p50}: ${mark(c.turn.p50 <= target.p50)}), ` +
          `p95 ${ms(c.turn.p95)} ms (${target.p95 ? `≤ ${target.p95}: ${mark(c.turn.p95 <= target.p95)}` : "no target"})`,
      );
    }
    const actions: Record<string, number> = {};
    let misses = 0;
    let calls = 0;
    for (const cell of r.cells) {
      for (const [a, n] of Object.entries(cell.actions)) actions[a] = (actions[a] ?? 0) + n;
      misses += cell.shortlistMisses;
      calls += cell.routerCalls;
      for (const e of cell.errorSamples) console.log(`  ${name(r.kind)} ${cell.tasks}×${cell.learnings} error: ${e}`);
    }
    console.log(
      `  ${name(r.kind)}: routing over the timed turns — ${Object.entries(actions)
        .map(([a, n]) => `${a} ${n}`)
        .join(", ")}; ` + `the wanted task missing from the router's shortlist in ${misses} of ${calls} router calls`,
    );
  }

  console.log("\n=== 2. Router prompt (system + prompt, 4 characters a token as buildRouterPrompt estimates) ===");
  console.log(
    `  target: ≤ ${TARGET.routerTokens.toLocaleString("en")} tokens at ${TARGET_CELL.tasks.toLocaleString("en")} tasks. Registries over 30 tasks are shortlisted to 12 (+ current + corrections' tasks).`,
  );
  const r0 = results[0];
  table(
    [
      "tasks",
      "learnings",
      "tasks offered",
      "wanted not offered",
      "examples",
      "tokens mean",
      "max",
      "= system",
      "+ examples",
      "+ conversation",
      "executor prompt mean",
      "max",
      "no-task executor max",
    ],
    r0.cells.map((c) => [
      c.tasks.toLocaleString("en"),
      c.learnings.toLocaleString("en"),
      c.routerTasksOffered.toFixed(1),
      `${c.shortlistMisses}/${c.routerCalls}`,
      c.routerExamples.toFixed(1),
      c.routerTokens.mean.toFixed(0),
      c.routerTokens.max.toFixed(0),
      c.routerParts.system.toFixed(0),
      c.routerParts.examples.toFixed(0),
      c.routerParts.conversation.toFixed(0),
      c.executorTokens.mean.toFixed(0),
      c.executorTokens.max.toFixed(0),
      c.executorTokensNoTask ? c.executorTokensNoTask.max.toFixed(0) : "–",
    ]),
  );
  console.log(`  (${name(r0.kind)}'s run; prompts are the same on every database up to ids; "system", "examples", "conversation" are means)`);
  {
    // what lib/router's budgets allow: the largest system prompt seen + 300 tokens of examples (ROUTER_LEARNINGS_TOKENS, plus
    // about 15 tokens of wrapping each) + 800 tokens of conversation (DEFAULT_ROUTER_HISTORY_TOKENS, plus "User: " prefixes)
    const big = r0.cells.filter((c) => c.tasks === TARGET_CELL.tasks);
    if (big.length) {
      const system = Math.max(...big.map((c) => c.routerParts.systemMax));
      console.log(
        `  at ${TARGET_CELL.tasks.toLocaleString("en")} tasks the budgets allow about ${(system + 300 + 5 * 15 + 800 + 40).toLocaleString("en")} tokens: ` +
          `system up to ${system} (12+ shortlisted task lines, rules) + examples 300 (+ wrapping) + conversation 800 (+ headers); the scripted conversations are short, real ones fill the 800`,
      );
    }
  }
  {
    const big = r0.cells.filter((c) => c.tasks === TARGET_CELL.tasks);
    if (big.length) {
      const max = Math.max(...big.map((c) => c.routerTokens.max));
      const mean = big.reduce((s, c) => s + c.routerTokens.mean, 0) / big.length;
      verdicts.push(
        `router prompt at ${TARGET_CELL.tasks.toLocaleString("en")} tasks: mean ${mean.toFixed(0)}, max ${max.toFixed(0)} tokens (≤ ${TARGET.routerTokens}: ${mark(max <= TARGET.routerTokens)})`,
      );
    }
  }

  console.log("\n=== 3. Time to first token, router confirms the current task (from calling runTurn to the first text-delta) ===");
  console.log(
    `  target: speculative ≤ ${TARGET.ttftRatio} × max(R, E). Sequential = routeTurn, then startExecution, inputs prepared beforehand (no database work: a lower bound).`,
  );
  console.log(
    `  ${results[0].notes.join("; ")}; ${TTFT_SAMPLES} samples each; "router/executor called at" = when runTurn reached the model (p50, ms after the call)`,
  );
  table(
    ["R ms", "E ms", "mode", ...results.flatMap((r) => [`${name(r.kind)} p50 ms`, "max", "× max(R,E)", "router at", "executor at", ""])],
    TTFT_SCENARIOS.flatMap(({ R, E }) =>
      (["speculative", "sequential"] as const).map((mode) => [
        R,
        E,
        mode,
        ...results.flatMap((r) => {
          const t = r.ttft.find((x) => x.R === R && x.E === E && x.mode === mode);
          if (!t) return ["–", "–", "–", "–", "–", ""];
          const ratio = t.ttft.p50 / Math.max(R, E);
          return [
            ms(t.ttft.p50),
            ms(t.ttft.max),
            ratio.toFixed(2),
            t.routerStart ? ms(t.routerStart.p50) : "",
            t.executorStart ? ms(t.executorStart.p50) : "",
            mode === "speculative" ? (ratio <= TARGET.ttftRatio ? "✓" : "✗") : "",
          ];
        }),
      ]),
    ),
    ["r", "r", "l"],
  );
  for (const r of results) {
    for (const t of r.ttft.filter((x) => x.mode === "speculative")) {
      const ratio = t.ttft.p50 / Math.max(t.R, t.E);
      verdicts.push(
        `first token, ${name(r.kind)}, R=${t.R} E=${t.E}: ${ratio.toFixed(2)} × max(R,E) at p50, ${(t.ttft.max / Math.max(t.R, t.E)).toFixed(2)} at worst (≤ ${TARGET.ttftRatio}: ${mark(ratio <= TARGET.ttftRatio)})`,
      );
    }
  }

  console.log("\n=== 4. Throughput (concurrent conversations, each sending its turns one after another; models answer in 0 ms) ===");
  table(
    ["conversations", "turns", ...results.flatMap((r) => [`${name(r.kind)} turns/s`, "errors", "turn p50 ms", "p95", "CPU"])],
    THROUGHPUT.map((n) => [
      n,
      results[0].throughput.find((t) => t.conversations === n)?.turns ?? "–",
      ...results.flatMap((r) => {
        const t = r.throughput.find((x) => x.conversations === n);
        return t ? [t.perSecond.toFixed(1), t.errors, ms(t.turn.p50), ms(t.turn.p95), `${t.cpuPercent.toFixed(0)}%`] : ["–", "–", "–", "–", "–"];
      }),
    ]),
  );
  console.log(
    "  CPU = this process's CPU time (all its threads: JavaScript, GC, JIT; PGlite runs inside it, a Postgres server does not) over wall time; JavaScript itself runs on one core",
  );
  for (const r of results)
    for (const t of r.throughput) for (const e of t.errorSamples) console.log(`  ${name(r.kind)} ${t.conversations} conversations error: ${e}`);
  for (const r of results)
    for (const t of r.throughput)
      if (t.errors) verdicts.push(`throughput, ${name(r.kind)}, ${t.conversations} conversations: ${t.errors} errors of ${t.turns} turns`);

  console.log(
    "\n=== Stage profile (each named step of a turn, lib/chat/turn, called on its own in turn order; indented: the pieces of a step, timed again apart and not in the sum; ms) ===",
  );
  console.log(
    "  in a turn, startAnswer for the current task runs alongside routeChoice, and the decision is saved alongside the answer's stream; on PGlite one connection serialises them anyway",
  );
  for (const r of results) {
    for (const p of r.profiles) {
      const cpuSum = p.stages.reduce((sum, st) => sum + st.cpuPerTurn, 0);
      console.log(
        `\n  ${name(r.kind)}, ${p.tasks.toLocaleString("en")} tasks × ${p.learnings.toLocaleString("en")} learnings, ${p.turns} turns: stages sum to ${ms(p.sumPerTurn)} ms a turn, ` +
          `${ms(cpuSum)} ms of it CPU in this process; runTurn, one turn after each profiled one: mean ${ms(p.runTurn.mean)} ms (p50 ${ms(p.runTurn.p50)}), CPU ${ms(p.runTurnCpu)} ms a turn`,
      );
      table(
        ["stage", "calls", "p50", "p95", "ms/turn", "share", "CPU ms/turn", "statements/turn"],
        [...p.stages, ...p.extra].map((s) => [
          s.stage,
          s.calls,
          ms(s.p50),
          ms(s.p95),
          ms(s.perTurn),
          p.stages.includes(s) ? `${((100 * s.perTurn) / p.sumPerTurn).toFixed(0)}%` : "",
          ms(s.cpuPerTurn),
          s.statements === null ? "–" : s.statements.toFixed(1),
        ]),
      );
      console.log(`  single round trips for scale: ${p.baseline.map((b) => `${b.name} p50 ${b.p50.toFixed(2)} ms`).join("; ")}`);
      const groups: [string, (stage: string) => boolean][] = [
        ["load (the message stored; conversation, history, registry version, words in one statement)", (st) => st.startsWith("load:")],
        ["choose (router learnings, shortlist, the AI SDK around the 0 ms router)", (st) => st.startsWith("choose:")],
        ["execute (task context reads, prompt, the AI SDK around the 0 ms executor)", (st) => st.startsWith("execute:")],
        ["persist (decision, answer + deliverable version)", (st) => st.startsWith("persist:")],
      ];
      const grouped = groups.map(([label, match]) => {
        const rows = p.stages.filter((st) => match(st.stage));
        const sum = (f: (st: StageRow) => number | null) => rows.reduce((acc, st) => acc + (f(st) ?? 0), 0);
        return [
          label,
          ms(sum((st) => st.perTurn)),
          `${((100 * sum((st) => st.perTurn)) / p.sumPerTurn).toFixed(0)}%`,
          ms(sum((st) => st.cpuPerTurn)),
          rows.some((st) => st.statements !== null) ? sum((st) => st.statements).toFixed(1) : "–",
        ];
      });
      grouped.push([
        "runTurn minus the steps (UI message stream; < 0: steps overlapping)",
        ms(p.runTurn.mean - p.sumPerTurn),
        "",
        ms(p.runTurnCpu - p.stages.reduce((acc, st) => acc + st.cpuPerTurn, 0)),
        "",
      ]);
      console.log("  by kind of work:");
      table(["work", "ms/turn", "share", "CPU ms/turn", "statements/turn"], grouped);
    }
  }

  console.log("\n=== Targets ===");
  for (const v of verdicts) console.log(`  ${v}`);
  const load = Math.max(...results.map((r) => Math.max(r.loadBefore[0], r.loadAfter[0])));
  if (load > cpus().length)
    console.log(
      `\n  NOTE: the machine was busy (1-minute load average up to ${load.toFixed(1)} on ${cpus().length} CPUs): other processes competed for the CPU, so times are inflated and noisy.`,
    );
  console.log(
    `\n  ran in ${(totalMs / 1000).toFixed(0)} s (${results.map((r) => `${name(r.kind)} ${(r.totalMs / 1000).toFixed(0)} s, prepared in ${(r.preparedMs / 1000).toFixed(1)} s, load ${r.loadBefore[0].toFixed(1)}→${r.loadAfter[0].toFixed(1)}`).join("; ")}). ` +
      `Repetitions: ${TURNS} turns a cell, ${PROFILE_TURNS} profiled turns, ${TTFT_SAMPLES} first-token samples, ${THROUGHPUT_TURNS} turns a conversation in section 4.`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`[${kind}] benchmark failed:`, error);
    process.exit(1);
  });
