"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { CostInsight, CostLine } from "@/lib/observability";
import { ColumnHeads, ScrollTable, td } from "./scroll-table";

/** Costs in the prices' currency (the admin's choice): small sums keep their decimals. */
export function useCostFormat() {
  const format = useFormatter();
  return {
    cost: (value: number) => format.number(value, { maximumFractionDigits: value < 1 ? 4 : 2, minimumFractionDigits: 2 }),
    count: (value: number) => format.number(value),
    day: (day: string) => format.dateTime(new Date(`${day}T00:00:00Z`), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }),
  };
}

function LineCells({ line }: { line: CostLine }) {
  const f = useCostFormat();
  return (
    <>
      <td className={`${td} font-medium`}>{f.cost(line.cost)}</td>
      <td className={td}>{f.count(line.calls)}</td>
      <td className={td}>{f.count(line.inputTokens)}</td>
      <td className={td}>{f.count(line.outputTokens)}</td>
    </>
  );
}

function CostTable({ caption, head, rows }: { caption: string; head: string; rows: { key: string; label: string; line: CostLine }[] }) {
  const t = useTranslations("admin.insight.cost");
  return (
    <ScrollTable caption={caption}>
      <thead className="border-y border-border bg-surface text-muted-foreground">
        <tr>
          <th scope="col" className="px-3 py-2 text-left font-medium">
            {head}
          </th>
          <ColumnHeads labels={[t("cost"), t("calls"), t("inputTokens"), t("outputTokens")]} />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-border last:border-0">
            <th scope="row" className="px-3 py-2 text-left font-normal break-words">
              {row.label}
            </th>
            <LineCells line={row.line} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** What the model calls of the period cost: the total, then per task, per user and per day. */
export function CostView({ insight, taskNames }: { insight: CostInsight; taskNames: Record<string, string> }) {
  const t = useTranslations("admin.insight.cost");
  const f = useCostFormat();
  return (
    <section aria-labelledby="insight-cost" className="flex min-w-0 flex-col gap-3">
      <h2 id="insight-cost" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-muted-foreground">
        {t("total", { cost: f.cost(insight.total.cost), calls: insight.total.calls, input: insight.total.inputTokens, output: insight.total.outputTokens })}
      </p>
      {insight.total.calls === 0 ? (
        <p className="rounded-xl bg-surface px-4 py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <div className="flex min-w-0 flex-col gap-4">
          <CostTable
            caption={t("perTask")}
            head={t("task")}
            rows={insight.tasks.map((line) => ({
              key: line.taskId ?? "none",
              label: line.taskId ? (taskNames[line.taskId] ?? line.taskId) : t("noTask"),
              line,
            }))}
          />
          <CostTable
            caption={t("perUser")}
            head={t("user")}
            rows={insight.users.map((line) => ({ key: line.userId ?? "none", label: line.email ?? t("noUser"), line }))}
          />
          <CostTable caption={t("perDay")} head={t("day")} rows={insight.days.map((line) => ({ key: line.day, label: f.day(line.day), line }))} />
        </div>
      )}
    </section>
  );
}
