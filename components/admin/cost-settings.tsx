"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { IconButton } from "@/components/ui/icon-button";
import { Notice } from "@/components/ui/notice";
import { toast } from "@/components/ui/toaster";
import type { CostSettings } from "@/lib/observability";
import { useCostFormat } from "./cost-view";
import { Section } from "./page-header";
import { ColumnHeads, ScrollTable, td } from "./scroll-table";
import { type SendResult, sendJson } from "./send-json";

const emptyPrice = { model: "", inputPerMillion: "", outputPerMillion: "" };

/** The admin's prices per model and the monthly budget per user; saving refreshes the figures above. */
export function CostSettingsForm({ settings }: { settings: CostSettings }) {
  const t = useTranslations("admin.insight.cost");
  const f = useCostFormat();
  const router = useRouter();
  const [price, setPrice] = useState(emptyPrice);
  const [budget, setBudget] = useState(settings.monthlyBudgetPerUser === null ? "" : String(settings.monthlyBudgetPerUser));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  async function send(url: string, method: string, body: unknown): Promise<SendResult> {
    setBusy(true);
    const result = await sendJson(url, { method, body: JSON.stringify(body) });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fields);
      toast.error(result.message ?? t("failed"));
    } else {
      setErrors({});
      toast.success(t("saved"));
      router.refresh();
    }
    return result;
  }

  async function savePrice(event: FormEvent) {
    event.preventDefault();
    const result = await send("/api/cost/prices", "PUT", {
      model: price.model,
      inputPerMillion: price.inputPerMillion === "" ? undefined : Number(price.inputPerMillion),
      outputPerMillion: price.outputPerMillion === "" ? undefined : Number(price.outputPerMillion),
    });
    if (result.ok) setPrice(emptyPrice);
  }

  async function saveBudget(event: FormEvent) {
    event.preventDefault();
    await send("/api/cost/budget", "PUT", { monthlyBudgetPerUser: budget.trim() === "" ? null : Number(budget) });
  }

  return (
    <Section title={t("settingsTitle")} description={t("settingsDescription")}>
      {settings.unpriced.length > 0 && <Notice tone="warning">{t("unpriced", { models: settings.unpriced.join(", ") })}</Notice>}
      {settings.prices.length > 0 && (
        <ScrollTable caption={t("prices")}>
          <thead className="border-y border-border bg-surface text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t("modelShort")}
              </th>
              <ColumnHeads labels={[t("inputShort"), t("outputShort")]} />
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.prices.map((p) => (
              <tr key={p.model} className="border-b border-border last:border-0">
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal break-all">
                  {p.model}
                </th>
                <td className={td}>{f.cost(p.inputPerMillion)}</td>
                <td className={td}>{f.cost(p.outputPerMillion)}</td>
                <td className="px-3 py-1 text-right">
                  <IconButton label={t("remove", { model: p.model })} disabled={busy} onClick={() => send("/api/cost/prices", "DELETE", { model: p.model })}>
                    <Trash2 />
                  </IconButton>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <form onSubmit={savePrice} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <Field
          label={t("model")}
          name="model"
          list="cost-models"
          placeholder={t("modelPlaceholder")}
          required
          value={price.model}
          error={errors.model?.join(" ")}
          onChange={(e) => setPrice({ ...price, model: e.target.value })}
        />
        <datalist id="cost-models">
          {settings.unpriced.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
        {(["inputPerMillion", "outputPerMillion"] as const).map((name) => (
          <Field
            key={name}
            label={t(name === "inputPerMillion" ? "inputPrice" : "outputPrice")}
            name={name}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            required
            value={price[name]}
            error={errors[name]?.join(" ")}
            onChange={(e) => setPrice({ ...price, [name]: e.target.value })}
          />
        ))}
        <Button type="submit" disabled={busy}>
          {t("savePrice")}
        </Button>
      </form>
      <form onSubmit={saveBudget} className="grid gap-3 sm:grid-cols-[2fr_auto] sm:items-end">
        <Field
          label={t("budget")}
          name="monthlyBudgetPerUser"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          hint={t("budgetHint")}
          value={budget}
          error={errors.monthlyBudgetPerUser?.join(" ")}
          onChange={(e) => setBudget(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={busy}>
          {t("saveBudget")}
        </Button>
      </form>
    </Section>
  );
}
