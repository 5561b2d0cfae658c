// npm run bench:learnings — how long learning retrieval (lib/learnings relevantLearnings) takes with
// 10,000 learnings, on PGlite and on the local Postgres. Not a test: it prints numbers.
//
// Without an argument the script runs itself once per database in a child process, because
// relevantLearnings uses the process-wide db() (lib/db), which opens one database per process from
// DATABASE_URL / DATA_DIR. `tsx scripts/bench-learnings.ts pglite|postgres` runs one of them.
//
// Postgres: BENCH_POSTGRES_URL, else TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/test;
// a throwaway database is created there and dropped at the end. PGlite: a temporary folder, removed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { databaseTargetFromEnv, openDatabase, type Database } from "../lib/db/connection";
import { prepareDatabase } from "../lib/db/setup";

const LEARNINGS = Number(process.env.BENCH_LEARNINGS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const BATCH = 1_000;
const TARGET_MEDIAN_MS = 10;
// the budgets lib/chat/turn.ts uses
const ROUTER_LEARNINGS_TOKENS = 300;
const EXECUTOR_LEARNINGS_TOKENS = 1_200;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

type Kind = "pglite" | "postgres";
const kinds: Kind[] = ["pglite", "postgres"];

// ---------------------------------------------------------------------------------------------
// Parent: one child process per database
// ---------------------------------------------------------------------------------------------
const requested = process.argv[2] as Kind | undefined;
if (!requested) {
  let failed = false;
  for (const kind of kinds) {
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), kind], { stdio: "inherit", env: process.env });
    if (child.status !== 0) {
      failed = true;
      console.error(`\n[${kind}] the benchmark exited with ${child.status ?? child.signal}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
if (!kinds.includes(requested)) {
  console.error(`usage: tsx scripts/bench-learnings.ts [${kinds.join("|")}]`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Child: one database
// ---------------------------------------------------------------------------------------------
const kind = requested;
const log = (line = "") => console.log(`[${kind}] ${line}`);

/** A small seeded random generator, so every run inserts and asks the same things. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261121);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const some = <T>(list: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(random() * (max - min + 1));
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
};
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- professional vocabulary ----
const people = ["Nadia", "Marco", "Priya", "Tom", "Lea", "Ines", "Kofi", "Carla", "Ana", "Bo", "Hiroshi", "Fatima", "Lukas", "Sofia", "Omar", "Elena", "Raj", "Chloe", "Mateo", "Grace", "Yusuf", "Hannah", "Diego", "Mei", "Olga", "Samuel", "Aisha", "Jonas", "Camille", "Viktor"];
const companies = ["ACME", "Globex", "Initech", "Umbrella Logistics", "Stark Freight", "Wayne Health", "Hooli", "Vandelay Imports", "Soylent Foods", "Tyrell Systems", "Cyberdyne Labs", "Nakatomi Trading", "Massive Dynamic", "Oceanic Air", "Blue Sun", "Aperture Retail"];
const departments = ["finance", "procurement", "operations", "legal", "sales", "marketing", "HR", "IT", "customer success", "engineering", "compliance", "facilities", "product", "security", "logistics"];
const topics = [
  "Q3 logistics contract renewal", "carrier tender for the northern routes", "warehouse consolidation", "quarterly budget review", "hiring freeze",
  "supplier onboarding", "vendor selection for the CRM", "data migration to the new ERP", "pricing update for enterprise plans", "annual compliance audit",
  "GDPR data retention policy", "office relocation", "product launch timeline", "marketing campaign for the spring release", "security incident review",
  "customer churn analysis", "sales pipeline review", "board presentation", "capital expenditure request", "travel policy changes",
  "employee engagement survey", "onboarding process for new hires", "forklift safety inspections", "fleet electrification pilot", "freight cost reduction",
  "inventory write-off", "cash flow forecast", "partner referral programme", "service level agreement renegotiation", "cloud cost optimisation",
  "accessibility review of the website", "pilot with a hospital network", "insurance policy renewal", "year-end closing", "sustainability report",
  "four-day week trial", "shared parking scheme", "internal training programme", "customer advisory board", "tender for cleaning services",
];
const decisions = [
  "postpone the launch by two weeks", "re-tender the northern routes", "freeze hiring until Q3", "approve the pilot budget", "move to monthly inspections",
  "switch carriers for the southern region", "renew the contract for two years", "cap travel spend at 80% of last year", "run the survey in October",
  "hire a temporary data engineer", "escalate the incident to the board", "consolidate the two warehouses", "pilot electric vans in the city centre",
  "renegotiate payment terms to 45 days", "drop the legacy pricing tier", "start the migration in January",
];
const actions = [
  "send the revised pricing", "draft the tender documents", "book the follow-up workshop", "share the audit checklist", "update the cash flow forecast",
  "collect quotes from three carriers", "prepare the board slides", "confirm the pilot sites", "circulate the minutes", "check the insurance clauses",
  "schedule the safety training", "review the SLA penalties", "write the job description", "set up the shared drive", "call the landlord",
];
const dates = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next week", "end of the month", "15 March", "2 April", "30 June", "12 September", "the end of Q3", "4 November"];
const ideas = [
  "shorter weekly meetings", "a shared parking rota", "quarterly carrier scorecards", "a mentoring programme for juniors", "self-service expense reports",
  "a single intake form for IT requests", "remote Fridays", "a supplier code of conduct", "automated invoice matching", "a knowledge base for support",
  "bike leasing for staff", "a customer feedback panel", "energy-saving lighting in the warehouse", "a travel booking tool", "cross-training in operations",
];
const audiences = ["the board", "the leadership team", "all staff", "the finance committee", "department heads", "the operations team", "new managers", "the works council"];
const complaints = [
  "Too long; keep it to one page", "Do not invent attendees", "Never open with 'I hope this email finds you well'", "Use a table for action items",
  "Too formal for a colleague", "Put the decisions before the discussion", "Do not use exclamation marks", "Keep the user's numbers exactly",
  "Always include due dates", "Avoid jargon like 'synergies'", "The subject line was too vague", "Missing the call to action", "Do not repeat the summary at the end",
];
const chatter = ["What is the capital of Portugal?", "How do I convert a PDF to Word?", "Thanks, that's all", "Can you explain what EBITDA means?", "What time is it in Tokyo?", "Tell me a joke about accountants", "How long should a board memo be?"];

const tasks = [
  { slug: "meeting-minutes", name: "Meeting minutes" },
  { slug: "follow-up-email", name: "Follow-up email" },
  { slug: "memo-from-ideas", name: "Memo from loose ideas" },
] as const;
type Slug = (typeof tasks)[number]["slug"];

function userRequest(slug: Slug | "none"): string {
  const topic = pick(topics);
  switch (slug) {
    case "meeting-minutes":
      return pick([
        `Write the minutes of the ${topic} meeting with ${some(people, 2, 3).join(", ")} on ${pick(dates)}`,
        `I just left the ${topic} meeting with ${pick(companies)}; we decided to ${pick(decisions)}. Can you write it up?`,
        `Minutes please: ${pick(departments)} sync about the ${topic}, ${pick(people)} will ${pick(actions)} by ${pick(dates)}`,
        `Summarise our call with ${pick(people)} from ${pick(companies)} about the ${topic} as minutes`,
      ]);
    case "follow-up-email":
      return pick([
        `Can you draft the follow-up email to ${pick(people)} about the ${topic}?`,
        `Send ${pick(people)} at ${pick(companies)} a thank-you email after today's call on the ${topic}`,
        `Email the participants: we agreed to ${pick(decisions)}; ${pick(people)} will ${pick(actions)} by ${pick(dates)}`,
        `Write a short follow-up to ${pick(people)} confirming next steps on the ${topic}`,
      ]);
    case "memo-from-ideas":
      return pick([
        `Turn these ideas into a memo for ${pick(audiences)}: ${some(ideas, 2, 4).join(", ")}`,
        `Brain dump on the ${topic}: ${some(ideas, 2, 3).join("; ")}. Make it a one-pager for ${pick(audiences)}`,
        `Some loose notes for ${pick(audiences)} about the ${topic}: ${some(ideas, 2, 4).join(", ")}`,
      ]);
    default:
      return pick([...chatter, `What do you think about the ${topic}?`, `Remind me what ${pick(departments)} does`]);
  }
}

