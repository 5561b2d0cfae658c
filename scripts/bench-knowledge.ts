// npm run bench:knowledge — how long knowledge retrieval (lib/knowledge relevantKnowledge) takes with
// 10,000 chunks, on PGlite and on the local Postgres. Not a test: it prints numbers.
//
// Like bench:learnings, the script runs itself once per database in a child process (relevantKnowledge
// uses the process-wide db()); `tsx scripts/bench-knowledge.ts pglite|postgres` runs one of them.
// BENCH_QUERIES changes the number of timed queries; BENCH_POSTGRES_URL as for the other benchmarks.
import "./settings";
import { fileURLToPath } from "node:url";
import { benchSettings, settings } from "../lib/settings";
import { createGenerator, type SeedSlug, seedTaskRefs } from "./bench-data";
import { type BenchDatabase, type Kind, kinds, openBenchDatabase, percentile, runPerDatabase } from "./bench-database";
import { exitOnBadSettings } from "./settings";

const { BENCH_QUERIES: QUERIES } = exitOnBadSettings(benchSettings);
const CHUNKS = 10_000;
const DOCUMENTS = 200;
const TARGET_MEDIAN_MS = 10;
// how many first chunks the relevance check compares: about what the executor's budget keeps
const AGREEMENT_DEPTH = 6;
const { EXECUTOR_KNOWLEDGE_TOKENS } = settings();

const requested = process.argv[2] as Kind | undefined;
if (!requested) process.exit(runPerDatabase(fileURLToPath(import.meta.url)).length ? 1 : 0);
if (!kinds.includes(requested)) {
  console.error(`usage: tsx scripts/bench-knowledge.ts [${kinds.join("|")}]`);
  process.exit(2);
}
const kind = requested;
const log = (line = "") => console.log(`[${kind}] ${line}`);
const fmt = (ms: number) => ms.toFixed(2);

// the same words users' requests use (scripts/bench-data.ts): chunks are paragraphs of them
const { random, pick, userRequest, deliverable } = createGenerator(20261202);
const tasks = seedTaskRefs;

