// Measures the router on a dataset of conversations (eval/README.md describes the format).
//
//   npm run eval:router -- --model <provider:model> [--dataset eval/router-dataset.jsonl] [--out eval/report.md]
//                          [--registry <name|file.json>] [--shortlist-size N] [--timeout-ms N] [--limit N]
//                          [--only-registry <name>]
//     Replays every conversation turn by turn through the real routeTurn (lib/router) with the model
//     built from lib/ai (provider settings from the environment: OPENAI_API_KEY, OLLAMA_BASE_URL,
//     COMPATIBLE_BASE_URL, …). Teacher forcing: the router's current task is the previous turn's
//     EXPECTED task. Prints the Markdown report on stdout (progress on stderr) and writes it to --out.
//
//   npm run eval:router -- --shortlist-only --registry <name|file.json> [--dataset …] [--shortlist-size N] [--out file]
//                          [--embed <provider:model>]
//     No model: for every turn, shortlists the registry (merged with the conversation's own registry
//     so the expected task exists) and reports the shortlist's recall, its size and the router prompt
//     tokens with and without it. With --embed, an embedding model (as MODEL_EMBED) embeds every task
//     and every user message first, and the shortlist fuses that ranking with the lexical one, as the app does.
//
// A registry is a name (eval/registries/<name>.json; "large-1000" is generated when the file is
// missing) or a path to a registry export (switchboard.tasks/v1, Admin → Tasks → Export). A dataset's
// conversation that names no registry is routed over --registry alone. Formats: eval/README.md.
// All the arithmetic is in eval/evaluation.ts.
import "./settings";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { embedMany } from "ai";
import {
  datasetStats,
  type EvalConversation,
  parseDataset,
  renderReport,
  renderShortlistReport,
  type ShortlistOutcome,
  summarize,
  summarizeShortlist,
  type TurnOutcome,
  taskOrNull,
  unknownSlugs,
} from "../eval/evaluation";
import { missingSetting, parseModelSpec, providerSettings } from "../lib/ai/config";
import { checkReachable, embeddingModel, languageModel } from "../lib/ai/providers";
import type { HistoryMessage } from "../lib/ai/tokens";
import { FUSION_DEPTH, nearest, queryEmbeddingText, taskEmbeddingText, unitVector } from "../lib/embeddings";
import { errorText } from "../lib/i18n";
import { buildRouterPrompt } from "../lib/router/prompt";
import { routeTurn } from "../lib/router/route";
import { shortlistTasks } from "../lib/router/shortlist";
import { settings } from "../lib/settings";
import type { TaskInput } from "../lib/tasks/schema";
import { registryFileSchema } from "../lib/tasks/transfer";
import { LARGE_REGISTRY_NAME, makeLargeRegistry, REGISTRY_DIR } from "./make-large-registry";

