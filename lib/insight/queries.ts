import { type DecisionSource, db, Prisma, type RoutingAction } from "@/lib/db";
import { invalidInput } from "@/lib/http";
import { NO_TASK, RATING_TARGETS, type RatingTarget } from "./constants";
import { type InsightBucket, insightQuerySchema } from "./schema";

export interface InsightMeasures {
  /** routed turns (routing decisions) */
  turns: number;
  actions: Record<RoutingAction, number>;
  sources: Record<DecisionSource, number>;
  /** thumbs-down votes on decisions that name the task the router should have chosen */
  corrections: number;
  thumbsUp: number;
  thumbsDown: number;
  /** thumbsUp / (thumbsUp + thumbsDown); null without votes */
  upRate: number | null;
  /** router answers that were not in the expected format (validFormat = false) */
  invalid: number;
  /** router latency percentiles (source = router only); null without router turns */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface TaskInsight extends InsightMeasures {
  /** the chosen task; null for turns routed to no task */
  taskId: string | null;
  /** the task's name, or "No task" */
  name: string;
  slug: string | null;
  /** the task was deleted by an admin and is kept for history */
  deleted: boolean;
}

export interface BucketInsight {
  /** first day of the bucket (UTC), YYYY-MM-DD */
  start: string;
  turns: number;
  actions: Record<RoutingAction, number>;
  invalid: number;
  corrections: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

/** Thumbs on one kind of thing users rate. */
export interface TargetRating {
  up: number;
  down: number;
  /** up / (up + down); null without votes */
  upRate: number | null;
}

export interface RoutingInsight {
  /** from inclusive, to exclusive, ISO date-times */
  range: { from: string; to: string; bucket: InsightBucket };
  totals: InsightMeasures;
  /**
   * Thumbs per target, each on the things made in the range: answers (messages), task choices (routing
   * decisions; the same votes as totals.thumbsUp/Down) and deliverable versions.
   */
  ratings: Record<RatingTarget, TargetRating>;
  /** per chosen task, most turns first */
  tasks: TaskInsight[];
  /** every bucket of the range in order, empty ones included */
  buckets: BucketInsight[];
  /** issue 15: the quality checks of the versions written in the range, per task, most checks first */
  qualityChecks: QualityCheckInsight[];
}

/** What a task's quality check did to the versions written in the range. */
export interface QualityCheckInsight {
  taskId: string;
  name: string;
  slug: string;
  /** versions checked */
  checks: number;
  passed: number;
  /** failed, then revised once */
  revised: number;
  failedAfterRevision: number;
  /** the check could not run */
  errors: number;
}

export interface RoutingInsightInput {
  from?: Date | string;
  to?: Date | string;
  bucket?: InsightBucket;
}

type MeasureRow = {
  turns: number;
  a_start: number;
  a_continue: number;
  a_switch: number;
  a_end: number;
  a_none: number;
  s_router: number;
  s_user: number;
  s_action: number;
  corrections: number;
  up: number;
  down: number;
  up_rate: number | null;
  invalid: number;
  p50: number | null;
  p95: number | null;
};
type TaskRow = MeasureRow & { is_total: boolean; task_id: string | null; name: string | null; slug: string | null; deleted: boolean | null };
type BucketRow = Pick<MeasureRow, "turns" | "a_start" | "a_continue" | "a_switch" | "a_end" | "a_none" | "invalid" | "corrections" | "p50" | "p95"> & {
  start: string;
};

/**
 * The range, the bucket unit, and the decisions in the range, one row each with its votes counted. The
 * bounds arrive as ISO strings and become UTC timestamps, the type Prisma stores DateTime columns in.
 * Votes are counted per decision first so joining them cannot multiply the decision rows.
 */
function decisionsInRange(from: Date, to: Date, bucket: InsightBucket) {
  return Prisma.sql`
    bounds AS (
      SELECT CAST(${from.toISOString()} AS timestamptz) AT TIME ZONE 'UTC' AS lo,
             CAST(${to.toISOString()} AS timestamptz) AT TIME ZONE 'UTC' AS hi,
             CAST(${bucket} AS text) AS unit
    ),
    votes AS (
      SELECT f."routingDecisionId" AS id,
             COUNT(*) FILTER (WHERE f."rating" = 'up') AS up,
             COUNT(*) FILTER (WHERE f."rating" = 'down') AS down,
             COUNT(*) FILTER (WHERE f."rating" = 'down' AND f."correction" IS NOT NULL) AS corrections
      FROM "Feedback" f
      JOIN "RoutingDecision" r ON r."id" = f."routingDecisionId"
      CROSS JOIN bounds b
      WHERE r."createdAt" >= b.lo AND r."createdAt" < b.hi
      GROUP BY f."routingDecisionId"
    ),
    d AS (
      SELECT r."id", r."chosenTaskId", r."action", r."source", r."latencyMs", r."validFormat",
             date_trunc(b.unit, r."createdAt") AS bucket_start,
             COALESCE(v.up, 0) AS up, COALESCE(v.down, 0) AS down, COALESCE(v.corrections, 0) AS corrections
      FROM "RoutingDecision" r
      CROSS JOIN bounds b
      LEFT JOIN votes v ON v.id = r."id"
      WHERE r."createdAt" >= b.lo AND r."createdAt" < b.hi
    )`;
}

/** Counts by action and invalid answers, corrections and latency percentiles, over the rows of `d`. */
const coreMeasures = Prisma.sql`
  COUNT(d."id")::int AS turns,
  COUNT(d."id") FILTER (WHERE d."action" = 'start')::int AS a_start,
  COUNT(d."id") FILTER (WHERE d."action" = 'continue')::int AS a_continue,
  COUNT(d."id") FILTER (WHERE d."action" = 'switch')::int AS a_switch,
  COUNT(d."id") FILTER (WHERE d."action" = 'end')::int AS a_end,
  COUNT(d."id") FILTER (WHERE d."action" = 'none')::int AS a_none,
  COUNT(d."id") FILTER (WHERE NOT d."validFormat")::int AS invalid,
  COALESCE(SUM(d.corrections), 0)::int AS corrections,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY d."latencyMs") FILTER (WHERE d."source" = 'router') AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY d."latencyMs") FILTER (WHERE d."source" = 'router') AS p95`;

type ActionColumns = Pick<MeasureRow, "a_start" | "a_continue" | "a_switch" | "a_end" | "a_none">;

function actionsOf(row: ActionColumns | undefined): Record<RoutingAction, number> {
  return {
    start: row?.a_start ?? 0,
    continue: row?.a_continue ?? 0,
    switch: row?.a_switch ?? 0,
    end: row?.a_end ?? 0,
    none: row?.a_none ?? 0,
  };
}

function measuresOf(row: MeasureRow | undefined): InsightMeasures {
  return {
    turns: row?.turns ?? 0,
    actions: actionsOf(row),
    sources: { router: row?.s_router ?? 0, user: row?.s_user ?? 0, action: row?.s_action ?? 0 },
    corrections: row?.corrections ?? 0,
    thumbsUp: row?.up ?? 0,
    thumbsDown: row?.down ?? 0,
    upRate: row?.up_rate ?? null,
    invalid: row?.invalid ?? 0,
    latencyP50Ms: row?.p50 ?? null,
    latencyP95Ms: row?.p95 ?? null,
  };
}

/**
 * The measures of the Mojodex routing study over live data: per chosen task and overall, the routing
 * decisions by action and by source, corrections, thumbs and their up-rate, invalid router answers and
 * router latency p50/p95; and the same per day or week. Everything is aggregated in SQL (standard
 * Postgres, so the same on PGlite), over decisions with from <= createdAt < to, buckets in UTC.
 */
export async function routingInsight(input: RoutingInsightInput = {}): Promise<RoutingInsight> {
  const parsed = insightQuerySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error, "insight");
  const { from, to, bucket } = parsed.data;
  const ranged = decisionsInRange(from, to, bucket);

