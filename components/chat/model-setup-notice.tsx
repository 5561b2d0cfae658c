"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import type { BrokenSlot } from "@/lib/chat/types";

/** Says exactly what to set when a model slot cannot be used, instead of failing on the first message. */
export function ModelSetupNotice({ brokenSlots }: { brokenSlots: BrokenSlot[] }) {
  const t = useTranslations("chat.setup");
  if (!brokenSlots.length) return null;
  return (
    <Notice tone="warning">
      <p className="font-medium">{t("title")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {brokenSlots.map((s) => (
          <li key={s.slot}>
            <strong>{s.slot === "best" ? t("best") : t("fast")}</strong>
            {s.spec ? ` (${s.spec.provider}:${s.spec.model})` : ""}: {s.problem}
          </li>
        ))}
      </ul>
      <p className="mt-2">{t.rich("howTo", { code: (chunks) => <code className="font-mono">{chunks}</code> })}</p>
    </Notice>
  );
}
