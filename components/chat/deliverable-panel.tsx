"use client";

import { BookOpen, ChevronLeft, ChevronRight, Copy, Download, FileText, MailCheck, Pencil, ShieldAlert, ShieldCheck, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { IconButton } from "@/components/ui/icon-button";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toaster";
import type { DeliverableVersionView, DeliverableView, VersionCheckName } from "@/lib/chat/types";
import type { EmailSendView } from "@/lib/executor/types";
import { useTaskName } from "./chat-tasks";
import { type FeedbackProps, ThumbsVote } from "./feedback-buttons";
import { FollowUpActions, type FollowUpProps } from "./follow-up-actions";
import { Markdown } from "./markdown";
import { SendEmailSheet } from "./send-email-sheet";

interface Props {
  deliverables: DeliverableView[];
  activeId: string | null;
  onSelect(id: string): void;
  onSaved(version: DeliverableVersionView): void;
  /** shown in a sheet: the panel has its own close button */
  onClose?(): void;
  feedback: FeedbackProps;
  followUp: FollowUpProps;
}

const EXPORTS = ["docx", "pdf", "md"] as const;

/** The version's files (lib/actions/export): the server names them from the title. */
function DownloadMenu({ version }: { version: DeliverableVersionView }) {
  const t = useTranslations("chat.deliverable");
  const tx = useTranslations("chat.deliverableExport");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <IconButton label={t("download")}>
          <Download />
        </IconButton>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{tx("formats")}</DropdownMenuLabel>
        {EXPORTS.map((format) => (
          <DropdownMenuItem key={format} asChild>
            <a href={`/api/deliverables/${version.deliverableId}/versions/${version.version}/export?format=${format}`} download>
              <FileText aria-hidden="true" />
              {tx(format)}
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** "Sent to … on …" for each time the version was sent. */
function SentList({ sends }: { sends: EmailSendView[] }) {
  const t = useTranslations("chat.deliverableSend");
  const format = useFormatter();
  return (
    <ul className="flex flex-col gap-1 text-xs text-muted-foreground" data-testid="deliverable-sends">
      {sends.map((send) => (
        <li key={send.id} className="flex items-start gap-1.5">
          <MailCheck aria-hidden="true" className="mt-px size-3.5 shrink-0 text-primary" />
          <span className="min-w-0 break-words">
            {t("sentOn", { to: format.list(send.to), date: format.dateTime(new Date(send.sentAt), { dateStyle: "medium", timeStyle: "short" }) })}
            {send.cc.length > 0 && ` · ${t("sentCc", { cc: format.list(send.cc) })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The conversation's deliverables: the current version, older versions, copy, download and editing. */
export function DeliverablePanel({ deliverables, activeId, onSelect, onSaved, onClose, feedback, followUp }: Props) {
  const t = useTranslations("chat.deliverable");
  const tf = useTranslations("chat.feedback");
  const format = useFormatter();
  const taskName = useTaskName();
  const active = deliverables.find((d) => d.id === activeId) ?? deliverables[0];
  const latest = active?.versions.at(-1);
  const [shown, setShown] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ title: "", body: "" });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** sends made here since the page loaded, per version id (the server's list comes with the next load) */
  const [sentHere, setSentHere] = useState<Record<string, EmailSendView[]>>({});
  const ids = { title: useId(), body: useId() };

  // a new version (from the model or an edit) is shown as soon as it exists
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids are what the reset follows, not values it reads
  useEffect(() => setShown(null), [active?.id, latest?.versionId]);

  if (!active || !latest) {
    return (
      <aside aria-label={t("label")} className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center text-sm text-muted-foreground">
        <FileText aria-hidden="true" className="size-6" />
        <p className="font-medium text-foreground">{t("empty")}</p>
        <p>{t("emptyHint")}</p>
      </aside>
    );
  }
  const version = active.versions.find((v) => v.version === shown) ?? latest;
  const sends = [...(version.sends ?? []), ...(sentHere[version.versionId] ?? [])];
  const label = (d: DeliverableView) => (d.task ? taskName(d.task) : d.kind || t("label"));

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const response = await fetch(`/api/deliverables/${active!.id}/versions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(draft),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const fieldMessage = body?.fields && Object.values(body.fields as Record<string, string[]>)[0]?.[0];
        setError(fieldMessage ?? body?.message ?? t("saveFailed"));
        return;
      }
      onSaved(body.version);
      setEditing(false);
      toast.success(t("saved", { version: body.version.version }));
    } catch {
      setError(t("unreachable"));
    } finally {
      setSaving(false);
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(`# ${version.title}\n\n${version.body}`);
      toast.success(t("copied"));
    } catch {
      toast.error(t("copyFailed"));
    }
  }

  return (
    <aside aria-label={t("label")} className="flex h-full min-h-0 flex-col">
      <div className="flex min-h-14 items-center gap-2 border-b border-border px-3 py-2">
        {deliverables.length > 1 ? (
          <Select
            aria-label={t("choose")}
            className="flex-1"
            value={active.id}
            onValueChange={onSelect}
            options={deliverables.map((d) => ({ value: d.id, label: t("option", { task: label(d), title: d.versions.at(-1)?.title ?? "" }) }))}
          />
        ) : (
          <p className="flex min-w-0 flex-1 items-center gap-2 text-sm font-medium">
            {active.task?.icon && <span aria-hidden="true">{active.task.icon}</span>}
            <span className="truncate">{label(active)}</span>
          </p>
        )}
        {onClose && (
          <IconButton label={t("close")} tooltipSide="left" onClick={onClose}>
            <X />
          </IconButton>
        )}
      </div>

      <div className="flex items-center gap-1 border-b border-border px-2 py-1.5">
        <IconButton label={t("previous")} disabled={version.version <= 1 || editing} onClick={() => setShown(version.version - 1)}>
          <ChevronLeft />
        </IconButton>
        <span data-testid="deliverable-version" className="whitespace-nowrap text-sm tabular-nums">
          {t("version", { version: version.version, total: latest.version })}
        </span>
        <IconButton label={t("next")} disabled={version.version >= latest.version || editing} onClick={() => setShown(version.version + 1)}>
          <ChevronRight />
        </IconButton>
        <span className="flex-1" />
        {!editing && (
          <>
            <IconButton label={t("copy")} onClick={() => void copy()}>
              <Copy />
            </IconButton>
            <DownloadMenu version={version} />
            <IconButton
              label={t("edit")}
              tooltipSide="left"
              onClick={() => {
                setDraft({ title: version.title, body: version.body });
                setError(null);
                setEditing(true);
              }}
            >
              <Pencil />
            </IconButton>
          </>
        )}
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {editing ? (
          <form
            className="flex h-full flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <div className="flex flex-col gap-1.5">
              <label className="text-sm font-medium" htmlFor={ids.title}>
                {t("title")}
              </label>
              <Input id={ids.title} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
            </div>
            <div className="flex min-h-0 flex-1 flex-col gap-1.5">
              <label className="text-sm font-medium" htmlFor={ids.body}>
                {t("body")}
              </label>
              <Textarea id={ids.body} className="min-h-64 flex-1 font-mono" value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
            </div>
            {error && (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={saving}>
                {saving ? t("saving") : t("save")}
              </Button>
              <Button variant="secondary" onClick={() => setEditing(false)}>
                {t("cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <article>
            <h2 className="text-lg font-semibold tracking-tight" data-testid="deliverable-title">
              {version.title}
            </h2>
            <p className="mb-4 mt-1 text-xs text-muted-foreground">
              {version.author === "user" ? t("byYou") : t("byAssistant")} ·{" "}
              <time dateTime={version.createdAt}>{format.dateTime(new Date(version.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
            </p>
            {version.check && <VersionCheckNote check={version.check} notes={version.checkNotes} />}
            {version.knowledgeSources?.length ? <KnowledgeSources names={version.knowledgeSources} /> : null}
            {active.kind === "email" && (
              <div className="mb-4 flex flex-col items-start gap-2">
                <SendEmailSheet
                  version={version}
                  onSent={(send) => setSentHere((all) => ({ ...all, [version.versionId]: [...(all[version.versionId] ?? []), send] }))}
                />
                {sends.length > 0 && <SentList sends={sends} />}
              </div>
            )}
            <Markdown text={version.body} />
            <div className="mt-6 flex items-center gap-1 border-t border-border pt-3 text-sm text-muted-foreground">
              <span className="mr-1">{t("rate")}</span>
              <ThumbsVote
                type="version"
                id={version.versionId}
                feedback={feedback}
                labels={{ good: tf("goodVersion"), bad: tf("badVersion"), dialog: tf("versionTitle") }}
              />
            </div>
            <FollowUpActions taskSlug={active.task?.slug} versionId={version.versionId} followUp={followUp} className="mt-3" />
          </article>
        )}
      </div>
    </aside>
  );
}

/** What the task's quality check found on a version (issue 15): checked, revised, or what is still missing. */
/** The knowledge documents the assistant was given for this version: their names only. */
function KnowledgeSources({ names }: { names: string[] }) {
  const t = useTranslations("chat.deliverable");
  const format = useFormatter();
  return (
    <p className="-mt-2 mb-4 flex items-start gap-1.5 text-xs text-muted-foreground" data-testid="knowledge-sources">
      <BookOpen aria-hidden="true" className="mt-px size-3.5 shrink-0" />
      <span>{t("usedDocuments", { documents: format.list(names, { type: "conjunction" }) })}</span>
    </p>
  );
}

function VersionCheckNote({ check, notes }: { check: VersionCheckName; notes: string[] }) {
  const t = useTranslations("chat.check");
  const tone = check === "passed" ? "success" : check === "revised" ? "accent" : "warning";
  return (
    <div className="-mt-2 mb-4 flex flex-col gap-1" data-testid="version-check" data-check={check}>
      <Badge tone={tone} className="self-start">
        {check === "passed" || check === "revised" ? <ShieldCheck aria-hidden="true" /> : <ShieldAlert aria-hidden="true" />}
        {t(check)}
      </Badge>
      {notes.length > 0 && <p className="text-xs text-muted-foreground">{t("found", { notes: notes.join("; ") })}</p>}
    </div>
  );
}