  // One pass for per-task rows and the grand total: the empty grouping set () is the total, and it
  // exists even when the range holds no decision.
  const taskRows = await db().$queryRaw<TaskRow[]>`
    WITH ${ranged}
    SELECT GROUPING(d."chosenTaskId") = 1 AS is_total,
           d."chosenTaskId" AS task_id, t."name" AS name, t."slug" AS slug, (t."deletedAt" IS NOT NULL) AS deleted,
           ${coreMeasures},
           COUNT(d."id") FILTER (WHERE d."source" = 'router')::int AS s_router,
           COUNT(d."id") FILTER (WHERE d."source" = 'user')::int AS s_user,
           COUNT(d."id") FILTER (WHERE d."source" = 'action')::int AS s_action,
           COALESCE(SUM(d.up), 0)::int AS up,
           COALESCE(SUM(d.down), 0)::int AS down,
           CAST(SUM(d.up) AS double precision) / NULLIF(SUM(d.up) + SUM(d.down), 0) AS up_rate
    FROM d
    LEFT JOIN "Task" t ON t."id" = d."chosenTaskId"
    GROUP BY GROUPING SETS ((d."chosenTaskId", t."name", t."slug", t."deletedAt"), ())
    ORDER BY is_total, turns DESC, t."name" NULLS LAST`;