function deliverable(slug: Slug): string {
  const topic = pick(topics);
  const who = some(people, 3, 5);
  if (slug === "meeting-minutes") {
    return [
      `Minutes – ${cap(topic)} – ${pick(dates)}`,
      "",
      "**Attendees**",
      ...who.map((p) => `- ${p} (${cap(pick(departments))})`),
      "",
      "**Summary**",
      `The ${pick(departments)} and ${pick(departments)} teams met with ${pick(companies)} to discuss the ${topic}. ${cap(pick(people))} presented the current status of the ${pick(topics)}. The group agreed to ${pick(decisions)}.`,
      "",
      "**Discussion**",
      ...some(topics, 2, 4).map((t) => `- ${cap(t)}: ${pick(people)} raised concerns about cost and timeline; ${pick(people)} proposed to ${pick(actions)}.`),
      "",
      "**Decisions**",
      ...some(decisions, 1, 3).map((d, i) => `${i + 1}. ${cap(d)}`),
      "",
      "**Action items**",
      "| Owner | Action | Due |",
      ...some(actions, 2, 4).map((a) => `| ${pick(who)} | ${cap(a)} | ${pick(dates)} |`),
    ].join("\n");
  }
  if (slug === "follow-up-email") {
    return [
      `${cap(topic)}: next steps`,
      "",
      `Dear ${pick(people)},`,
      "",
      `Thank you for your time on ${pick(dates)} to discuss the ${topic}.`,
      "",
      "As agreed:",
      ...some(decisions, 2, 3).map((d) => `- We will ${d}.`),
      "",
      "Next steps:",
      ...some(actions, 1, 3).map((a) => `- ${pick(people)} will ${a} by ${pick(dates)}.`),
      "",
      `Could you confirm by ${pick(dates)} that this works for ${pick(companies)}?`,
      "",
      "Best regards,",
      "[Your name]",
    ].join("\n");
  }
  return [
    `Memo – ${cap(topic)}`,
    "",
    `**To:** ${cap(pick(audiences))}`,
    `**Main point:** we propose ${pick(ideas)} to support the ${topic}.`,
    "",
    "**Proposals**",
    ...some(ideas, 2, 4).map((i, n) => `${n + 1}. ${cap(i)} — owned by ${pick(departments)}; first step: ${pick(actions)}.`),
    "",
    "**Open questions**",
    ...some(topics, 1, 3).map((t) => `- How does this affect the ${t}?`),
  ].join("\n");
}

