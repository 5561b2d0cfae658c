"use client";

import { RotateCcw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A page that failed to render: say so plainly and offer to try again; drafts live in the browser and are kept. */
export default function PageError({ reset }: { error: Error; reset(): void }) {
  const t = useTranslations("common.error");
  return (
    <div role="alert" className="flex h-full min-h-[60dvh] items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-md flex-col items-center text-center">
        <span className="inline-flex size-12 items-center justify-center rounded-full bg-danger-surface text-danger-text">
          <TriangleAlert aria-hidden="true" className="size-6" />
        </span>
        <h1 className="mt-4 text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-sm text-muted-foreground">{t("body")}</p>
        <Button className="mt-6" onClick={reset}>
          <RotateCcw aria-hidden="true" />
          {t("retry")}
        </Button>
      </div>
    </div>
  );
}
