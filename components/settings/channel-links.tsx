"use client";

import { KeyRound, Link2Off, MessagesSquare } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { EmptyState } from "@/components/admin/page-header";
import { sendJson } from "@/components/admin/send-json";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { toast } from "@/components/ui/toaster";
import type { ChannelAccountView } from "@/lib/channels/accounts";

/** Linking Slack and Telegram accounts: a one-time code to send to the bot, and the linked accounts with Unlink. */
export function ChannelLinks({ initial, codeMinutes }: { initial: ChannelAccountView[]; codeMinutes: number }) {
  const t = useTranslations("channels.settings");
  const names = useTranslations("channels.names");
  const format = useFormatter();
  const [accounts, setAccounts] = useState(initial);
  const [code, setCode] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unlinking, setUnlinking] = useState<string | null>(null);

  async function createCode() {
    setCreating(true);
    setError(null);
    const result = await sendJson("/api/channels/link-code", { method: "POST" });
    setCreating(false);
    if (result.ok) setCode(String(result.body.code));
    else setError(result.message ?? t("createFailed"));
  }

  async function unlink(account: ChannelAccountView) {
    setUnlinking(account.id);
    const result = await sendJson(`/api/channels/accounts/${account.id}`, { method: "DELETE" });
    setUnlinking(null);
    if (result.ok) {
      setAccounts((list) => list.filter((item) => item.id !== account.id));
      toast.success(t("unlinkedToast"));
    } else {
      toast.error(result.message ?? t("unlinkFailed"));
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="link-code-heading" className="flex flex-col gap-3 rounded-xl border border-border p-4">
        <h2 id="link-code-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
        <div>
          <Button onClick={createCode} disabled={creating}>
            <KeyRound aria-hidden="true" />
            {creating ? t("creating") : t("createCode")}
          </Button>
        </div>
        {error && <Notice tone="danger">{error}</Notice>}
        {code && (
          <div className="flex flex-col gap-1" aria-live="polite">
            <span className="text-sm font-medium">{t("codeLabel")}</span>
            <code className="w-fit select-all rounded-md bg-muted px-3 py-2 font-mono text-lg tracking-widest" data-testid="link-code">
              {code}
            </code>
            <span className="text-sm text-muted-foreground">{t("codeHint", { code, minutes: codeMinutes })}</span>
          </div>
        )}
      </section>

      <section aria-labelledby="linked-heading" className="flex flex-col gap-3">
        <h2 id="linked-heading" className="text-base font-semibold">
          {t("linkedHeading")}
        </h2>
        {accounts.length === 0 ? (
          <EmptyState icon={<MessagesSquare />} title={t("noneLinked")}>
            {t("noneLinkedHint")}
          </EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-border rounded-xl border border-border">
            {accounts.map((account) => (
              <li key={account.id} className="flex items-center justify-between gap-3 p-3">
                <div className="min-w-0">
                  <div className="font-medium">{names(account.channel)}</div>
                  <div className="truncate text-sm text-muted-foreground">
                    {[account.displayName, t("linkedSince", { date: format.dateTime(new Date(account.createdAt), { dateStyle: "medium" }) })]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                </div>
                <Button
                  variant="secondary"
                  disabled={unlinking === account.id}
                  onClick={() => unlink(account)}
                  aria-label={t("unlinkLabel", { channel: names(account.channel), name: account.displayName ?? "" })}
                >
                  <Link2Off aria-hidden="true" />
                  {t("unlink")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