const cuidish = () => `c${Math.floor(random() * 36 ** 10).toString(36).padStart(10, "0")}${Math.floor(random() * 36 ** 10).toString(36).padStart(10, "0")}`;

function learningRow(taskIds: Record<Slug, string>, conversations: string[]) {
  const router = random() < 0.4;
  const conversationId = random() < 0.95 ? pick(conversations) : null;
  const status = random() < 0.05 ? ("disabled" as const) : ("active" as const);
  if (router) {
    const correct = random() < 0.15 ? "none" : pick(tasks).slug;
    const excerpt: string[] = [];
    if (random() < 0.5) excerpt.push(`User: ${userRequest(pick(tasks).slug)}`, `Assistant: ${pick(["Happy to.", "Here is a draft.", "Who attended?", "Done."])}`);
    excerpt.push(`User: ${userRequest(correct)}`);
    return {
      scope: "router" as const,
      kind: "routing" as const,
      taskId: correct === "none" ? null : taskIds[correct],
      inputExcerpt: excerpt.join("\n"),
      expectedOutput: correct,
      conversationId,
      status,
    };
  }
  const slug = pick(tasks).slug;
  const avoid = random() < 0.3;
  return {
    scope: "task" as const,
    kind: avoid ? ("avoid" as const) : ("example" as const),
    taskId: taskIds[slug],
    inputExcerpt: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => (i === 0 ? userRequest(slug) : pick([`make it shorter`, `add that ${pick(people)} will ${pick(actions)}`, `the date was ${pick(dates)}`]))).join("\n"),
    expectedOutput: avoid ? pick(complaints) : deliverable(slug),
    conversationId,
    status,
  };
}

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

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (ms: number) => ms.toFixed(2);

