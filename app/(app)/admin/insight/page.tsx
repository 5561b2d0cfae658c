import { getLocale, getTranslations } from "next-intl/server";
import { CostSettingsForm } from "@/components/admin/cost-settings";
import { CostView } from "@/components/admin/cost-view";
import { InsightRange } from "@/components/admin/insight-range";
import { InsightView } from "@/components/admin/insight-view";
import { PageHeader } from "@/components/admin/page-header";
import { Notice } from "@/components/ui/notice";
import { adminPage } from "@/lib/auth";
import { fieldErrorsOf } from "@/lib/http";
import { insightQuerySchema, routingInsight } from "@/lib/insight";
import { costInsight, costSettings } from "@/lib/observability";
import { listTasks, localizeTask } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.insight"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AdminInsightPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await adminPage();
  const params = await searchParams;
  const parsed = insightQuerySchema.safeParse({ from: first(params.from), to: first(params.to), bucket: first(params.bucket) });
  // a range that does not parse is reported and the last 30 days are shown instead
  const range = insightQuerySchema.parse(parsed.success ? parsed.data : {});
  const [insight, cost, prices, tasks, t, locale] = await Promise.all([
    routingInsight(range),
    costInsight(range),
    costSettings(),
    listTasks(),
    getTranslations("admin.insight"),
    getLocale(),
  ]);
  const errors = parsed.success ? null : fieldErrorsOf(parsed.error, locale);
  const taskNames = Object.fromEntries(tasks.map((task) => [task.id, localizeTask(task, locale).name]));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <InsightRange range={insight.range} invalid={errors ? Object.keys(errors) : []} />
      {errors && (
        <Notice tone="danger">
          <p>{t("invalidRange")}</p>
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(errors).map(([field, messages]) => (
              <li key={field}>
                {t("rangeField", { field })}: {messages.join(" ")}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <InsightView insight={insight} taskNames={taskNames} />
      {/* issue 18: what the model calls of the same period cost, and the prices and budget behind it */}
      <CostView insight={cost} taskNames={taskNames} />
      <CostSettingsForm settings={prices} />
    </>
  );
}
