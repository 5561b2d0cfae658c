"use client";

import { useId, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InsightMeasures, RoutingInsight } from "@/lib/insight";
import { LATENCY_TARGET_MS, ROUTING_ACTIONS } from "@/lib/insight/constants";

const EMPTY = "No routed turns in this period yet";

const actionLabels: Record<(typeof ROUTING_ACTIONS)[number], string> = {
  start: "Start",
  continue: "Continue",
  switch: "Switch",
  end: "End",
  none: "None",
};
// distinct in hue and lightness, readable on light and dark backgrounds
const actionColors: Record<(typeof ROUTING_ACTIONS)[number], string> = {
  start: "#059669",
  continue: "#4f46e5",
  switch: "#d97706",
  end: "#64748b",
  none: "#db2777",
};
const P50_COLOR = "#4f46e5";
const P95_COLOR = "#d97706";
const GRID = "rgb(127 127 127 / 0.25)";
const TICK = { fill: "currentColor", fontSize: 12 };
const TOOLTIP_STYLE = { backgroundColor: "#fff", color: "#18181b", borderRadius: 8, border: "1px solid #d4d4d8", fontSize: 13 };

const integer = new Intl.NumberFormat("en");
const count = (n: number) => integer.format(n);
const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
/** Latency in seconds: two decimals under a second (the study's target is 0.3 s), one above. */
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`);
/** The study's target as written there: "0.3 s". */
const TARGET_LABEL = `${LATENCY_TARGET_MS / 1000} s`;
/** A y-axis top that is a round number and always shows the target line. */
const latencyAxisTop = (dataMax: number) => {
  const step = dataMax <= 1000 ? 250 : dataMax <= 5000 ? 1000 : 5000;
  return Math.max(Math.ceil(dataMax / step) * step, 2 * LATENCY_TARGET_MS);
};
const dayLabel = (start: string) => new Date(`${start}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

function Card({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      {children && <dd className="text-xs text-zinc-600 dark:text-zinc-400">{children}</dd>}
    </div>
  );
}

function Summary({ totals }: { totals: InsightMeasures }) {
  const votes = totals.thumbsUp + totals.thumbsDown;
  const p50 = totals.latencyP50Ms;
  return (
    <dl aria-label="Summary" className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
      <Card label="Turns routed" value={count(totals.turns)}>
        {count(totals.sources.router)} by the router · {count(totals.sources.user)} by the user
      </Card>
      <Card label="Invalid answers" value={count(totals.invalid)}>
        {totals.sources.router ? `${percent(totals.invalid / totals.sources.router)} of router answers` : "No router answers"}
      </Card>
      <Card label="Corrections" value={count(totals.corrections)}>
        among {count(totals.thumbsDown)} thumbs down
      </Card>
      <Card label="Thumbs up-rate" value={percent(totals.upRate)}>
        {votes ? `${count(totals.thumbsUp)} up · ${count(totals.thumbsDown)} down` : "No votes yet"}
      </Card>
      <Card label="Latency p50" value={seconds(p50)}>
        Target {TARGET_LABEL}
        {p50 !== null && (p50 <= LATENCY_TARGET_MS ? " · met" : " · above target")}
      </Card>
      <Card label="Latency p95" value={seconds(totals.latencyP95Ms)}>
        router answers only
      </Card>
    </dl>
  );
}

function ChartFigure({ title, empty, note, children }: { title: string; empty: string | null; note?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <figure aria-labelledby={id} className="flex min-w-0 flex-col gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption id={id} className="text-sm font-medium">
        {title}
      </figcaption>
      {empty ? (
        <p className="flex h-64 items-center justify-center rounded-lg bg-zinc-50 px-4 text-center text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          {empty}
        </p>
      ) : (
        <>
          <div className="h-64 w-full min-w-0 text-zinc-600 dark:text-zinc-400">{children}</div>
          {note && <p className="text-xs text-zinc-600 dark:text-zinc-400">{note}</p>}
        </>
      )}
    </figure>
  );
}

const th = "px-2 py-2 text-right font-medium whitespace-nowrap";
const td = "px-2 py-2 text-right tabular-nums whitespace-nowrap";