async function main() {
  // ---- a throwaway database of this kind, and the environment lib/db reads ----
  const cleanups: (() => Promise<void>)[] = [];
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-bench-"));
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dataDir;
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  } else {
    const name = `switchboard_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }

  const globalForDb = globalThis as unknown as { switchboardDb?: Database };
  let database: Database | undefined;
  try {
    // ---- open (the same connection lib/db's db() will use) and migrate + seed ----
    let started = performance.now();
    database = openDatabase(databaseTargetFromEnv());
    await prepareDatabase(database);
    globalForDb.switchboardDb = database;
    const prisma = database.prisma;
    log(`${kind === "pglite" ? `PGlite in ${process.env.DATA_DIR}` : `Postgres ${new URL(process.env.DATABASE_URL!).pathname.slice(1)}`}: migrated and seeded in ${fmt(performance.now() - started)} ms`);

    // relevantLearnings goes through lib/db's db(): import it only now that the database is in place
    const { relevantLearnings } = await import("../lib/learnings/retrieve");
    const { db } = await import("../lib/db");
    if (db() !== prisma) throw new Error("lib/db's db() is not the database this benchmark opened");

    // ---- 10,000 learnings ----
    const seeded = await prisma.task.findMany({ select: { id: true, slug: true } });
    const taskIds = Object.fromEntries(seeded.map((t) => [t.slug, t.id])) as Record<Slug, string>;
    for (const t of tasks) if (!taskIds[t.slug]) throw new Error(`seed task ${t.slug} is missing`);
    const conversations = Array.from({ length: 2_000 }, cuidish);
    started = performance.now();
    for (let done = 0; done < LEARNINGS; done += BATCH) {
      const data = Array.from({ length: Math.min(BATCH, LEARNINGS - done) }, () => learningRow(taskIds, conversations));
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
    log(`inserted ${LEARNINGS.toLocaleString("en")} learnings in ${fmt(insertMs)} ms (createMany, ${BATCH} a batch) + ANALYZE; ` +
      `${stats.map((s) => `${s.scope}/${s.kind} ${s.n}`).join(", ")}; table ${size[0].table}, GIN index ${size[0].index}`);

    // ---- 200 varied queries, as lib/chat/turn.ts asks them ----
    type Query = { label: "router" | "task"; input: Parameters<typeof relevantLearnings>[0] };
    const queries: Query[] = Array.from({ length: QUERIES }, (_, i) => {
      if (i % 2 === 0) {
        const text = userRequest(random() < 0.2 ? "none" : pick(tasks).slug);
        return { label: "router", input: { scope: "router", text, budgetTokens: ROUTER_LEARNINGS_TOKENS, excludeConversationId: pick(conversations) } };
      }
      const task = pick(tasks);
      const text = `${task.name} ${random() < 0.3 ? `/${task.slug} ` : ""}${userRequest(task.slug)}`;
      return { label: "task", input: { scope: "task", taskId: taskIds[task.slug], text, budgetTokens: EXECUTOR_LEARNINGS_TOKENS, excludeConversationId: pick(conversations) } };
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
        line: `${label.padEnd(7)} n=${String(list.length).padStart(3)}  median ${fmt(median).padStart(7)} ms  p95 ${fmt(percentile(sorted, 95)).padStart(7)} ms  ` +
          `max ${fmt(sorted.at(-1)!).padStart(7)} ms  learnings kept per query ${fmt(list.reduce((s, t) => s + t.rows, 0) / list.length)}`,
      };
    };
    const all = summary("all", timings);
    log(`relevantLearnings() over ${QUERIES} queries:`);
    log(`  ${all.line}`);
    log(`  ${summary("router", timings.filter((t) => t.label === "router")).line}`);
    log(`  ${summary("task", timings.filter((t) => t.label === "task")).line}`);
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
    log(`rows each query matches (and ranks): median ${percentile(matched, 50)}, p95 ${percentile(matched, 95)} — ` +
      `median ${(percentile(shares, 50) * 100).toFixed(0)}% of the active learnings of its scope/task`);

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
    globalForDb.switchboardDb = undefined;
    await database?.close().catch(() => {});
    for (const cleanup of cleanups) await cleanup().catch((error) => log(`cleanup failed: ${(error as Error).message}`));
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`[${kind}] benchmark failed:`, error);
    process.exit(1);
  });
