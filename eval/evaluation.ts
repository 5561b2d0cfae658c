/**
 * The arithmetic and the report of the router evaluation (`npm run eval:router`, scripts/eval-router.ts),
 * kept free of I/O so that every number in the report can be unit-tested. The dataset format is
 * described in eval/README.md.
 */
import { z } from "zod";
import type { RoutingActionName } from "../lib/router/decide";
import { deriveAction } from "../lib/router/decide";
import { NONE } from "../lib/router/prompt";

// ---------------------------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------------------------

/** The measurement points, in report order: what deriveAction calls a turn's action. */
export const POINTS = ["start", "continue", "switch", "end", "none"] as const satisfies readonly RoutingActionName[];
export type Point = (typeof POINTS)[number];

export interface ConfusionMatrix<L extends string> {
  labels: readonly L[];
  /** counts[expected][predicted] */
  counts: Record<L, Record<L, number>>;
  total: number;
}

export function confusionMatrix<L extends string>(labels: readonly L[], pairs: Iterable<{ expected: L; predicted: L }>): ConfusionMatrix<L> {
  const counts = Object.fromEntries(labels.map((row) => [row, Object.fromEntries(labels.map((col) => [col, 0]))])) as Record<L, Record<L, number>>;
  let total = 0;
  for (const { expected, predicted } of pairs) {
    if (!(expected in counts) || !(predicted in counts)) throw new Error(`Unknown label in pair ${expected} → ${predicted}`);
    counts[expected][predicted]++;
    total++;
  }
  return { labels, counts, total };
}

/** Turns whose expected label is `label` (the row sum). */
export function actualCount<L extends string>(m: ConfusionMatrix<L>, label: L): number {
  return m.labels.reduce((sum, col) => sum + m.counts[label][col], 0);
}

/** Turns predicted as `label` (the column sum). */
export function predictedCount<L extends string>(m: ConfusionMatrix<L>, label: L): number {
  return m.labels.reduce((sum, row) => sum + m.counts[row][label], 0);
}

export function truePositives<L extends string>(m: ConfusionMatrix<L>, label: L): number {
  return m.counts[label][label];
}

/** Of the turns predicted as `label`, the share that were expected as `label`; null when none was predicted. */
export function precision<L extends string>(m: ConfusionMatrix<L>, label: L): number | null {
  return ratio(truePositives(m, label), predictedCount(m, label));
}

/** Of the turns expected as `label`, the share predicted as `label`; null when none was expected. */
export function recall<L extends string>(m: ConfusionMatrix<L>, label: L): number | null {
  return ratio(truePositives(m, label), actualCount(m, label));
}

