import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { taskInputSchema } from "@/lib/tasks/schema";
import { seedTasks } from "@/lib/tasks/seed-tasks";
import {
  accuracy,
  confusionMatrix,
  datasetStats,
  derivePoints,
  f1,
  labelAccuracy,
  POINTS,
  type Point,
  parseDataset,
  percentile,
  precision,
  recall,
  renderReport,
  type ShortlistOutcome,
  summarize,
  summarizeShortlist,
  type TurnOutcome,
  unknownSlugs,
} from "../../eval/evaluation";
import { makeLargeRegistry } from "../../scripts/make-large-registry";

// Ten turns with a known confusion. A and B are task slugs, null is none; each row is
// previous (the expected task of the turn before) → expected / predicted, and the points that follow.
//
//  #  previous  expected  predicted  expected point → predicted point  slug right?  latency  tokens
//  1  null      A         A          start    → start                  yes          120      400 (provider)
//  2  A         A         A          continue → continue               yes           80      400
//  3  A         A         null       continue → end                    no           300      400
//  4  A         B         B          switch   → switch                 yes           95      520
//  5  B         null      null       end      → end                    yes          110      400
//  6  null      null      null       none     → none                   yes           70      400
//  7  null      null      A          none     → start                  no          1000      400
//  8  null      B         A          start    → start                  no           130      400
//  9  A         B         A          switch   → continue  (timeout)    no            90      null → estimate 610
// 10  B         null      B          end      → continue  (invalid)    no           100      null → estimate 350
//
// Confusion matrix (rows expected, columns predicted; order start, continue, switch, end, none):
//   start     2 0 0 0 0   | 2
//   continue  0 1 0 1 0   | 2
//   switch    0 1 1 0 0   | 2
//   end       0 1 0 1 0   | 2
//   none      1 0 0 0 1   | 2
//   total     3 3 1 2 1   | 10
// Point accuracy = diagonal 2+1+1+1+1 = 6 / 10 = 0.6.
// Precision (diagonal / column): start 2/3, continue 1/3, switch 1/1, end 1/2, none 1/1.
// Recall (diagonal / row):       start 2/2, continue 1/2, switch 1/2, end 1/2, none 1/2.
// F1 = 2pr/(p+r): start 2·(2/3)·1/(5/3) = 0.8; continue 2·(1/6)/(5/6) = 0.4; switch 1/1.5 = 2/3; end 0.5; none 2/3.
// One-vs-rest accuracy = (10 − FP − FN)/10: start (10−1−0) = 0.9; continue (10−2−1) = 0.7; switch (10−0−1) = 0.9;
//   end (10−1−1) = 0.8; none (10−0−1) = 0.9.
// Decision accuracy (slug or none right): turns 1, 2, 4, 5, 6 → 5/10.
// Task selection (turns expecting a task: 1, 2, 3, 4, 8, 9): right on 1, 2, 4 → 3/6.
// None: expected none on 5, 6, 7, 10 (4 turns); predicted none on 3, 5, 6 (3 turns); both on 5, 6 →
//   precision 2/3, recall 2/4.
// Latencies sorted: 70 80 90 95 100 110 120 130 300 1000. Nearest rank: p50 = ⌈0.5·10⌉ = 5th = 100;
//   p95 = ⌈9.5⌉ = 10th = 1000; p90 = 9th = 300; mean = 2095/10 = 209.5; max 1000.
// Prompt tokens (provider, else estimate): 7·400 + 520 + 610 + 350 = 4280 → mean 428, max 610; provider on 8 turns.

