"use client";

import { BarChart3 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge } from "@/components/ui/badge";
import type { InsightMeasures, RoutingInsight, TargetRating } from "@/lib/insight";
import { LATENCY_TARGET_MS, RATING_TARGETS, type RatingTarget, ROUTING_ACTIONS } from "@/lib/insight/constants";
import { EmptyState, SectionHeading } from "./page-header";
import { ColumnHeads, ScrollTable, td } from "./scroll-table";

type Action = (typeof ROUTING_ACTIONS)[number];

// the design tokens of app/globals.css, so the charts follow the light and dark themes
const actionColors: Record<Action, string> = {
  start: "var(--chart-1)",
  continue: "var(--chart-2)",
  switch: "var(--chart-3)",
  end: "var(--chart-4)",
  none: "var(--chart-5)",
};
const GRID = "var(--border)";
const TICK = { fill: "var(--muted-foreground)", fontSize: 12 };
const TOOLTIP = {
  contentStyle: { backgroundColor: "var(--popover)", color: "var(--foreground)", borderRadius: 8, border: "1px solid var(--border)", fontSize: 13 },
  itemStyle: { color: "var(--foreground)" },
  cursor: { fill: "var(--muted)", opacity: 0.6 },
};

/** Legend labels in the text colour (the series colour is on the swatch), so they keep their contrast. */
const legendText = (value: string) => <span style={{ color: "var(--foreground)" }}>{value}</span>;

/** A y-axis top that is a round number and always shows the target line. */
const latencyAxisTop = (dataMax: number) => {
  const step = dataMax <= 1000 ? 250 : dataMax <= 5000 ? 1000 : 5000;
  return Math.max(Math.ceil(dataMax / step) * step, 2 * LATENCY_TARGET_MS);
};