/** Harmonic mean of precision and recall; null when either is undefined, 0 when both are 0. */
export function f1(p: number | null, r: number | null): number | null {
  if (p === null || r === null) return null;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** The diagonal over the total; null for an empty matrix. */
export function accuracy<L extends string>(m: ConfusionMatrix<L>): number | null {
  return ratio(
    m.labels.reduce((sum, label) => sum + m.counts[label][label], 0),
    m.total,
  );
}

/** One-vs-rest accuracy of a label: (true positives + true negatives) / total. */
export function labelAccuracy<L extends string>(m: ConfusionMatrix<L>, label: L): number | null {
  const tp = truePositives(m, label);
  const fp = predictedCount(m, label) - tp;
  const fn = actualCount(m, label) - tp;
  return ratio(m.total - fp - fn, m.total);
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Nearest-rank percentile: the smallest value such that at least p% of the values are at or below
 * it, i.e. the ⌈p/100 · n⌉-th smallest value (the smallest for p = 0). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is outside 0–100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

// ---------------------------------------------------------------------------------------------
// Dataset (eval/README.md)
// ---------------------------------------------------------------------------------------------

export const evalTurnSchema = z.object({
  user: z.string().trim().min(1, "A turn needs the user's message."),
  assistant: z.string().optional(),
  expected: z.string().trim().min(1, `Give the expected task slug or "${NONE}".`),
  point: z.enum(POINTS).optional(),
  /** written to share no word with the expected task's text (tests/unit/router-paraphrases.test.ts checks it) */
  paraphrase: z.boolean().optional(),
});

export const evalConversationSchema = z.object({
  id: z.string().trim().min(1),
  language: z.string().regex(/^[a-z]{2}$/, 'A two-letter language code such as "en", "es" or "fr".'),
  /** eval/registries/<name>.json; without it, the conversation is routed over the --registry file alone */
  registry: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "A registry name: eval/registries/<name>.json.")
    .optional(),
  turns: z.array(evalTurnSchema).min(1, "A conversation needs at least one turn."),
});

export type EvalTurn = z.infer<typeof evalTurnSchema>;
export type EvalConversation = z.infer<typeof evalConversationSchema>;

/** "none" → null, otherwise the slug. */
export function taskOrNull(slug: string): string | null {
  return slug === NONE ? null : slug;
}

/** Each turn's measurement point: deriveAction(previous turn's expected task, this turn's expected task). */
export function derivePoints(turns: readonly Pick<EvalTurn, "expected">[]): Point[] {
  let previous: string | null = null;
  return turns.map((turn) => {
    const expected = taskOrNull(turn.expected);
    const point = deriveAction(previous, expected);
    previous = expected;
    return point;
  });
}

/**
 * Reads a JSONL dataset: one conversation per non-blank line. Problems (bad JSON, schema errors,
 * duplicate ids, a written point that contradicts the expected tasks) are returned with line numbers.
 */
export function parseDataset(text: string): { conversations: EvalConversation[]; problems: string[] } {
  const conversations: EvalConversation[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const where = `line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: not JSON (${(error as Error).message})`);
      return;
    }
    const parsed = evalConversationSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${where}: ${issue.path.join(".") || "conversation"}: ${issue.message}`);
      return;
    }
    const conversation = parsed.data;
    if (seen.has(conversation.id)) problems.push(`${where}: the id "${conversation.id}" is used twice`);
    seen.add(conversation.id);
    derivePoints(conversation.turns).forEach((point, i) => {
      const written = conversation.turns[i].point;
      if (written && written !== point) {
        problems.push(`${where} (${conversation.id}) turn ${i + 1}: point "${written}" contradicts the expected tasks, which make it "${point}"`);
      }
    });
    conversations.push(conversation);
  });
  return { conversations, problems };
}

/** Expected slugs that are not in the conversation's registry. */
export function unknownSlugs(conversation: EvalConversation, slugs: ReadonlySet<string>): string[] {
  return [...new Set(conversation.turns.map((t) => t.expected).filter((s) => s !== NONE && !slugs.has(s)))];
}

export interface DatasetStats {
  conversations: number;
  turns: number;
  languages: Record<string, number>;
  registries: Record<string, number>;
  points: Record<Point, number>;
  turnsByLanguage: Record<string, number>;
}

export function datasetStats(conversations: readonly EvalConversation[]): DatasetStats {
  const stats: DatasetStats = {
    conversations: conversations.length,
    turns: 0,
    languages: {},
    registries: {},
    points: Object.fromEntries(POINTS.map((p) => [p, 0])) as Record<Point, number>,
    turnsByLanguage: {},
  };
  for (const c of conversations) {
    stats.turns += c.turns.length;
    stats.languages[c.language] = (stats.languages[c.language] ?? 0) + 1;
    stats.turnsByLanguage[c.language] = (stats.turnsByLanguage[c.language] ?? 0) + c.turns.length;
    const registry = c.registry ?? "(--registry)";
    stats.registries[registry] = (stats.registries[registry] ?? 0) + 1;
    for (const point of derivePoints(c.turns)) stats.points[point]++;
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------
// One run: per-turn outcomes → summary → Markdown
// ---------------------------------------------------------------------------------------------

/** What happened on one user turn of the replay. */
export interface TurnOutcome {
  conversationId: string;
  language: string;
  registry: string;
  /** 1-based */
  turn: number;
  user: string;
  /** the expected task of the previous turn: the router's current task (teacher forcing) */
  previous: string | null;
  expected: string | null;
  predicted: string | null;
  validFormat: boolean;
  fallback: "timeout" | "invalid" | "error" | null;
  latencyMs: number;
  /** reported by the provider; null when it reports none */
  promptTokens: number | null;
  /** buildRouterPrompt's estimate for the same prompt */
  estimatedTokens: number;
  rawOutput: string;
  /** with a shortlist: its size and whether it held the expected task (null when none was expected) */
  shortlist?: { size: number; hit: boolean | null };
}

export interface Fraction {
  count: number;
  total: number;
}

export interface PointMetrics {
  point: Point;
  expected: number;
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

export interface GroupMetrics {
  name: string;
  turns: number;
  decision: Fraction;
  point: Fraction;
}

export interface EvalSummary {
  turns: number;
  /** predicted task-or-none equals the expected task-or-none */
  decision: Fraction;
  /** predicted point equals the expected point (the confusion matrix's diagonal) */
  pointAccuracy: Fraction;
  confusion: ConfusionMatrix<Point>;
  points: PointMetrics[];
  /** turns that expected a task: the predicted slug is that task */
  taskSelection: Fraction;
  /** none = no task after the turn (points none and end) */
  nonePrecision: Fraction;
  noneRecall: Fraction;
  invalidFormat: number;
  fallbacks: { timeout: number; error: number; invalid: number };
  latencyMs: { p50: number | null; p95: number | null; mean: number | null; max: number | null };
  /** the provider's count where it gives one, else the estimate */
  promptTokens: { mean: number | null; max: number | null; providerReported: number };
  estimatedTokens: { mean: number | null; max: number | null };
  shortlist: { recall: Fraction; meanSize: number | null; maxSize: number | null } | null;
  byLanguage: GroupMetrics[];
  byRegistry: GroupMetrics[];
  errors: TurnOutcome[];
}

export function pointOf(previous: string | null, chosen: string | null): Point {
  return deriveAction(previous, chosen);
}

export function summarize(outcomes: readonly TurnOutcome[]): EvalSummary {
  const confusion = confusionMatrix(
    POINTS,
    outcomes.map((o) => ({ expected: pointOf(o.previous, o.expected), predicted: pointOf(o.previous, o.predicted) })),
  );
  const noneMatrix = confusionMatrix(
    ["none", "task"] as const,
    outcomes.map((o) => ({ expected: o.expected === null ? "none" : "task", predicted: o.predicted === null ? "none" : "task" })),
  );
  const withTask = outcomes.filter((o) => o.expected !== null);
  const latencies = outcomes.map((o) => o.latencyMs);
  const tokens = outcomes.map((o) => o.promptTokens ?? o.estimatedTokens);
  const estimates = outcomes.map((o) => o.estimatedTokens);
  const shortlisted = outcomes.filter((o) => o.shortlist);
  const shortlistHits = shortlisted.filter((o) => o.shortlist!.hit !== null);
  const group = (key: (o: TurnOutcome) => string): GroupMetrics[] =>
    [...new Set(outcomes.map(key))].sort().map((name) => {
      const members = outcomes.filter((o) => key(o) === name);
      return {
        name,
        turns: members.length,
        decision: count(members, (o) => o.predicted === o.expected),
        point: count(members, (o) => pointOf(o.previous, o.predicted) === pointOf(o.previous, o.expected)),
      };
    });

  return {
    turns: outcomes.length,
    decision: count(outcomes, (o) => o.predicted === o.expected),
    pointAccuracy: { count: POINTS.reduce((sum, p) => sum + confusion.counts[p][p], 0), total: confusion.total },
    confusion,
    points: POINTS.map((point) => {
      const p = precision(confusion, point);
      const r = recall(confusion, point);
      return {
        point,
        expected: actualCount(confusion, point),
        predicted: predictedCount(confusion, point),
        correct: truePositives(confusion, point),
        precision: p,
        recall: r,
        f1: f1(p, r),
        accuracy: labelAccuracy(confusion, point),
      };
    }),
    taskSelection: count(withTask, (o) => o.predicted === o.expected),
    nonePrecision: { count: truePositives(noneMatrix, "none"), total: predictedCount(noneMatrix, "none") },
    noneRecall: { count: truePositives(noneMatrix, "none"), total: actualCount(noneMatrix, "none") },
    invalidFormat: outcomes.filter((o) => !o.validFormat).length,
    fallbacks: {
      timeout: outcomes.filter((o) => o.fallback === "timeout").length,
      error: outcomes.filter((o) => o.fallback === "error").length,
      invalid: outcomes.filter((o) => o.fallback === "invalid").length,
    },
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), mean: mean(latencies), max: latencies.length ? Math.max(...latencies) : null },
    promptTokens: {
      mean: mean(tokens),
      max: tokens.length ? Math.max(...tokens) : null,
      providerReported: outcomes.filter((o) => o.promptTokens !== null).length,
    },
    estimatedTokens: { mean: mean(estimates), max: estimates.length ? Math.max(...estimates) : null },
    shortlist: shortlisted.length
      ? {
          recall: count(shortlistHits, (o) => o.shortlist!.hit === true),
          meanSize: mean(shortlisted.map((o) => o.shortlist!.size)),
          maxSize: Math.max(...shortlisted.map((o) => o.shortlist!.size)),
        }
      : null,
    byLanguage: group((o) => o.language),
    byRegistry: group((o) => o.registry),
    errors: outcomes.filter((o) => o.predicted !== o.expected || !o.validFormat || o.fallback !== null),
  };
}

function count<T>(items: readonly T[], test: (item: T) => boolean): Fraction {
  return { count: items.filter(test).length, total: items.length };
}

/** "5/7 (71.4%)", or "0/0 (n/a)". */
export function formatFraction({ count, total }: Fraction): string {
  return `${count}/${total} (${total ? `${((100 * count) / total).toFixed(1)}%` : "n/a"})`;
}

/** A share as a percentage with one decimal, "n/a" for null. */
export function formatShare(value: number | null): string {
  return value === null ? "n/a" : `${(100 * value).toFixed(1)}%`;
}

function formatNumber(value: number | null, digits = 0): string {
  return value === null ? "n/a" : value.toFixed(digits);
}

function cell(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface ReportMeta {
  model: string;
  dataset: string;
  date: string;
  timeoutMs: number;
  /** e.g. "per conversation (seed, extended)" or a file merged with them */
  registry: string;
  shortlistSize: number | null;
  stats: DatasetStats;
}

export function renderReport(summary: EvalSummary, meta: ReportMeta): string {
  const s = summary;
  const lines: string[] = [];
  const languages = Object.entries(meta.stats.languages)
    .map(([language, n]) => `${language} ${n}`)
    .join(", ");
  lines.push(
    "# Router evaluation",
    "",
    `- Model: \`${meta.model}\``,
    `- Dataset: \`${meta.dataset}\` — ${meta.stats.conversations} conversations (${languages}), ${meta.stats.turns} user turns`,
    `- Registry: ${meta.registry}`,
    `- Shortlist: ${meta.shortlistSize === null ? "none (every task of the registry is in the prompt)" : `${meta.shortlistSize} tasks per turn (lib/router/shortlist.ts)`}`,
    `- Router timeout: ${meta.timeoutMs} ms; no learnings are shown to the router`,
    `- Date: ${meta.date}`,
    "",
    "Method: each conversation is replayed turn by turn through `routeTurn` with **teacher forcing**: the",
    "router's current task is the *expected* task of the previous turn, not what it predicted, so one wrong",
    "decision does not cascade into the following turns. Expected point = deriveAction(previous expected,",
    "expected); predicted point = deriveAction(previous expected, predicted). A fallback (timeout, error,",
    "invalid answer) keeps the current task, as the app does, and is scored as that prediction.",
    "",
    "## Summary",
    "",
    "| Metric | Value |",
    "| --- | --- |",
    `| Decision accuracy (task or none as expected) | ${formatFraction(s.decision)} |`,
    `| Point accuracy (predicted point = expected point) | ${formatFraction(s.pointAccuracy)} |`,
    `| Task-selection accuracy (turns expecting a task) | ${formatFraction(s.taskSelection)} |`,
    `| None precision | ${formatFraction(s.nonePrecision)} |`,
    `| None recall | ${formatFraction(s.noneRecall)} |`,
    `| Invalid format (validFormat false) | ${s.invalidFormat} |`,
    `| Fallbacks: timeout | ${s.fallbacks.timeout} |`,
    `| Fallbacks: error | ${s.fallbacks.error} |`,
    `| Latency p50 | ${formatNumber(s.latencyMs.p50)} ms |`,
    `| Latency p95 | ${formatNumber(s.latencyMs.p95)} ms |`,
    `| Latency mean / max | ${formatNumber(s.latencyMs.mean)} ms / ${formatNumber(s.latencyMs.max)} ms |`,
    `| Prompt tokens mean | ${formatNumber(s.promptTokens.mean)} |`,
    `| Prompt tokens max | ${formatNumber(s.promptTokens.max)} |`,
    `| Prompt tokens reported by the provider | ${s.promptTokens.providerReported} of ${s.turns} turns (estimate used for the rest) |`,
    `| Estimated prompt tokens mean / max | ${formatNumber(s.estimatedTokens.mean)} / ${formatNumber(s.estimatedTokens.max)} |`,
  );
  if (s.shortlist) {
    lines.push(
      `| Shortlist recall (expected task in the shortlist) | ${formatFraction(s.shortlist.recall)} |`,
      `| Shortlist size mean / max | ${formatNumber(s.shortlist.meanSize, 1)} / ${formatNumber(s.shortlist.maxSize)} |`,
    );
  }
  lines.push(
    "",
    "## Measurement points",
    "",
    "Precision: of the turns predicted at this point, the share expected there. Recall: of the turns expected",
    "at this point, the share predicted there. Accuracy: one-vs-rest, (true positives + true negatives) / turns.",
    "",
    "| Point | Expected | Predicted | Correct | Precision | Recall | F1 | Accuracy |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...s.points.map(
      (p) =>
        `| ${p.point} | ${p.expected} | ${p.predicted} | ${p.correct} | ${formatShare(p.precision)} | ${formatShare(p.recall)} | ${formatShare(p.f1)} | ${formatShare(p.accuracy)} |`,
    ),
    "",
    "### Confusion matrix (rows: expected point, columns: predicted point)",
    "",
    `| expected \\ predicted | ${POINTS.join(" | ")} | total |`,
    `| --- | ${POINTS.map(() => "---:").join(" | ")} | ---: |`,
    ...POINTS.map((row) => `| **${row}** | ${POINTS.map((col) => s.confusion.counts[row][col]).join(" | ")} | ${actualCount(s.confusion, row)} |`),
    `| **total** | ${POINTS.map((col) => predictedCount(s.confusion, col)).join(" | ")} | ${s.confusion.total} |`,
    "",
    "## By language",
    "",
    "| Language | Turns | Decision accuracy | Point accuracy |",
    "| --- | ---: | ---: | ---: |",
    ...s.byLanguage.map((g) => `| ${g.name} | ${g.turns} | ${formatFraction(g.decision)} | ${formatFraction(g.point)} |`),
    "",
    "## By registry",
    "",
    "| Registry | Turns | Decision accuracy | Point accuracy |",
    "| --- | ---: | ---: | ---: |",
    ...s.byRegistry.map((g) => `| ${g.name} | ${g.turns} | ${formatFraction(g.decision)} | ${formatFraction(g.point)} |`),
    "",
    `## Turns to look at (${s.errors.length})`,
    "",
  );
  if (!s.errors.length) lines.push("None: every decision was right, in a valid format and without fallback.");
  else {
    lines.push(
      "| Conversation | Turn | Current | Expected | Predicted | Points (expected → predicted) | Model answer | User |",
      "| --- | ---: | --- | --- | --- | --- | --- | --- |",
      ...s.errors.map((o) => {
        const answer = o.fallback ? `[${o.fallback}] ${o.rawOutput}` : o.rawOutput;
        return `| ${o.conversationId} | ${o.turn} | ${o.previous ?? NONE} | ${o.expected ?? NONE} | ${o.predicted ?? NONE} | ${pointOf(o.previous, o.expected)} → ${pointOf(o.previous, o.predicted)} | ${cell(answer, 60)} | ${cell(o.user)} |`;
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Shortlist only (no model): does the shortlist keep the expected task, and what does it save?
// ---------------------------------------------------------------------------------------------

export interface ShortlistOutcome {
  conversationId: string;
  language: string;
  turn: number;
  user: string;
  previous: string | null;
  expected: string | null;
  /** the shortlisted slugs */
  shortlist: string[];
  /** null when the turn expects no task */
  hit: boolean | null;
  /** a turn the dataset marks as a paraphrase (no word in common with its task's text) */
  paraphrase: boolean;
  registrySize: number;
  tokensWith: number;
  tokensWithout: number;
  ms: number;
}

export interface ShortlistSummary {
  turns: number;
  /** turns expecting a task whose task is in the shortlist */
  recall: Fraction;
  /** the same on start and switch turns: continue turns always keep the current task */
  recallStartSwitch: Fraction;
  recallByLanguage: { name: string; recall: Fraction }[];
  /** the turns marked as paraphrases, and the others */
  recallParaphrase: Fraction;
  recallOthers: Fraction;
  size: { mean: number | null; max: number | null };
  registrySize: { mean: number | null; max: number | null };
  tokensWith: { mean: number | null; max: number | null };
  tokensWithout: { mean: number | null; max: number | null };
  ms: { p50: number | null; p95: number | null };
  misses: ShortlistOutcome[];
}

export function summarizeShortlist(outcomes: readonly ShortlistOutcome[]): ShortlistSummary {
  const stats = (values: number[]) => ({ mean: mean(values), max: values.length ? Math.max(...values) : null });
  const withTask = outcomes.filter((o) => o.hit !== null);
  const startSwitch = withTask.filter((o) => ["start", "switch"].includes(pointOf(o.previous, o.expected)));
  return {
    turns: outcomes.length,
    recall: count(withTask, (o) => o.hit === true),
    recallStartSwitch: count(startSwitch, (o) => o.hit === true),
    recallByLanguage: [...new Set(withTask.map((o) => o.language))].sort().map((name) => ({
      name,
      recall: count(
        withTask.filter((o) => o.language === name),
        (o) => o.hit === true,
      ),
    })),
    recallParaphrase: count(
      withTask.filter((o) => o.paraphrase),
      (o) => o.hit === true,
    ),
    recallOthers: count(
      withTask.filter((o) => !o.paraphrase),
      (o) => o.hit === true,
    ),
    size: stats(outcomes.map((o) => o.shortlist.length)),
    registrySize: stats(outcomes.map((o) => o.registrySize)),
    tokensWith: stats(outcomes.map((o) => o.tokensWith)),
    tokensWithout: stats(outcomes.map((o) => o.tokensWithout)),
    ms: {
      p50: percentile(
        outcomes.map((o) => o.ms),
        50,
      ),
      p95: percentile(
        outcomes.map((o) => o.ms),
        95,
      ),
    },
    misses: withTask.filter((o) => o.hit === false),
  };
}

export interface ShortlistMeta {
  dataset: string;
  registry: string;
  shortlistSize: number;
  stats: DatasetStats;
}

export function renderShortlistReport(s: ShortlistSummary, meta: ShortlistMeta): string {
  const languages = Object.entries(meta.stats.languages)
    .map(([language, n]) => `${language} ${n}`)
    .join(", ");
  const pair = (v: { mean: number | null; max: number | null }, digits = 0) => `${formatNumber(v.mean, digits)} / ${formatNumber(v.max)}`;
  const lines = [
    "# Router shortlist check (no model)",
    "",
    `- Dataset: \`${meta.dataset}\` — ${meta.stats.conversations} conversations (${languages}), ${meta.stats.turns} user turns`,
    `- Registry: ${meta.registry}, merged with each conversation's own registry (${pair(s.registrySize)} tasks, mean / max)`,
    `- Shortlist size: ${meta.shortlistSize}; the query is the last two user messages, as in the app; the current task is the previous turn's expected task`,
    "",
    "| Metric | Value |",
    "| --- | --- |",
    `| Recall (expected task in the shortlist, turns expecting a task) | ${formatFraction(s.recall)} |`,
    `| Recall on start and switch turns | ${formatFraction(s.recallStartSwitch)} |`,
    ...s.recallByLanguage.map((l) => `| Recall, ${l.name} | ${formatFraction(l.recall)} |`),
    `| Recall on paraphrase turns / on the other turns | ${formatFraction(s.recallParaphrase)} / ${formatFraction(s.recallOthers)} |`,
    `| Shortlist size mean / max | ${pair(s.size, 1)} |`,
    `| Router prompt tokens with the shortlist, mean / max | ${pair(s.tokensWith)} |`,
    `| Router prompt tokens without it (whole registry), mean / max | ${pair(s.tokensWithout)} |`,
    `| Shortlisting time per turn p50 / p95 (index built beforehand) | ${formatNumber(s.ms.p50, 3)} ms / ${formatNumber(s.ms.p95, 3)} ms |`,
    "",
    `## Misses (${s.misses.length})`,
    "",
  ];
  if (!s.misses.length) lines.push("None: every expected task was in its shortlist.");
  else {
    lines.push(
      "| Conversation | Turn | Point | Expected | User | Shortlist |",
      "| --- | ---: | --- | --- | --- | --- |",
      ...s.misses.map(
        (o) =>
          `| ${o.conversationId} | ${o.turn} | ${pointOf(o.previous, o.expected)} | ${o.expected} | ${cell(o.user, 80)} | ${cell(o.shortlist.join(", "), 120)} |`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}
