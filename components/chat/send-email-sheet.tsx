"use client";

import { Send } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { draftOf, sendRequestSchema, splitAddresses } from "@/lib/actions/send/schema";
import type { DeliverableVersionView, EmailSendView } from "@/lib/executor/types";

type FieldName = "to" | "cc" | "subject" | "body";

interface Props {
  version: DeliverableVersionView;
  onSent(send: EmailSendView): void;
}

/**
 * "Send" for an email deliverable: a sheet with the recipients, subject and text prefilled from the
 * version, all editable; nothing leaves until the user presses its Send button. The idempotency key is
 * made when the sheet opens, so a double press (or a retry after a lost answer) sends one email.
 */
export function SendEmailSheet({ version, onSent }: Props) {
  const t = useTranslations("chat.deliverableSend");
  const te = useTranslations("errors");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ to: "", cc: "", subject: "", body: "" });
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();

  function openSheet(next: boolean) {
    if (next) {
      const initial = draftOf(version);
      setDraft({ to: initial.to.join(", "), cc: "", subject: initial.subject, body: initial.body });
      setKey(crypto.randomUUID());
      setFields({});
      setError(null);
    }
    setOpen(next);
  }

  /** Field messages by field ("to.1" counts as "to"): the first one each. */
  function byField(messages: Record<string, string[]>) {
    const out: Partial<Record<FieldName, string>> = {};
    for (const [path, list] of Object.entries(messages)) {
      const name = path.split(".")[0] as FieldName;
      out[name] ??= list[0];
    }
    return out;
  }

  async function send() {
    const request = { to: splitAddresses(draft.to), cc: splitAddresses(draft.cc), subject: draft.subject, body: draft.body, idempotencyKey: key };
    const checked = sendRequestSchema.safeParse(request);
    if (!checked.success) {
      const local: Partial<Record<FieldName, string>> = {};
      for (const issue of checked.error.issues) {
        const message = issue.message as Parameters<typeof te>[0];
        local[String(issue.path[0]) as FieldName] ??= te.has(message) ? te(message) : te("fields.invalid");
      }
      setFields(local);
      return;
    }
    setBusy(true);
    setFields({});
    setError(null);
    try {
      const response = await fetch(`/api/deliverables/${version.deliverableId}/versions/${version.version}/send`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(checked.data),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        if (body?.fields) setFields(byField(body.fields));
        setError(body?.message ?? t("failed"));
        return;
      }
      const sent = body.send as EmailSendView;
      onSent(sent);
      setOpen(false);
      toast.success(t("sent", { to: format.list(sent.to) }));
    } catch {
      setError(t("unreachable"));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: "to" | "cc" | "subject", extra: { hint?: string; type?: string } = {}) => (
    <Field
      label={t(name)}
      name={name}
      value={draft[name]}
      error={fields[name]}
      autoComplete={name === "subject" ? "off" : "email"}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      {...extra}
    />
  );

  return (
    <Dialog open={open} onOpenChange={openSheet}>
      <DialogTrigger asChild>
        <Button size="sm" variant="secondary">
          <Send aria-hidden="true" />
          {t("send")}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={t("title")}
        description={t("description")}
        closeLabel={t("cancel")}
        className="max-w-2xl"
        // the recipients first, not the close button
        onOpenAutoFocus={(e) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement).querySelector("input")?.focus();
        }}
      >
        <form
          className="flex min-h-0 flex-1 flex-col"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void send();
          }}
        >
          <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto px-4 pb-3 pt-2">
            {field("to", { hint: t("addressesHint") })}
            {field("cc")}
            {field("subject")}
            <div className="flex flex-col gap-1.5">
              <label className="text-sm font-medium" htmlFor={bodyId}>
                {t("body")}
              </label>
              <Textarea
                id={bodyId}
                className="min-h-40 font-mono sm:min-h-56"
                value={draft.body}
                aria-invalid={fields.body ? true : undefined}
                aria-describedby={fields.body ? `${bodyId}-error` : undefined}
                onChange={(e) => setDraft({ ...draft, body: e.target.value })}
              />
              {fields.body && (
                <p id={`${bodyId}-error`} className="text-sm text-destructive">
                  {fields.body}
                </p>
              )}
            </div>
          </div>
          {/* outside the scrolling fields, so a failure is seen where the button was pressed */}
          {error && (
            <p role="alert" className="border-t border-border px-4 pt-3 text-sm text-destructive">
              {error}
            </p>
          )}
          <div className={cn("flex gap-2 px-4 py-3 sm:justify-end", !error && "border-t border-border")}>
            <Button variant="secondary" className="flex-1 sm:flex-none" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" className="flex-1 sm:flex-none" disabled={busy}>
              <Send aria-hidden="true" />
              {busy ? t("sending") : t("confirm")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