type Row = [
  previous: string | null,
  expected: string | null,
  predicted: string | null,
  latencyMs: number,
  promptTokens: number | null,
  estimatedTokens: number,
  fallback: TurnOutcome["fallback"],
];
const rows: Row[] = [
  [null, "A", "A", 120, 400, 380, null],
  ["A", "A", "A", 80, 400, 390, null],
  ["A", "A", null, 300, 400, 395, null],
  ["A", "B", "B", 95, 520, 500, null],
  ["B", null, null, 110, 400, 410, null],
  [null, null, null, 70, 400, 300, null],
  [null, null, "A", 1000, 400, 310, null],
  [null, "B", "A", 130, 400, 320, null],
  ["A", "B", "A", 90, null, 610, "timeout"],
  ["B", null, "B", 100, null, 350, "invalid"],
];
const outcomes: TurnOutcome[] = rows.map(([previous, expected, predicted, latencyMs, promptTokens, estimatedTokens, fallback], i) => ({
  conversationId: `c${Math.floor(i / 5) + 1}`,
  language: i < 7 ? "en" : "es",
  registry: "seed",
  turn: (i % 5) + 1,
  user: `message ${i + 1}`,
  previous,
  expected,
  predicted,
  validFormat: fallback !== "invalid",
  fallback,
  latencyMs,
  promptTokens,
  estimatedTokens,
  rawOutput: fallback === "invalid" ? "maybe minutes?" : JSON.stringify({ task: predicted ?? "none" }),
}));

