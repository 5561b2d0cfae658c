import { InsightView } from "@/components/admin/insight-view";
import { adminPage } from "@/lib/auth";
import { fieldErrorsOf } from "@/lib/http";
import { INSIGHT_BUCKETS, insightQuerySchema, routingInsight } from "@/lib/insight";

export const dynamic = "force-dynamic";
export const metadata = { title: "Routing insight · Switchboard" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
/** The UTC day of an instant, for a date input. */
const day = (iso: string) => iso.slice(0, 10);
/** The last day a range includes (its end is exclusive), for the "to" date input. */
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

const inputClass = "min-h-11 w-full rounded-lg border border-zinc-300 bg-transparent px-3 text-base dark:border-zinc-700";

export default async function AdminInsightPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await adminPage();
  const params = await searchParams;
  const requested = { from: first(params.from), to: first(params.to), bucket: first(params.bucket) };
  const parsed = insightQuerySchema.safeParse(requested);
  // a range that does not parse is reported and the last 30 days are shown instead
  const errors = parsed.success ? null : fieldErrorsOf(parsed.error);
  const insight = await routingInsight(parsed.success ? parsed.data : {});

  return (
    <>
      <h1 className="text-2xl font-semibold">Routing insight</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        How the router did on live conversations — the measures of the Mojodex routing study: what it decided, how often people corrected it, how
        often its answer was unusable, and how long it took. Days are in UTC.
      </p>

      <form method="get" action="/admin/insight" aria-label="Period" className="grid grid-cols-2 items-end gap-2 sm:flex sm:flex-wrap">
        <label className="flex min-w-0 flex-col gap-1 text-sm font-medium">
          From
          <input type="date" name="from" defaultValue={day(insight.range.from)} className={inputClass} aria-invalid={errors?.from ? true : undefined} />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-sm font-medium">
          To (included)
          <input type="date" name="to" defaultValue={lastDay(insight.range.to)} className={inputClass} aria-invalid={errors?.to ? true : undefined} />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-sm font-medium">
          Per
          <select name="bucket" defaultValue={insight.range.bucket} className={inputClass} aria-invalid={errors?.bucket ? true : undefined}>
            {INSIGHT_BUCKETS.map((bucket) => (
              <option key={bucket} value={bucket}>
                {bucket}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          Show
        </button>
      </form>

      {errors && (
        <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <p>This period could not be used, so the last 30 days are shown.</p>
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(errors).map(([field, messages]) => (
              <li key={field}>
                {field}: {messages.join(" ")}
              </li>
            ))}
          </ul>
        </div>
      )}

      <InsightView insight={insight} />
    </>
  );
}