function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="region" aria-labelledby={id} tabIndex={0} className="max-w-full overflow-x-auto rounded-xl border border-zinc-200 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800">
      <table className="w-full text-sm">
        <caption id={id} className="px-3 py-2 text-left font-medium">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

function MeasureCells({ m }: { m: InsightMeasures }) {
  return (
    <>
      <td className={td}>{count(m.turns)}</td>
      {ROUTING_ACTIONS.map((action) => (
        <td key={action} className={td}>
          {count(m.actions[action])}
        </td>
      ))}
      <td className={td}>{count(m.sources.user)}</td>
      <td className={td}>{count(m.corrections)}</td>
      <td className={td}>{count(m.thumbsUp)}</td>
      <td className={td}>{count(m.thumbsDown)}</td>
      <td className={td}>{percent(m.upRate)}</td>
      <td className={td}>{count(m.invalid)}</td>
      <td className={td}>{seconds(m.latencyP50Ms)}</td>
      <td className={td}>{seconds(m.latencyP95Ms)}</td>
    </>
  );
}

/** Two header rows: actions, thumbs and latency grouped under a heading each. */
function TaskTableHead() {
  const group = "border-b border-zinc-200 px-2 pt-2 pb-1 text-center font-medium whitespace-nowrap dark:border-zinc-800";
  const single = (label: ReactNode, left = false) => (
    <th scope="col" rowSpan={2} className={`px-2 py-2 font-medium whitespace-nowrap align-bottom ${left ? "pl-3 text-left" : "text-right"}`}>
      {label}
    </th>
  );
  return (
    <thead className="border-b border-zinc-200 dark:border-zinc-800">
      <tr>
        {single("Task", true)}
        {single("Turns")}
        <th scope="colgroup" colSpan={ROUTING_ACTIONS.length} className={group}>Actions</th>
        {single(<abbr title="Chosen by the user with a /command">By user</abbr>)}
        {single("Corrections")}
        <th scope="colgroup" colSpan={3} className={group}>Thumbs</th>
        {single(<abbr title="Router answers not in the expected format">Invalid</abbr>)}
        <th scope="colgroup" colSpan={2} className={group}>Latency</th>
      </tr>
      <tr>
        {ROUTING_ACTIONS.map((action) => (
          <th key={action} scope="col" className={th}>
            {actionLabels[action]}
          </th>
        ))}
        <th scope="col" className={th}>Up</th>
        <th scope="col" className={th}>Down</th>
        <th scope="col" className={th}>Up-rate</th>
        <th scope="col" className={th}>p50</th>
        <th scope="col" className={th}>p95</th>
      </tr>
    </thead>
  );
}