describe("router evaluation arithmetic", () => {
  it("builds the confusion matrix of a hand-computed case and derives accuracy, precision, recall, F1", () => {
    const summary = summarize(outcomes);
    const m = summary.confusion;
    expect(POINTS.map((row) => POINTS.map((col) => m.counts[row][col]))).toEqual([
      [2, 0, 0, 0, 0],
      [0, 1, 0, 1, 0],
      [0, 1, 1, 0, 0],
      [0, 1, 0, 1, 0],
      [1, 0, 0, 0, 1],
    ]);
    expect(m.total).toBe(10);
    expect(accuracy(m)).toBe(0.6);
    expect(summary.pointAccuracy).toEqual({ count: 6, total: 10 });

    const expected: Record<Point, [precision: number, recall: number, f1: number, accuracy: number]> = {
      start: [2 / 3, 1, 0.8, 0.9],
      continue: [1 / 3, 1 / 2, 0.4, 0.7],
      switch: [1, 1 / 2, 2 / 3, 0.9],
      end: [1 / 2, 1 / 2, 0.5, 0.8],
      none: [1, 1 / 2, 2 / 3, 0.9],
    };
    for (const point of POINTS) {
      const [p, r, f, a] = expected[point];
      expect(precision(m, point), `precision ${point}`).toBeCloseTo(p, 10);
      expect(recall(m, point), `recall ${point}`).toBeCloseTo(r, 10);
      expect(f1(precision(m, point), recall(m, point)), `f1 ${point}`).toBeCloseTo(f, 10);
      expect(labelAccuracy(m, point), `accuracy ${point}`).toBeCloseTo(a, 10);
      const row = summary.points.find((x) => x.point === point)!;
      expect(row.precision).toBeCloseTo(p, 10);
      expect(row.recall).toBeCloseTo(r, 10);
    }
    expect(summary.points.map((p) => [p.point, p.expected, p.predicted, p.correct])).toEqual([
      ["start", 2, 3, 2],
      ["continue", 2, 3, 1],
      ["switch", 2, 1, 1],
      ["end", 2, 2, 1],
      ["none", 2, 1, 1],
    ]);
  });

  it("scores decisions, task selection, none, validity, fallbacks, latency and tokens", () => {
    const s = summarize(outcomes);
    expect(s.turns).toBe(10);
    expect(s.decision).toEqual({ count: 5, total: 10 });
    expect(s.taskSelection).toEqual({ count: 3, total: 6 });
    expect(s.nonePrecision).toEqual({ count: 2, total: 3 });
    expect(s.noneRecall).toEqual({ count: 2, total: 4 });
    expect(s.invalidFormat).toBe(1);
    expect(s.fallbacks).toEqual({ timeout: 1, error: 0, invalid: 1 });
    expect(s.latencyMs).toEqual({ p50: 100, p95: 1000, mean: 209.5, max: 1000 });
    expect(s.promptTokens).toEqual({ mean: 428, max: 610, providerReported: 8 });
    expect(s.estimatedTokens.max).toBe(610);
    expect(s.shortlist).toBeNull();
    // en: turns 1–7 → right on 1, 2, 4, 5, 6; es: turns 8–10 → none right
    expect(s.byLanguage).toEqual([
      { name: "en", turns: 7, decision: { count: 5, total: 7 }, point: { count: 5, total: 7 } },
      { name: "es", turns: 3, decision: { count: 0, total: 3 }, point: { count: 1, total: 3 } },
    ]);
    expect(s.errors.map((e) => e.user)).toEqual(["message 3", "message 7", "message 8", "message 9", "message 10"]);
  });

  it("computes nearest-rank percentiles", () => {
    const latencies = [120, 80, 300, 95, 110, 70, 1000, 130, 90, 100];
    expect(percentile(latencies, 50)).toBe(100);
    expect(percentile(latencies, 90)).toBe(300);
    expect(percentile(latencies, 95)).toBe(1000);
    expect(percentile(latencies, 0)).toBe(70);
    expect(percentile(latencies, 100)).toBe(1000);
    // 4 values: p50 = ⌈2⌉ = 2nd = 20, p75 = ⌈3⌉ = 3rd = 30, p76 = ⌈3.04⌉ = 4th = 40
    expect([50, 75, 76].map((p) => percentile([40, 10, 30, 20], p))).toEqual([20, 30, 40]);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(latencies).toEqual([120, 80, 300, 95, 110, 70, 1000, 130, 90, 100]); // not sorted in place
  });

  it("leaves precision and recall undefined when nothing was predicted or expected", () => {
    const m = confusionMatrix(["a", "b"] as const, [{ expected: "a", predicted: "a" }]);
    expect(precision(m, "b")).toBeNull();
    expect(recall(m, "b")).toBeNull();
    expect(f1(null, 1)).toBeNull();
    expect(f1(0, 0)).toBe(0);
    expect(accuracy(confusionMatrix(["a"] as const, []))).toBeNull();
    expect(() => confusionMatrix(["a"] as const, [{ expected: "a", predicted: "z" as "a" }])).toThrow();
  });

  it("renders the numbers into the Markdown report", () => {
    const report = renderReport(summarize(outcomes), {
      model: "compatible:test",
      dataset: "tiny.jsonl",
      date: "2025-01-01T00:00:00.000Z",
      timeoutMs: 5000,
      registry: "seed",
      shortlistSize: null,
      stats: {
        conversations: 2,
        turns: 10,
        languages: { en: 1, es: 1 },
        registries: { seed: 2 },
        points: { start: 2, continue: 2, switch: 2, end: 2, none: 2 },
        turnsByLanguage: {},
      },
    });
    expect(report).toContain("| Decision accuracy (task or none as expected) | 5/10 (50.0%) |");
    expect(report).toContain("| Point accuracy (predicted point = expected point) | 6/10 (60.0%) |");
    expect(report).toContain("| Task-selection accuracy (turns expecting a task) | 3/6 (50.0%) |");
    expect(report).toContain("| None precision | 2/3 (66.7%) |");
    expect(report).toContain("| None recall | 2/4 (50.0%) |");
    expect(report).toContain("| Invalid format (validFormat false) | 1 |");
    expect(report).toContain("| Fallbacks: timeout | 1 |");
    expect(report).toContain("| Latency p50 | 100 ms |");
    expect(report).toContain("| Latency p95 | 1000 ms |");
    expect(report).toContain("| Prompt tokens mean | 428 |");
    expect(report).toContain("| start | 2 | 3 | 2 | 66.7% | 100.0% | 80.0% | 90.0% |");
    expect(report).toContain("| **switch** | 0 | 1 | 1 | 0 | 0 | 2 |");
    expect(report).toContain("| **total** | 3 | 3 | 1 | 2 | 1 | 10 |");
    expect(report).toContain("teacher forcing");
    expect(report).toContain("[invalid] maybe minutes?");
  });

  it("summarises a shortlist check", () => {
    const make = (previous: string | null, expected: string | null, shortlist: string[], language = "en", paraphrase = false): ShortlistOutcome => ({
      conversationId: "c",
      language,
      turn: 1,
      user: "u",
      previous,
      expected,
      shortlist,
      hit: expected === null ? null : shortlist.includes(expected),
      paraphrase,
      registrySize: 100,
      tokensWith: 500,
      tokensWithout: 5000,
      ms: 1,
    });
    // 4 turns expecting a task (hits: 1st, 2nd, 4th), one expecting none (not counted)
    const s = summarizeShortlist([
      make(null, "a", ["a", "b"]),
      make("a", "a", ["a"]),
      make("a", "c", ["a", "b"], "es", true),
      make(null, "b", ["b", "x", "y"]),
      make("b", null, ["b"]),
    ]);
    expect(s.recall).toEqual({ count: 3, total: 4 });
    expect(s.recallStartSwitch).toEqual({ count: 2, total: 3 });
    expect(s.recallByLanguage).toEqual([
      { name: "en", recall: { count: 3, total: 3 } },
      { name: "es", recall: { count: 0, total: 1 } },
    ]);
    expect(s.recallParaphrase).toEqual({ count: 0, total: 1 });
    expect(s.recallOthers).toEqual({ count: 3, total: 3 });
    expect(s.size).toEqual({ mean: 9 / 5, max: 3 });
    expect(s.misses).toHaveLength(1);
  });
});

