// npm run bench:learnings — how long learning retrieval (lib/learnings relevantLearnings) takes with
// 10,000 learnings, on PGlite and on the local Postgres. Not a test: it prints numbers.
//
// Without an argument the script runs itself once per database in a child process, because
// relevantLearnings uses the process-wide db() (lib/db), one database per process.
// `tsx scripts/bench-learnings.ts pglite|postgres` runs one of them. BENCH_LEARNINGS (the largest
// number in it) and BENCH_QUERIES change the sizes.
//
// Postgres: BENCH_POSTGRES_URL, else TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/test;
// a throwaway database is created there and dropped at the end. PGlite: a temporary folder, removed.
import "./settings";
import { fileURLToPath } from "node:url";
import { benchSettings, settings } from "../lib/settings";
import { createGenerator, type SeedSlug, seedTaskRefs } from "./bench-data";
import { type BenchDatabase, type Kind, kinds, openBenchDatabase, percentile, runPerDatabase } from "./bench-database";
import { exitOnBadSettings } from "./settings";

const { BENCH_LEARNINGS, BENCH_QUERIES: QUERIES } = exitOnBadSettings(benchSettings);
const LEARNINGS = Math.max(...BENCH_LEARNINGS);
const BATCH = 1_000;
const TARGET_MEDIAN_MS = 10;
// the budgets lib/chat/turn.ts uses
const { ROUTER_LEARNINGS_TOKENS, EXECUTOR_LEARNINGS_TOKENS } = settings();