/** The routing measures of a period: summary, decisions and latency over time, and a table per task. */
export function InsightView({ insight }: { insight: RoutingInsight }) {
  const { totals, tasks, buckets, range } = insight;
  const per = range.bucket === "week" ? "week" : "day";
  const periodLabel = (start: string) => (per === "week" ? `Week of ${dayLabel(start)}` : dayLabel(start));
  const rows = buckets.map((b) => ({ label: dayLabel(b.start), period: periodLabel(b.start), ...b.actions, p50: b.latencyP50Ms, p95: b.latencyP95Ms }));
  const noTurns = totals.turns === 0;
  const noLatency = totals.latencyP50Ms === null;

  return (
    <div className="flex min-w-0 flex-col gap-4" data-testid="insight">
      <Summary totals={totals} />

      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        <ChartFigure title={`Decisions by action, per ${per}`} empty={noTurns ? EMPTY : null}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
            <BarChart
              data={rows}
              title={`Decisions by action, per ${per}`}
              desc={`Stacked bars: routing decisions per ${per}, split into ${ROUTING_ACTIONS.map((a) => actionLabels[a].toLowerCase()).join(", ")}.`}
              margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
            >
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" tick={TICK} tickLine={false} minTickGap={12} />
              <YAxis allowDecimals={false} tick={TICK} tickLine={false} axisLine={false} />
              <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(_, payload) => payload?.[0]?.payload?.period ?? ""} />
              <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
              {ROUTING_ACTIONS.map((action) => (
                <Bar key={action} dataKey={action} name={actionLabels[action]} stackId="actions" fill={actionColors[action]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>

        <ChartFigure
          title={`Router latency p50 and p95, per ${per} (target ${TARGET_LABEL} at p50)`}
          empty={noTurns ? EMPTY : noLatency ? "No router answers in this period yet" : null}
          note={
            <>
              <span aria-hidden="true" className="mr-1 inline-block w-5 border-t-2 border-dashed border-emerald-600 align-middle" />
              the study&apos;s target, {TARGET_LABEL} at p50; turns chosen by the user with a /command are left out
            </>
          }
        >
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
            <LineChart
              data={rows}
              title={`Router latency p50 and p95, per ${per}`}
              desc={`Lines: the median (p50) and 95th percentile (p95) of router latency per ${per}, in seconds, with the study's ${TARGET_LABEL} target.`}
              margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
            >
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" tick={TICK} tickLine={false} minTickGap={12} />
              <YAxis
                tick={TICK}
                tickLine={false}
                axisLine={false}
                tickFormatter={(ms: number) => `${ms / 1000} s`}
                domain={[0, latencyAxisTop]}
              />
              <Tooltip
                contentStyle={TOOLTIP_STYLE}
                labelFormatter={(_, payload) => payload?.[0]?.payload?.period ?? ""}
                formatter={(value) => seconds(typeof value === "number" ? value : null)}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
              <ReferenceLine y={LATENCY_TARGET_MS} stroke="#059669" strokeWidth={1.5} strokeDasharray="4 4" />
              <Line type="monotone" dataKey="p50" name="p50" stroke={P50_COLOR} strokeWidth={2} dot={rows.length <= 31} isAnimationActive={false} />
              <Line type="monotone" dataKey="p95" name="p95" stroke={P95_COLOR} strokeWidth={2} strokeDasharray="6 3" dot={rows.length <= 31} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>

      {!noTurns && (
        <details className="min-w-0 rounded-xl border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer font-medium">The numbers per {per}</summary>
          <div className="mt-2">
            <ScrollTable caption={`Decisions, invalid answers, corrections and latency per ${per}`}>
              <thead className="border-b border-zinc-200 dark:border-zinc-800">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium whitespace-nowrap">{per === "week" ? "Week of" : "Day"}</th>
                  <th scope="col" className={th}>Turns</th>
                  {ROUTING_ACTIONS.map((action) => (
                    <th key={action} scope="col" className={th}>
                      {actionLabels[action]}
                    </th>
                  ))}
                  <th scope="col" className={th}>Invalid</th>
                  <th scope="col" className={th}>Corrections</th>
                  <th scope="col" className={th}>p50</th>
                  <th scope="col" className={th}>p95</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
                {buckets.map((b) => (
                  <tr key={b.start}>
                    <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">{dayLabel(b.start)}</th>
                    <td className={td}>{count(b.turns)}</td>
                    {ROUTING_ACTIONS.map((action) => (
                      <td key={action} className={td}>
                        {count(b.actions[action])}
                      </td>
                    ))}
                    <td className={td}>{count(b.invalid)}</td>
                    <td className={td}>{count(b.corrections)}</td>
                    <td className={td}>{seconds(b.latencyP50Ms)}</td>
                    <td className={td}>{seconds(b.latencyP95Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </details>
      )}

      <ScrollTable caption="Per task">
        <TaskTableHead />
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {tasks.length === 0 && (
            <tr>
              <td colSpan={15} className="px-3 py-4 text-zinc-600 dark:text-zinc-400">
                {EMPTY}
              </td>
            </tr>
          )}
          {tasks.map((t) => (
            <tr key={t.taskId ?? "none"} data-testid="insight-task-row">
              <th scope="row" className="min-w-36 px-3 py-2 text-left font-normal">
                {t.name}
                {t.deleted && <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-800">deleted</span>}
                {t.slug && <span className="block text-xs text-zinc-500">/{t.slug}</span>}
              </th>
              <MeasureCells m={t} />
            </tr>
          ))}
        </tbody>
        {tasks.length > 0 && (
          <tfoot className="border-t border-zinc-200 font-medium dark:border-zinc-800">
            <tr>
              <th scope="row" className="px-3 py-2 text-left">All tasks</th>
              <MeasureCells m={totals} />
            </tr>
          </tfoot>
        )}
      </ScrollTable>
    </div>
  );
}