/** Numbers, rates, seconds and days in the reader's language. */
function useFigures() {
  const format = useFormatter();
  const t = useTranslations("admin.insight");
  return {
    count: (n: number) => format.number(n),
    percent: (rate: number | null) => (rate === null ? "—" : format.number(rate, { style: "percent", maximumFractionDigits: 0 })),
    /** two decimals under a second (the study's target is 0.3 s), one above */
    seconds: (ms: number | null) =>
      ms === null
        ? "—"
        : t("seconds", { value: format.number(ms / 1000, { maximumFractionDigits: ms < 1000 ? 2 : 1, minimumFractionDigits: ms < 1000 ? 2 : 1 }) }),
    day: (start: string) => format.dateTime(new Date(`${start}T00:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" }),
  };
}

function Stat({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-xl border border-border p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums tracking-tight">{value}</dd>
      {children && <dd className="text-xs text-muted-foreground">{children}</dd>}
    </div>
  );
}

function Summary({ totals }: { totals: InsightMeasures }) {
  const t = useTranslations("admin.insight.summary");
  const f = useFigures();
  const p50 = totals.latencyP50Ms;
  return (
    <dl aria-label={t("label")} className="grid grid-cols-2 gap-3 lg:grid-cols-5">
      <Stat label={t("turns")} value={f.count(totals.turns)}>
        {t("turnsDetail", { router: totals.sources.router, user: totals.sources.user, action: totals.sources.action })}
      </Stat>
      <Stat label={t("invalid")} value={f.count(totals.invalid)}>
        {totals.sources.router ? t("invalidDetail", { share: f.percent(totals.invalid / totals.sources.router) }) : t("noRouterAnswers")}
      </Stat>
      <Stat label={t("corrections")} value={f.count(totals.corrections)}>
        {t("correctionsDetail", { down: totals.thumbsDown })}
      </Stat>
      <Stat label={t("p50")} value={f.seconds(p50)}>
        {t("target", { target: f.seconds(LATENCY_TARGET_MS), met: p50 === null ? "unknown" : p50 <= LATENCY_TARGET_MS ? "yes" : "no" })}
      </Stat>
      <Stat label={t("p95")} value={f.seconds(totals.latencyP95Ms)}>
        {t("p95Detail")}
      </Stat>
    </dl>
  );
}

/** The thumbs-up rate of each thing users rate, each labelled, with a bar for the share of thumbs up. */
function Ratings({ ratings }: { ratings: Record<RatingTarget, TargetRating> }) {
  const t = useTranslations("admin.insight.ratings");
  const f = useFigures();
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <div>
        <h2 id={id} className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        {RATING_TARGETS.map((target) => {
          const rating = ratings[target];
          return (
            <div key={target} data-testid={`rating-${target}`} className="flex min-w-0 flex-col gap-2 rounded-xl border border-border p-4">
              <dt className="text-sm text-muted-foreground">{t(`target.${target}`)}</dt>
              <dd className="text-2xl font-semibold tabular-nums tracking-tight">{f.percent(rating.upRate)}</dd>
              <dd>
                <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-muted">
                  <div className="h-full rounded-full bg-chart-1" style={{ width: `${Math.round((rating.upRate ?? 0) * 100)}%` }} />
                </div>
              </dd>
              <dd className="text-xs text-muted-foreground">{rating.up + rating.down ? t("votes", { up: rating.up, down: rating.down }) : t("noVotes")}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

function ChartFigure({ title, description, empty, children }: { title: string; description: string; empty: string | null; children: ReactNode }) {
  const id = useId();
  return (
    <figure aria-labelledby={id} className="flex min-w-0 flex-col gap-2 rounded-xl border border-border p-4">
      <figcaption id={id} className="text-sm font-semibold">
        {title}
      </figcaption>
      {empty ? (
        <p className="flex h-64 items-center justify-center rounded-lg bg-surface px-4 text-center text-sm text-muted-foreground">{empty}</p>
      ) : (
        <>
          <p className="sr-only">{description}</p>
          <div className="h-64 w-full min-w-0">{children}</div>
        </>
      )}
    </figure>
  );
}

function MeasureCells({ m }: { m: InsightMeasures }) {
  const f = useFigures();
  return (
    <>
      <td className={td}>{f.count(m.turns)}</td>
      {ROUTING_ACTIONS.map((action) => (
        <td key={action} className={td}>
          {f.count(m.actions[action])}
        </td>
      ))}
      <td className={td}>{f.count(m.sources.user)}</td>
      <td className={td}>{f.count(m.corrections)}</td>
      <td className={td}>{f.percent(m.upRate)}</td>
      <td className={td}>{f.count(m.invalid)}</td>
      <td className={td}>{f.seconds(m.latencyP50Ms)}</td>
      <td className={td}>{f.seconds(m.latencyP95Ms)}</td>
    </>
  );
}

type Row = { name: string; slug: string | null; deleted: boolean; key: string; m: InsightMeasures };

/** On a phone, each task is a card with its figures as a definition list. */
function TaskCards({ rows, label }: { rows: Row[]; label: string }) {
  const t = useTranslations("admin.insight");
  const f = useFigures();
  return (
    <ul aria-label={label} className="flex flex-col gap-3 md:hidden">
      {rows.map((row) => (
        <li key={row.key} className="rounded-xl border border-border p-4">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            {row.name}
            {row.deleted && <Badge tone="outline">{t("deleted")}</Badge>}
          </p>
          {row.slug && <p className="font-mono text-xs text-muted-foreground">/{row.slug}</p>}
          <dl className="mt-3 grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
            {(
              [
                [t("table.turns"), f.count(row.m.turns)],
                [t("table.corrections"), f.count(row.m.corrections)],
                [t("table.upRate"), f.percent(row.m.upRate)],
                [t("table.invalid"), f.count(row.m.invalid)],
                ["p50", f.seconds(row.m.latencyP50Ms)],
                ["p95", f.seconds(row.m.latencyP95Ms)],
              ] as const
            ).map(([term, value]) => (
              <div key={term} className="min-w-0">
                <dt className="text-xs text-muted-foreground">{term}</dt>
                <dd className="tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-muted-foreground">
            {ROUTING_ACTIONS.map((action) => `${t(`action.${action}`)} ${f.count(row.m.actions[action])}`).join(" · ")}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The routing measures of a period: summary, thumbs per target, decisions and latency over time, and the figures per task. */
export function InsightView({ insight, taskNames }: { insight: RoutingInsight; taskNames: Record<string, string> }) {
  const t = useTranslations("admin.insight");
  const f = useFigures();
  const { totals, tasks, buckets, range, ratings } = insight;
  const per = range.bucket;
  const period = (start: string) => (per === "week" ? t("weekOf", { day: f.day(start) }) : f.day(start));
  const chartRows = buckets.map((b) => ({ label: f.day(b.start), period: period(b.start), ...b.actions, p50: b.latencyP50Ms, p95: b.latencyP95Ms }));
  const noTurns = totals.turns === 0;
  const empty = t("empty");
  const actionLabel = (action: Action) => t(`action.${action}`);
  const rows: Row[] = tasks.map((task) => ({
    key: task.taskId ?? "none",
    name: task.taskId ? (taskNames[task.taskId] ?? task.name) : t("noTask"),
    slug: task.slug,
    deleted: task.deleted,
    m: task,
  }));

  return (
    <div className="flex min-w-0 flex-col gap-6" data-testid="insight">
      <Summary totals={totals} />
      <Ratings ratings={ratings} />

      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        <ChartFigure title={t("charts.decisions", { per })} description={t("charts.decisionsDescription", { per })} empty={noTurns ? empty : null}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
            <BarChart data={chartRows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: GRID }} minTickGap={12} />
              <YAxis allowDecimals={false} tick={TICK} tickLine={false} axisLine={false} tickFormatter={(n: number) => f.count(n)} />
              <Tooltip {...TOOLTIP} labelFormatter={(_, payload) => payload?.[0]?.payload?.period ?? ""} formatter={(value) => f.count(Number(value))} />
              <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={legendText} />
              {ROUTING_ACTIONS.map((action) => (
                <Bar key={action} dataKey={action} name={actionLabel(action)} stackId="actions" fill={actionColors[action]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>

        <ChartFigure
          title={t("charts.latency", { per })}
          description={t("charts.latencyDescription", { per, target: f.seconds(LATENCY_TARGET_MS) })}
          empty={totals.latencyP50Ms === null ? (noTurns ? empty : t("summary.noRouterAnswers")) : null}
        >
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
            <LineChart data={chartRows} margin={{ top: 8, right: 8, bottom: 0, left: -4 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: GRID }} minTickGap={12} />
              <YAxis tick={TICK} tickLine={false} axisLine={false} tickFormatter={(ms: number) => f.seconds(ms)} domain={[0, latencyAxisTop]} />
              <Tooltip
                {...TOOLTIP}
                cursor={{ stroke: "var(--input)" }}
                labelFormatter={(_, payload) => payload?.[0]?.payload?.period ?? ""}
                formatter={(value) => f.seconds(typeof value === "number" ? value : null)}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={legendText} />
              <ReferenceLine y={LATENCY_TARGET_MS} stroke="var(--chart-target)" strokeWidth={1.5} strokeDasharray="4 4" />
              <Line type="monotone" dataKey="p50" name="p50" stroke="var(--chart-2)" strokeWidth={2} dot={chartRows.length <= 31} isAnimationActive={false} />
              <Line
                type="monotone"
                dataKey="p95"
                name="p95"
                stroke="var(--chart-3)"
                strokeWidth={2}
                strokeDasharray="6 3"
                dot={chartRows.length <= 31}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>

      <section className="flex min-w-0 flex-col gap-3" aria-labelledby="insight-tasks">
        <h2 id="insight-tasks" className="text-base font-semibold">
          {t("perTask")}
        </h2>
        {rows.length === 0 ? (
          <EmptyState icon={<BarChart3 />} title={empty}>
            {t("emptyBody")}
          </EmptyState>
        ) : (
          <>
            <TaskCards rows={[...rows, { key: "total", name: t("allTasks"), slug: null, deleted: false, m: totals }]} label={t("perTask")} />
            <ScrollTable caption={t("perTask")} className="hidden md:block">
              <thead className="border-b border-border">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium">
                    {t("table.task")}
                  </th>
                  <ColumnHeads
                    labels={[
                      t("table.turns"),
                      ...ROUTING_ACTIONS.map(actionLabel),
                      <abbr key="by-user" title={t("table.byUserHint")}>
                        {t("table.byUser")}
                      </abbr>,
                      t("table.corrections"),
                      <abbr key="up-rate" title={t("table.upRateHint")}>
                        {t("table.upRate")}
                      </abbr>,
                      <abbr key="invalid" title={t("table.invalidHint")}>
                        {t("table.invalid")}
                      </abbr>,
                      "p50",
                      "p95",
                    ]}
                  />
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {rows.map((row) => (
                  <tr key={row.key} data-testid="insight-task-row">
                    <th scope="row" className="min-w-40 px-3 py-2 text-left font-normal">
                      <span className="flex flex-wrap items-center gap-2">
                        {row.name}
                        {row.deleted && <Badge tone="outline">{t("deleted")}</Badge>}
                      </span>
                      {row.slug && <span className="block font-mono text-xs text-muted-foreground">/{row.slug}</span>}
                    </th>
                    <MeasureCells m={row.m} />
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t border-border font-medium">
                <tr>
                  <th scope="row" className="px-3 py-2 text-left">
                    {t("allTasks")}
                  </th>
                  <MeasureCells m={totals} />
                </tr>
              </tfoot>
            </ScrollTable>
          </>
        )}
      </section>

      {!noTurns && (
        <details className="min-w-0 rounded-xl border border-border p-4 text-sm">
          <summary className="cursor-pointer font-medium">{t("perBucket", { per })}</summary>
          <div className="mt-3">
            <ScrollTable caption={t("perBucketCaption", { per })}>
              <thead className="border-b border-border">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                    {t("bucketColumn", { per })}
                  </th>
                  <ColumnHeads labels={[t("table.turns"), ...ROUTING_ACTIONS.map(actionLabel), t("table.invalid"), t("table.corrections"), "p50", "p95"]} />
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {buckets.map((b) => (
                  <tr key={b.start}>
                    <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                      {f.day(b.start)}
                    </th>
                    <td className={td}>{f.count(b.turns)}</td>
                    {ROUTING_ACTIONS.map((action) => (
                      <td key={action} className={td}>
                        {f.count(b.actions[action])}
                      </td>
                    ))}
                    <td className={td}>{f.count(b.invalid)}</td>
                    <td className={td}>{f.count(b.corrections)}</td>
                    <td className={td}>{f.seconds(b.latencyP50Ms)}</td>
                    <td className={td}>{f.seconds(b.latencyP95Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </details>
      )}
      <QualityChecks rows={insight.qualityChecks} taskNames={taskNames} />
    </div>
  );
}

/** Issue 15: per task, the versions its quality check saw in the period and what it did. */
function QualityChecks({ rows, taskNames }: { rows: RoutingInsight["qualityChecks"]; taskNames: Record<string, string> }) {
  const t = useTranslations("admin.insight.checks");
  const f = useFigures();
  if (rows.length === 0) return null;
  return (
    <section className="flex min-w-0 flex-col gap-3" aria-labelledby="insight-checks">
      <SectionHeading id="insight-checks" title={t("title")} description={t("description")} />
      <ScrollTable caption={t("title")}>
        <thead className="border-b border-border">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              {t("task")}
            </th>
            <ColumnHeads labels={[t("checks"), t("passed"), t("revised"), t("failedAfterRevision"), t("errors")]} />
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.map((row) => (
            <tr key={row.taskId} data-testid="insight-check-row">
              <th scope="row" className="min-w-40 px-3 py-2 text-left font-normal">
                {taskNames[row.taskId] ?? row.name}
                <span className="block font-mono text-xs text-muted-foreground">/{row.slug}</span>
              </th>
              <td className={td}>{f.count(row.checks)}</td>
              <td className={td}>{f.count(row.passed)}</td>
              <td className={td}>{f.count(row.revised)}</td>
              <td className={td}>{f.count(row.failedAfterRevision)}</td>
              <td className={td}>{f.count(row.errors)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