// ---------------------------------------------------------------------------------------------
// Parent: one child process per database
// ---------------------------------------------------------------------------------------------
const requested = process.argv[2] as Kind | undefined;
if (!requested) process.exit(runPerDatabase(fileURLToPath(import.meta.url)).length ? 1 : 0);
if (!kinds.includes(requested)) {
  console.error(`usage: tsx scripts/bench-learnings.ts [${kinds.join("|")}]`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Child: one database
// ---------------------------------------------------------------------------------------------
const kind = requested;
const log = (line = "") => console.log(`[${kind}] ${line}`);

// every run inserts and asks the same things (scripts/bench-data.ts)
const { random, pick, userRequest, cuidish, learningRow, seedTaskGens } = createGenerator(20261121);
const tasks = seedTaskRefs;
type Slug = SeedSlug;

// the same SQL as lib/learnings/retrieve.ts, for EXPLAIN (keep in step with it)
const RETRIEVAL_SQL = `
  SELECT "id", "kind", "inputExcerpt", "expectedOutput", ts_rank("search", q) AS "rank"
  FROM "Learning", to_tsquery('simple', $1) AS q
  WHERE "scope" = $2::"LearningScope"
    AND "status" = 'active'
    AND ($3::text IS NULL OR "taskId" = $3)
    AND "conversationId" IS DISTINCT FROM $4::text
    AND "search" @@ q
  ORDER BY "rank" DESC, "createdAt" DESC
  LIMIT 20`;

const fmt = (ms: number) => ms.toFixed(2);

async function main() {
  let bench: BenchDatabase | undefined;
  try {
    // ---- a throwaway database of this kind (the one lib/db's db() will use), migrated and seeded ----
    bench = await openBenchDatabase(kind);
    const prisma = bench.database.prisma;
    log(`${bench.label}: migrated and seeded in ${fmt(bench.preparedMs)} ms`);

    // relevantLearnings goes through lib/db's db(): import it only now that the database is in place
    const { relevantLearnings } = await import("../lib/learnings/retrieve");
    const { db } = await import("../lib/db");
    if (db() !== prisma) throw new Error("lib/db's db() is not the database this benchmark opened");

    // ---- 10,000 learnings ----
    const seeded = await prisma.task.findMany({ select: { id: true, slug: true } });
    const taskIds = Object.fromEntries(seeded.map((t) => [t.slug, t.id])) as Record<Slug, string>;
    for (const t of tasks) if (!taskIds[t.slug]) throw new Error(`seed task ${t.slug} is missing`);
    const conversations = Array.from({ length: 2_000 }, cuidish);
    const pool = seedTaskGens().map((t) => ({ ...t, id: taskIds[t.slug] }));
    const started = performance.now();
    for (let done = 0; done < LEARNINGS; done += BATCH) {
      const data = Array.from({ length: Math.min(BATCH, LEARNINGS - done) }, () => learningRow(pool, conversations));
      await prisma.learning.createMany({ data });
    }
    const insertMs = performance.now() - started;
    await prisma.$executeRawUnsafe(`ANALYZE "Learning"`);
    const stats = await prisma.$queryRawUnsafe<{ scope: string; kind: string; n: bigint }[]>(
      `SELECT "scope"::text AS scope, "kind"::text AS kind, count(*) AS n FROM "Learning" GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const size = await prisma.$queryRawUnsafe<{ table: string; index: string }[]>(
      `SELECT pg_size_pretty(pg_total_relation_size('"Learning"')) AS "table", pg_size_pretty(pg_relation_size('"Learning_search_idx"')) AS "index"`,
    );
    log(
      `inserted ${LEARNINGS.toLocaleString("en")} learnings in ${fmt(insertMs)} ms (createMany, ${BATCH} a batch) + ANALYZE; ` +
        `${stats.map((s) => `${s.scope}/${s.kind} ${s.n}`).join(", ")}; table ${size[0].table}, GIN index ${size[0].index}`,
    );

    // ---- 200 varied queries, as lib/chat/turn.ts asks them ----
    type Query = { label: "router" | "task"; input: Parameters<typeof relevantLearnings>[0] };
    const queries: Query[] = Array.from({ length: QUERIES }, (_, i) => {
      if (i % 2 === 0) {
        const text = userRequest(random() < 0.2 ? "none" : pick(tasks).slug);
        return { label: "router", input: { scope: "router", text, budgetTokens: ROUTER_LEARNINGS_TOKENS, excludeConversationId: pick(conversations) } };
      }
      const task = pick(tasks);
      const text = `${task.name} ${random() < 0.3 ? `/${task.slug} ` : ""}${userRequest(task.slug)}`;
      return {
        label: "task",
        input: { scope: "task", taskId: taskIds[task.slug], text, budgetTokens: EXECUTOR_LEARNINGS_TOKENS, excludeConversationId: pick(conversations) },
      };
    });
    for (const q of queries.slice(0, 10)) await relevantLearnings(q.input); // warm-up, not timed
    const timings: { label: string; ms: number; rows: number }[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      const rows = await relevantLearnings(q.input);
      timings.push({ label: q.label, ms: performance.now() - t0, rows: rows.length });
    }
    const summary = (label: string, list: typeof timings) => {
      const sorted = list.map((t) => t.ms).sort((a, b) => a - b);
      const median = percentile(sorted, 50);
      return {
        median,
        line:
          `${label.padEnd(7)} n=${String(list.length).padStart(3)}  median ${fmt(median).padStart(7)} ms  p95 ${fmt(percentile(sorted, 95)).padStart(7)} ms  ` +
          `max ${fmt(sorted.at(-1)!).padStart(7)} ms  learnings kept per query ${fmt(list.reduce((s, t) => s + t.rows, 0) / list.length)}`,
      };
    };
    const all = summary("all", timings);
    log(`relevantLearnings() over ${QUERIES} queries:`);
    log(`  ${all.line}`);
    log(
      `  ${
        summary(
          "router",
          timings.filter((t) => t.label === "router"),
        ).line
      }`,
    );
    log(
      `  ${
        summary(
          "task",
          timings.filter((t) => t.label === "task"),
        ).line
      }`,
    );
    log(`  target: median under ${TARGET_MEDIAN_MS} ms — ${all.median < TARGET_MEDIAN_MS ? "MET" : "MISSED"}`);

    // ---- why: how many learnings each query (its rarest words, ORed) matches; all are ranked before the LIMIT ----
    const { rareWordQuery } = await import("../lib/learnings/retrieve");
    const shares: number[] = [];
    const matched: number[] = [];
    for (const q of queries.slice(0, 50)) {
      const [row] = await prisma.$queryRawUnsafe<{ matched: bigint; total: bigint }[]>(
        `SELECT count(*) FILTER (WHERE "search" @@ q) AS matched, count(*) AS total
         FROM "Learning", to_tsquery('simple', $1) AS q
         WHERE "scope" = $2::"LearningScope" AND "status" = 'active' AND ($3::text IS NULL OR "taskId" = $3)`,
        await rareWordQuery(q.input.text),
        q.input.scope,
        q.input.scope === "task" ? q.input.taskId : null,
      );
      matched.push(Number(row.matched));
      shares.push(Number(row.matched) / Math.max(1, Number(row.total)));
    }
    matched.sort((a, b) => a - b);
    shares.sort((a, b) => a - b);
    log(
      `rows each query matches (and ranks): median ${percentile(matched, 50)}, p95 ${percentile(matched, 95)} — ` +
        `median ${(percentile(shares, 50) * 100).toFixed(0)}% of the active learnings of its scope/task`,
    );

    // ---- the plan: is the GIN index used? ----
    const explain = async (q: Query) => {
      const query = (await rareWordQuery(q.input.text))!;
      const taskFilter = q.input.scope === "task" ? (q.input.taskId ?? "") : null;
      const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN (ANALYZE, BUFFERS) ${RETRIEVAL_SQL}`,
        query,
        q.input.scope,
        taskFilter,
        q.input.excludeConversationId ?? null,
      );
      return plan.map((r) => r["QUERY PLAN"]).join("\n");
    };
    for (const label of ["task", "router"] as const) {
      const q = queries.find((x) => x.label === label)!;
      const plan = await explain(q);
      const usesGin = /Bitmap Index Scan on "?Learning_search_idx"?/.test(plan);
      log(`EXPLAIN ANALYZE of a ${label} query (${JSON.stringify(q.input.text.slice(0, 90))}):`);
      for (const line of plan.split("\n")) log(`  | ${line}`);
      log(`  GIN index used (Bitmap Index Scan on Learning_search_idx): ${usesGin ? "YES" : "NO"}`);
    }
  } finally {
    await bench?.close();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`[${kind}] benchmark failed:`, error);
    process.exit(1);
  });
