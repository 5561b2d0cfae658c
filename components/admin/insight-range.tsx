"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { INSIGHT_BUCKETS, type InsightBucket } from "@/lib/insight/schema";

/** The UTC day of an instant, for a date input. */
const day = (iso: string) => iso.slice(0, 10);
/** The last day a range includes (its end is exclusive), for the "to" date input. */
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

/** The period toolbar: a plain GET form, so every view of the insight page has an address. */
export function InsightRange({ range, invalid }: { range: { from: string; to: string; bucket: InsightBucket }; invalid: string[] }) {
  const t = useTranslations("admin.insight.range");
  const [bucket, setBucket] = useState<InsightBucket>(range.bucket);
  return (
    <form
      method="get"
      action="/admin/insight"
      aria-label={t("label")}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-border bg-surface p-3"
    >
      <div className="flex min-w-36 flex-1 flex-col gap-1.5 sm:flex-none">
        <label htmlFor="insight-from" className="text-sm font-medium">
          {t("from")}
        </label>
        <Input id="insight-from" type="date" name="from" defaultValue={day(range.from)} aria-invalid={invalid.includes("from") || undefined} />
      </div>
      <div className="flex min-w-36 flex-1 flex-col gap-1.5 sm:flex-none">
        <label htmlFor="insight-to" className="text-sm font-medium">
          {t("to")}
        </label>
        <Input id="insight-to" type="date" name="to" defaultValue={lastDay(range.to)} aria-invalid={invalid.includes("to") || undefined} />
      </div>
      <div className="flex min-w-36 flex-1 flex-col gap-1.5 sm:flex-none">
        <label htmlFor="insight-bucket" className="text-sm font-medium">
          {t("per")}
        </label>
        <Select
          id="insight-bucket"
          name="bucket"
          className="sm:w-36"
          value={bucket}
          onValueChange={(value) => setBucket(value as InsightBucket)}
          aria-invalid={invalid.includes("bucket") || undefined}
          options={INSIGHT_BUCKETS.map((value) => ({ value, label: t(`bucket.${value}`) }))}
        />
      </div>
      <Button type="submit" className="w-full sm:w-auto">
        {t("show")}
      </Button>
      <p className="w-full text-xs text-muted-foreground">{t("utc")}</p>
    </form>
  );
}