const USAGE = `usage:
  npm run eval:router -- --model <provider:model> [--dataset eval/router-dataset.jsonl] [--out eval/report.md]
                         [--registry <name|file.json>] [--shortlist-size N] [--timeout-ms N] [--limit N]
                         [--only-registry <name>]
  npm run eval:router -- --shortlist-only --registry <name|file.json> [--dataset eval/router-dataset.jsonl]
                         [--shortlist-size N] [--out file.md] [--embed <provider:model>]`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const { values: args } = (() => {
  try {
    return parseArgs({
      options: {
        model: { type: "string" },
        dataset: { type: "string", default: "eval/router-dataset.jsonl" },
        out: { type: "string" },
        registry: { type: "string" },
        "shortlist-size": { type: "string" },
        "shortlist-only": { type: "boolean", default: false },
        embed: { type: "string" },
        "timeout-ms": { type: "string" },
        limit: { type: "string" },
        "only-registry": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (args.help) fail(USAGE, 0);

const positiveInt = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number, not "${value}".`);
  return n;
};
const shortlistSize = positiveInt("shortlist-size", args["shortlist-size"]);
const timeoutMs = positiveInt("timeout-ms", args["timeout-ms"]) ?? settings().ROUTER_TIMEOUT_MS;
const limit = positiveInt("limit", args.limit);

// ---------------------------------------------------------------------------------------------
// Registries and dataset
// ---------------------------------------------------------------------------------------------

const registries = new Map<string, TaskInput[]>();

/** A registry by name (eval/registries/<name>.json) or path; the enabled tasks. */
function loadRegistry(ref: string): TaskInput[] {
  const cached = registries.get(ref);
  if (cached) return cached;
  const isPath = ref.endsWith(".json") || ref.includes("/");
  const file = isPath ? path.resolve(ref) : path.join(REGISTRY_DIR, `${ref}.json`);
  let tasks: TaskInput[];
  if (!existsSync(file) && ref === LARGE_REGISTRY_NAME) {
    tasks = makeLargeRegistry(loadRegistry("extended"));
  } else {
    if (!existsSync(file)) fail(`Registry "${ref}" not found (${path.relative(process.cwd(), file)}).`, 1);
    const parsed = registryFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`Registry ${file} is not valid: ${issue.path.join(".")}: ${issue.message}`, 1);
    }
    tasks = parsed.data.tasks.filter((t) => t.enabled !== false);
  }
  registries.set(ref, tasks);
  return tasks;
}

const merged = new Map<string, TaskInput[]>();
/**
 * The tasks the router sees for a conversation: its own registry, or --registry with the
 * conversation's tasks added. One array per registry, so the shortlist's index is built once.
 */
function tasksFor(conversation: EvalConversation): TaskInput[] {
  if (!conversation.registry) return loadRegistry(args.registry!);
  const own = loadRegistry(conversation.registry);
  if (!args.registry) return own;
  let tasks = merged.get(conversation.registry);
  if (!tasks) {
    const extra = loadRegistry(args.registry);
    const slugs = new Set(extra.map((t) => t.slug));
    tasks = [...extra, ...own.filter((t) => !slugs.has(t.slug))];
    merged.set(conversation.registry, tasks);
  }
  return tasks;
}

const datasetPath = args.dataset!;
if (!existsSync(datasetPath)) fail(`Dataset ${datasetPath} not found.`, 1);
const { conversations: all, problems } = parseDataset(readFileSync(datasetPath, "utf8"));
for (const conversation of all) {
  if (!conversation.registry && !args.registry) {
    problems.push(`${conversation.id}: names no registry, so --registry <file.json> is needed`);
    continue;
  }
  const unknown = unknownSlugs(conversation, new Set(tasksFor(conversation).map((t) => t.slug)));
  if (unknown.length) problems.push(`${conversation.id}: ${unknown.join(", ")} not in registry "${conversation.registry ?? args.registry}"`);
}
if (problems.length) fail(`The dataset has problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`, 1);
if (!all.length) fail(`The dataset ${datasetPath} has no conversations.`, 1);
const selected = args["only-registry"] ? all.filter((c) => c.registry === args["only-registry"]) : all;
if (!selected.length) fail(`No conversation of ${datasetPath} is over the registry "${args["only-registry"]}".`, 1);
const conversations = limit ? selected.slice(0, limit) : selected;
const stats = datasetStats(conversations);

/** The conversation up to and including turn `index`'s user message. */
function historyAt(conversation: EvalConversation, index: number): HistoryMessage[] {
  const messages: HistoryMessage[] = [];
  conversation.turns.slice(0, index).forEach((turn) => {
    messages.push({ role: "user", content: turn.user });
    if (turn.assistant?.trim()) messages.push({ role: "assistant", content: turn.assistant });
  });
  messages.push({ role: "user", content: conversation.turns[index].user });
  return messages;
}

/** The shortlist's query, as the app builds it (lib/chat/turn.ts): the last two user messages. */
function shortlistQuery(conversation: EvalConversation, index: number): string {
  return conversation.turns
    .slice(Math.max(0, index - 1), index + 1)
    .map((t) => t.user)
    .join(" ");
}

function registryLabel(): string {
  const names = [...new Set(conversations.map((c) => c.registry).filter((n): n is string => !!n))];
  if (!args.registry) return `each conversation's own (${names.map((n) => `${n}: ${loadRegistry(n).length} tasks`).join(", ")})`;
  return `\`${args.registry}\` (${loadRegistry(args.registry).length} tasks) merged with each conversation's own (${names.join(", ")})`;
}

function output(report: string, out: string | undefined) {
  process.stdout.write(report);
  if (out) {
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, report);
    console.error(`\nReport written to ${out}`);
  }
}

// ---------------------------------------------------------------------------------------------
// --shortlist-only
// ---------------------------------------------------------------------------------------------

if (args["shortlist-only"]) {
  if (!args.registry) fail(`--shortlist-only needs --registry.\n${USAGE}`);
  const size = shortlistSize ?? settings().ROUTER_SHORTLIST_SIZE;
  const byMeaning = args.embed ? await semanticRankings(args.embed) : null;
  const outcomes: ShortlistOutcome[] = [];
  for (const conversation of conversations) {
    const tasks = tasksFor(conversation);
    // the app builds the index once per registry version, not per turn: build it before timing
    shortlistTasks({ tasks, currentTask: null, text: "index", size });
    let previous: string | null = null;
    conversation.turns.forEach((turn, index) => {
      const expected = taskOrNull(turn.expected);
      const messages = historyAt(conversation, index);
      const started = performance.now();
      const semantic = byMeaning?.(tasks, turn.user);
      const shortlist = shortlistTasks({ tasks, currentTask: previous, text: shortlistQuery(conversation, index), size, semantic });
      const ms = performance.now() - started;
      outcomes.push({
        conversationId: conversation.id,
        language: conversation.language,
        turn: index + 1,
        user: turn.user,
        previous,
        expected,
        shortlist: shortlist.map((t) => t.slug),
        hit: expected === null ? null : shortlist.some((t) => t.slug === expected),
        paraphrase: turn.paraphrase === true,
        registrySize: tasks.length,
        tokensWith: buildRouterPrompt({ tasks: shortlist, currentTask: previous, messages, promptTokens: settings().ROUTER_PROMPT_TOKENS }).estimatedTokens,
        tokensWithout: buildRouterPrompt({ tasks, currentTask: previous, messages, promptTokens: settings().ROUTER_PROMPT_TOKENS }).estimatedTokens,
        ms,
      });
      previous = expected;
    });
  }
  const fused = args.embed ? `; the lexical ranking fused with the ranking by meaning of \`${args.embed}\`` : "";
  output(
    renderShortlistReport(summarizeShortlist(outcomes), {
      dataset: datasetPath,
      registry: `\`${args.registry}\` (${loadRegistry(args.registry).length} tasks)${fused}`,
      shortlistSize: size,
      stats,
    }),
    args.out,
  );
  process.exit(0);
}

/**
 * --embed: embeds every task of the registries in play and every user message (the app embeds the
 * latest message of a turn) with the given model, once; returns the ranking by meaning of a turn.
 */
async function semanticRankings(value: string): Promise<(tasks: TaskInput[], text: string) => string[]> {
  const spec = parseModelSpec(value, "--embed");
  if ("error" in spec) fail(spec.error);
  const providers = providerSettings();
  const missing = missingSetting(spec, providers);
  if (missing) fail(`--embed ${value}: ${errorText("en", missing)}`);
  const model = embeddingModel(spec, providers);
  const tasks = [...new Map(conversations.flatMap((c) => tasksFor(c)).map((t) => [t.slug, t])).values()];
  const queries = [...new Set(conversations.flatMap((c) => c.turns.map((t) => queryEmbeddingText(t.user))))];
  const started = performance.now();
  const [taskVectors, queryVectors] = await Promise.all(
    [tasks.map(taskEmbeddingText), queries].map((values) => embedMany({ model, values }).then((r) => r.embeddings.map(unitVector))),
  ).catch((error: unknown) => fail(`--embed ${value}: the embedding model failed: ${(error as Error).message}`, 1));
  console.error(`Embedded ${tasks.length} tasks and ${queries.length} messages with ${value} in ${Math.round(performance.now() - started)} ms.`);
  const vectorOf = new Map(tasks.map((t, i) => [t.slug, taskVectors[i]]));
  const queryOf = new Map(queries.map((q, i) => [q, queryVectors[i]]));
  return (candidates, text) =>
    nearest(
      queryOf.get(queryEmbeddingText(text))!,
      candidates.map((t) => ({ vector: vectorOf.get(t.slug)!, item: t.slug })),
      FUSION_DEPTH,
    );
}

// ---------------------------------------------------------------------------------------------
// Replay through the model
// ---------------------------------------------------------------------------------------------

if (!args.model) fail(`--model is required (e.g. --model ollama:llama3.2).\n${USAGE}`);
const spec = parseModelSpec(args.model, "--model");
if ("error" in spec) fail(spec.error);
const providers = providerSettings();
const missing = missingSetting(spec, providers);
if (missing) fail(errorText("en", missing));
const unreachable = await checkReachable(spec, providers, 10_000);
if (unreachable) fail(`The model is not usable: ${errorText("en", unreachable)}`, 1);
const model = languageModel(spec, providers);

const outcomes: TurnOutcome[] = [];
const started = Date.now();
for (const conversation of conversations) {
  const allTasks = tasksFor(conversation);
  let previous: string | null = null;
  const marks: string[] = [];
  for (const [index, turn] of conversation.turns.entries()) {
    const expected = taskOrNull(turn.expected);
    const messages = historyAt(conversation, index);
    const tasks = shortlistSize
      ? shortlistTasks({ tasks: allTasks, currentTask: previous, text: shortlistQuery(conversation, index), size: shortlistSize })
      : allTasks;
    const result = await routeTurn({ model, tasks, currentTask: previous, messages, timeoutMs });
    outcomes.push({
      conversationId: conversation.id,
      language: conversation.language,
      registry: conversation.registry ?? args.registry!,
      turn: index + 1,
      user: turn.user,
      previous,
      expected,
      predicted: result.slug,
      validFormat: result.validFormat,
      fallback: result.fallback,
      latencyMs: result.latencyMs,
      promptTokens: result.promptTokens,
      estimatedTokens: buildRouterPrompt({ tasks, currentTask: previous, messages, promptTokens: settings().ROUTER_PROMPT_TOKENS }).estimatedTokens,
      rawOutput: result.rawOutput,
      shortlist: shortlistSize ? { size: tasks.length, hit: expected === null ? null : tasks.some((t) => t.slug === expected) } : undefined,
    });
    marks.push(result.fallback ? "!" : result.slug === expected ? "✓" : "✗");
    // teacher forcing: the next turn starts from what should have been chosen
    previous = expected;
  }
  console.error(`${marks.join("")}  ${conversation.id}`);
}
console.error(`${outcomes.length} turns in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

const report = renderReport(summarize(outcomes), {
  model: `${spec.provider}:${spec.model}`,
  dataset: datasetPath,
  date: new Date().toISOString(),
  timeoutMs,
  registry: registryLabel(),
  shortlistSize: shortlistSize ?? null,
  stats,
});
output(report, args.out ?? "eval/report.md");