describe("router dataset", () => {
  it("derives each turn's point from the expected tasks", () => {
    expect(derivePoints([{ expected: "none" }, { expected: "a" }, { expected: "a" }, { expected: "b" }, { expected: "none" }])).toEqual([
      "none",
      "start",
      "continue",
      "switch",
      "end",
    ]);
  });

  it("reports bad lines, duplicate ids and points that contradict the expected tasks", () => {
    const good = { id: "x", language: "en", registry: "seed", turns: [{ user: "hi", expected: "none" }] };
    const text = [
      JSON.stringify(good),
      "",
      "{not json",
      JSON.stringify({ ...good, language: "French" }),
      JSON.stringify(good),
      JSON.stringify({ ...good, id: "y", turns: [{ user: "minutes", expected: "meeting-minutes", point: "continue" }] }),
    ].join("\n");
    const { conversations, problems } = parseDataset(text);
    expect(conversations.map((c) => c.id)).toEqual(["x", "x", "y"]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^line 3: not JSON/);
    expect(problems[1]).toMatch(/^line 4: language/);
    expect(problems[2]).toBe('line 5: the id "x" is used twice');
    expect(problems[3]).toBe('line 6 (y) turn 1: point "continue" contradicts the expected tasks, which make it "start"');
    expect(unknownSlugs(conversations[2], new Set(["follow-up-email"]))).toEqual(["meeting-minutes"]);
  });

  it("ships a valid dataset of at least 60 conversations, about a third in Spanish, covering every point", () => {
    const { conversations, problems } = parseDataset(readFileSync("eval/router-dataset.jsonl", "utf8"));
    expect(problems).toEqual([]);
    const registries = Object.fromEntries(
      ["seed", "extended"].map((name) => {
        const file = JSON.parse(readFileSync(`eval/registries/${name}.json`, "utf8")) as { tasks: unknown[] };
        return [name, new Set(file.tasks.map((t) => taskInputSchema.parse(t).slug))];
      }),
    );
    for (const c of conversations) expect(unknownSlugs(c, registries[c.registry ?? ""]), c.id).toEqual([]);
    const stats = datasetStats(conversations);
    expect(stats.conversations).toBeGreaterThanOrEqual(60);
    expect(stats.languages.es / stats.conversations).toBeGreaterThan(0.28);
    expect(stats.languages.es / stats.conversations).toBeLessThan(0.4);
    for (const point of POINTS) expect(stats.points[point], point).toBeGreaterThanOrEqual(10);
  });

  it("keeps the seed registry file in step with the seeded tasks", () => {
    const seed = JSON.parse(readFileSync("eval/registries/seed.json", "utf8")) as { tasks: unknown[] };
    expect(seed.tasks).toEqual(seedTasks);
    const extended = JSON.parse(readFileSync("eval/registries/extended.json", "utf8")) as { tasks: { slug: string }[] };
    expect(extended.tasks.slice(0, 3)).toEqual(seedTasks);
    expect(extended.tasks.length).toBeGreaterThanOrEqual(8);
  });

  it("generates a 1,000-task registry that contains the extended registry", () => {
    const extended = (JSON.parse(readFileSync("eval/registries/extended.json", "utf8")) as { tasks: unknown[] }).tasks.map((t) => taskInputSchema.parse(t));
    const large = makeLargeRegistry(extended);
    expect(large).toHaveLength(1000);
    expect(new Set(large.map((t) => t.slug)).size).toBe(1000);
    expect(new Set(large.map((t) => t.routerDescription)).size).toBe(1000);
    expect(large.slice(0, extended.length)).toEqual(extended);
  });
});