  // Every bucket of the range, empty ones too, so a chart's time axis has no gaps.
  const bucketRows = await db().$queryRaw<BucketRow[]>`
    WITH ${ranged},
    series AS (
      SELECT s AS bucket_start
      FROM bounds b,
           generate_series(date_trunc(b.unit, b.lo), date_trunc(b.unit, b.hi - interval '1 millisecond'), CAST('1 ' || b.unit AS interval)) AS s
    )
    SELECT to_char(s.bucket_start, 'YYYY-MM-DD') AS start,
           ${coreMeasures}
    FROM series s
    LEFT JOIN d ON d.bucket_start = s.bucket_start
    GROUP BY s.bucket_start
    ORDER BY s.bucket_start`;

  // Votes on each kind of target, counted by when the rated thing was made, like decisions above.
  const ratingRows = await db().$queryRaw<{ target: RatingTarget; up: number; down: number }[]>`
    WITH bounds AS (
      SELECT CAST(${from.toISOString()} AS timestamptz) AT TIME ZONE 'UTC' AS lo,
             CAST(${to.toISOString()} AS timestamptz) AT TIME ZONE 'UTC' AS hi
    ),
    rated AS (
      SELECT 'answer' AS target, f."rating", m."createdAt" AS made FROM "Feedback" f JOIN "Message" m ON m."id" = f."messageId"
      UNION ALL
      SELECT 'taskChoice', f."rating", r."createdAt" FROM "Feedback" f JOIN "RoutingDecision" r ON r."id" = f."routingDecisionId"
      UNION ALL
      SELECT 'version', f."rating", v."createdAt" FROM "Feedback" f JOIN "DeliverableVersion" v ON v."id" = f."deliverableVersionId"
    )
    SELECT rated.target,
           COUNT(*) FILTER (WHERE rated."rating" = 'up')::int AS up,
           COUNT(*) FILTER (WHERE rated."rating" = 'down')::int AS down
    FROM rated CROSS JOIN bounds b
    WHERE rated.made >= b.lo AND rated.made < b.hi
    GROUP BY rated.target`;
  const ratings = Object.fromEntries(
    RATING_TARGETS.map((target) => {
      const row = ratingRows.find((r) => r.target === target);
      const up = row?.up ?? 0;
      const down = row?.down ?? 0;
      return [target, { up, down, upRate: up + down ? up / (up + down) : null }];
    }),
  ) as Record<RatingTarget, TargetRating>;

  // issue 15: versions the quality check saw, by when they were written
  const qualityChecks = await db().$queryRaw<QualityCheckInsight[]>`
    SELECT t."id" AS "taskId", t."name" AS name, t."slug" AS slug,
           COUNT(*)::int AS checks,
           COUNT(*) FILTER (WHERE v."check" = 'passed')::int AS passed,
           COUNT(*) FILTER (WHERE v."check" = 'revised')::int AS revised,
           COUNT(*) FILTER (WHERE v."check" = 'failed_after_revision')::int AS "failedAfterRevision",
           COUNT(*) FILTER (WHERE v."check" = 'error')::int AS errors
    FROM "DeliverableVersion" v
    JOIN "Deliverable" d ON d."id" = v."deliverableId"
    JOIN "Task" t ON t."id" = d."taskId"
    WHERE v."check" IS NOT NULL
      AND v."createdAt" >= CAST(${from.toISOString()} AS timestamptz) AT TIME ZONE 'UTC'
      AND v."createdAt" < CAST(${to.toISOString()} AS timestamptz) AT TIME ZONE 'UTC'
    GROUP BY t."id", t."name", t."slug"
    ORDER BY checks DESC, t."name"`;

  const total = taskRows.find((row) => row.is_total);
  return {
    range: { from: from.toISOString(), to: to.toISOString(), bucket },
    totals: measuresOf(total),
    ratings,
    tasks: taskRows
      .filter((row) => !row.is_total)
      .map((row) => ({
        taskId: row.task_id,
        name: row.task_id ? (row.name ?? row.task_id) : NO_TASK,
        slug: row.slug,
        deleted: Boolean(row.deleted),
        ...measuresOf(row),
      })),
    buckets: bucketRows.map((row) => ({
      start: row.start,
      turns: row.turns,
      actions: actionsOf(row),
      invalid: row.invalid,
      corrections: row.corrections,
      latencyP50Ms: row.p50,
      latencyP95Ms: row.p95,
    })),
    qualityChecks,
  };
}