async function main() {
  let bench: BenchDatabase | undefined;
  try {
    bench = await openBenchDatabase(kind);
    const prisma = bench.database.prisma;
    log(`${bench.label}: migrated and seeded in ${fmt(bench.preparedMs)} ms`);
    const { relevantKnowledge } = await import("../lib/knowledge/retrieve");
    const { CHUNK_TOKENS, chunkDocument } = await import("../lib/knowledge/chunk");
    const { db } = await import("../lib/db");
    if (db() !== prisma) throw new Error("lib/db's db() is not the database this benchmark opened");

    // ---- 200 documents of 50 chunks: half for the organisation, half for one seed task each ----
    const seeded = await prisma.task.findMany({ select: { id: true, slug: true } });
    const taskIds = Object.fromEntries(seeded.map((t) => [t.slug, t.id])) as Record<SeedSlug, string>;
    const started = performance.now();
    // which documents each task may read (null: no task), to check the ranking below
    const readable = new Map<string | null, string[]>([[null, []], ...seeded.map((t) => [t.id, []] as [string, string[]])]);
    for (let d = 0; d < DOCUMENTS; d++) {
      const forTask = d % 2 === 1 ? pick(tasks) : null;
      const document = await prisma.knowledgeDocument.create({
        data: {
          name: `Document ${d + 1}.md`,
          format: "markdown",
          bytes: 20_000,
          scope: forTask ? "tasks" : "organisation",
          ...(forTask ? { tasks: { create: [{ taskId: taskIds[forTask.slug] }] } } : {}),
        },
      });
      for (const [taskId, ids] of readable) if (!forTask || taskId === taskIds[forTask.slug]) ids.push(document.id);
      // a document as an admin would upload it, split by the real chunker (lib/knowledge/chunk.ts)
      const sections = Array.from({ length: CHUNKS / DOCUMENTS }, (_, i) => {
        const paragraphs = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
          random() < 0.6 ? userRequest(pick(tasks).slug) : deliverable(pick(tasks).slug),
        );
        return `## Section ${i + 1}\n\n${paragraphs.join("\n\n")}`;
      });
      const chunks = chunkDocument(sections.join("\n\n")).slice(0, CHUNKS / DOCUMENTS);
      await prisma.knowledgeChunk.createMany({ data: chunks.map((chunk, position) => ({ documentId: document.id, position, ...chunk })) });
    }
    await prisma.$executeRawUnsafe(`ANALYZE "KnowledgeChunk"`);
    const [size] = await prisma.$queryRawUnsafe<{ n: bigint; table: string; index: string }[]>(
      `SELECT (SELECT count(*) FROM "KnowledgeChunk") AS n, pg_size_pretty(pg_total_relation_size('"KnowledgeChunk"')) AS "table", pg_size_pretty(pg_relation_size('"KnowledgeChunk_search_idx"')) AS "index"`,
    );
    const [avg] = await prisma.$queryRawUnsafe<{ tokens: number }[]>(`SELECT avg("tokens")::float AS tokens FROM "KnowledgeChunk"`);
    log(`chunks average ${avg.tokens.toFixed(0)} tokens (made by chunkDocument, at most ${CHUNK_TOKENS})`);
    log(`inserted ${size.n} chunks in ${DOCUMENTS} documents in ${fmt(performance.now() - started)} ms; table ${size.table}, GIN index ${size.index}`);

    // ---- varied requests, each for a task (or none), as lib/chat/turn/execute.ts asks them ----
    const queries = Array.from({ length: QUERIES }, () => {
      const task = random() < 0.2 ? null : pick(tasks);
      return { taskId: task ? taskIds[task.slug] : null, text: userRequest(task?.slug ?? pick(tasks).slug), budgetTokens: EXECUTOR_KNOWLEDGE_TOKENS };
    });
    // warm-up, not timed: the first call reads the word statistics (ts_stat), cached for a minute
    const statsStarted = performance.now();
    await relevantKnowledge(queries[0]);
    log(`first query, with the word statistics read: ${fmt(performance.now() - statsStarted)} ms`);
    for (const q of queries.slice(1, 10)) await relevantKnowledge(q);
    const timings: number[] = [];
    let kept = 0;
    for (const q of queries) {
      const t0 = performance.now();
      kept += (await relevantKnowledge(q)).length;
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    const median = percentile(timings, 50);
    log(`relevantKnowledge() over ${QUERIES} queries at ${size.n} chunks:`);
    log(
      `  median ${fmt(median)} ms  p95 ${fmt(percentile(timings, 95))} ms  max ${fmt(timings.at(-1)!)} ms  chunks kept per query ${fmt(kept / QUERIES)} (budget ${EXECUTOR_KNOWLEDGE_TOKENS} tokens)`,
    );
    log(`  target: median under ${TARGET_MEDIAN_MS} ms — ${median < TARGET_MEDIAN_MS ? "MET" : "MISSED"}`);

    // ---- what the bound on ranked chunks costs in relevance ----
    // the search ranks a bounded set; compare its first chunks with ranking every readable chunk that
    // holds any of the request's rarest words (what an unbounded search would return)
    const { rarestWords } = await import("../lib/learnings");
    const stats = await prisma.$queryRawUnsafe<{ word: string; ndoc: number }[]>(`SELECT word, ndoc FROM ts_stat('SELECT "search" FROM "KnowledgeChunk"')`);
    const frequencies = new Map(stats.map((r) => [r.word, Number(r.ndoc)]));
    let agreed = 0;
    let compared = 0;
    for (const q of queries) {
      const [{ lexemes }] = await prisma.$queryRaw<{ lexemes: string[] }[]>`SELECT tsvector_to_array(to_tsvector('english', ${q.text})) AS lexemes`;
      const words = rarestWords(lexemes, frequencies).slice(0, 5).join(" | ");
      if (!words) continue;
      const unbounded = await prisma.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "KnowledgeChunk", to_tsquery('simple', ${words}) AS q
        WHERE "search" @@ q AND "documentId" = ANY(${readable.get(q.taskId)}::text[])
        ORDER BY ts_rank("search", q) DESC, "position" LIMIT ${AGREEMENT_DEPTH}`;
      const found = new Set((await relevantKnowledge({ ...q, budgetTokens: Number.MAX_SAFE_INTEGER })).slice(0, AGREEMENT_DEPTH).map((c) => c.id));
      agreed += unbounded.filter((row) => found.has(row.id)).length;
      compared += unbounded.length;
    }
    log(
      `  its first ${AGREEMENT_DEPTH} chunks hold ${fmt((100 * agreed) / compared)}% of an unbounded search's first ${AGREEMENT_DEPTH} (by the 5 rarest words)`,
    );
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
