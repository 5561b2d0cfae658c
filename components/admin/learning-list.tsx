"use client";

import { GraduationCap, MoreHorizontal, Pencil, SearchX, Trash2 } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { IconButton } from "@/components/ui/icon-button";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toaster";
import { EmptyState } from "./page-header";
import { sendJson } from "./send-json";

export interface LearningRow {
  id: string;
  scope: "router" | "task";
  kind: "routing" | "example" | "avoid";
  status: "active" | "disabled";
  inputExcerpt: string;
  expectedOutput: string;
  createdAt: string;
  /** in the reader's language */
  task: { slug: string; name: string } | null;
  /** the vote it came from, or the user's own edit of a deliverable */
  feedback: { rating: "up" | "down"; comment: string | null; user: { email: string } } | null;
  deliverableId: string | null;
}

export interface LearningFilter {
  scope?: "router" | "task";
  status?: "active" | "disabled";
}

const ALL = "all";

/** Scope and status as a toolbar; each choice is the page's address, so a filtered view can be shared and reloaded. */
export function LearningFilters({ filter }: { filter: LearningFilter }) {
  const t = useTranslations("admin.learnings");
  const router = useRouter();
  const pathname = usePathname();
  const go = (next: LearningFilter) => {
    const params = new URLSearchParams(Object.entries(next).filter(([, value]) => value) as [string, string][]);
    router.push(params.size ? `${pathname}?${params}` : pathname);
  };
  return (
    <div role="toolbar" aria-label={t("filters")} className="flex flex-col gap-2 sm:flex-row">
      <Select
        aria-label={t("scope")}
        className="sm:w-56"
        value={filter.scope ?? ALL}
        onValueChange={(value) => go({ ...filter, scope: value === ALL ? undefined : (value as LearningFilter["scope"]) })}
        options={[
          { value: ALL, label: t("scopeAll") },
          { value: "router", label: t("scopeRouter") },
          { value: "task", label: t("scopeTask") },
        ]}
      />
      <Select
        aria-label={t("status")}
        className="sm:w-56"
        value={filter.status ?? ALL}
        onValueChange={(value) => go({ ...filter, status: value === ALL ? undefined : (value as LearningFilter["status"]) })}
        options={[
          { value: ALL, label: t("statusAll") },
          { value: "active", label: t("statusActive") },
          { value: "disabled", label: t("statusDisabled") },
        ]}
      />
    </div>
  );
}

/** One learning's text, readable whatever its length: long text scrolls inside a region the keyboard reaches. */
function Excerpt({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p id={id} className="text-xs font-medium text-muted-foreground">
        {label}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable) */}
      <section aria-labelledby={id} tabIndex={0} className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-surface p-3 text-sm">
        {text}
      </section>
    </div>
  );
}

/** Admins review learnings: read, edit, disable, delete, and see where each came from. */
export function LearningList({ learnings, filtered }: { learnings: LearningRow[]; filtered: boolean }) {
  const t = useTranslations("admin.learnings");
  const format = useFormatter();
  const router = useRouter();
  const [editing, setEditing] = useState<LearningRow | null>(null);
  const [draft, setDraft] = useState({ inputExcerpt: "", expectedOutput: "" });
  const [deleting, setDeleting] = useState<LearningRow | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  async function change(id: string, init: RequestInit, done: string) {
    setPending(id);
    const result = await sendJson(`/api/learnings/${id}`, init);
    setPending(null);
    if (!result.ok) {
      toast.error(result.message ?? t("toast.failed"));
      return false;
    }
    toast.success(done);
    router.refresh();
    return true;
  }

  if (!learnings.length) {
    return filtered ? (
      <EmptyState icon={<SearchX />} title={t("noMatch.title")}>
        {t("noMatch.body")}
      </EmptyState>
    ) : (
      <EmptyState icon={<GraduationCap />} title={t("empty.title")}>
        {t("empty.body")}
      </EmptyState>
    );
  }

  const sourceOf = (l: LearningRow) =>
    l.feedback
      ? l.feedback.comment
        ? t("source.voteWithComment", { rating: l.feedback.rating, email: l.feedback.user.email, comment: l.feedback.comment })
        : t("source.vote", { rating: l.feedback.rating, email: l.feedback.user.email })
      : l.deliverableId
        ? t("source.edit")
        : t("source.unknown");

  return (
    <>
      <ul aria-label={t("listLabel")} className="flex flex-col gap-3">
        {learnings.map((l) => {
          const about = l.task ? l.task.name : l.kind === "routing" ? t("noTask") : null;
          return (
            <li key={l.id} data-testid="learning" className="flex flex-col gap-3 rounded-xl border border-border p-4">
              <div className="flex items-start gap-3">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone={l.kind === "avoid" ? "warning" : l.kind === "routing" ? "accent" : "success"}>{t(`kind.${l.kind}`)}</Badge>
                    {about && <span className="text-sm font-medium">{about}</span>}
                    {l.status === "disabled" && <Badge tone="outline">{t("disabled")}</Badge>}
                  </p>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {sourceOf(l)} · <time dateTime={l.createdAt}>{format.dateTime(new Date(l.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
                  </p>
                </div>
                <Switch
                  checked={l.status === "active"}
                  disabled={pending === l.id}
                  aria-label={t("activeLabel")}
                  className="mt-1"
                  onCheckedChange={(active) =>
                    void change(
                      l.id,
                      { method: "PATCH", body: JSON.stringify({ status: active ? "active" : "disabled" }) },
                      t(active ? "toast.enabled" : "toast.disabled"),
                    )
                  }
                />
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <IconButton label={t("actions")} tooltipSide="left" className="-my-2">
                      <MoreHorizontal />
                    </IconButton>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    <DropdownMenuItem
                      onSelect={() => {
                        setDraft({ inputExcerpt: l.inputExcerpt, expectedOutput: l.expectedOutput });
                        setEditing(l);
                      }}
                    >
                      <Pencil aria-hidden="true" />
                      {t("edit")}
                    </DropdownMenuItem>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem className="text-destructive" onSelect={() => setDeleting(l)}>
                      <Trash2 aria-hidden="true" />
                      {t("delete")}
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </div>
              <div className="grid gap-3 md:grid-cols-2">
                <Excerpt label={t("input")} text={l.inputExcerpt} />
                <Excerpt label={l.kind === "avoid" ? t("avoid") : t("expected")} text={l.expectedOutput} />
              </div>
            </li>
          );
        })}
      </ul>

      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <DialogContent title={t("editDialog.title")} description={t("editDialog.description")} closeLabel={t("editDialog.close")} className="max-w-2xl">
            <form
              className="flex min-h-0 flex-col gap-4 overflow-y-auto px-4 pb-4 pt-2"
              onSubmit={async (e) => {
                e.preventDefault();
                if (await change(editing.id, { method: "PATCH", body: JSON.stringify(draft) }, t("toast.saved"))) setEditing(null);
              }}
            >
              <div className="flex flex-col gap-1.5">
                <label htmlFor="learning-input" className="text-sm font-medium">
                  {t("input")}
                </label>
                <Textarea
                  id="learning-input"
                  rows={5}
                  required
                  value={draft.inputExcerpt}
                  onChange={(e) => setDraft({ ...draft, inputExcerpt: e.target.value })}
                />
              </div>
              <div className="flex flex-col gap-1.5">
                <label htmlFor="learning-expected" className="text-sm font-medium">
                  {editing.kind === "avoid" ? t("avoid") : t("expected")}
                </label>
                <Textarea
                  id="learning-expected"
                  rows={8}
                  required
                  value={draft.expectedOutput}
                  onChange={(e) => setDraft({ ...draft, expectedOutput: e.target.value })}
                />
              </div>
              <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <Button variant="secondary" onClick={() => setEditing(null)}>
                  {t("editDialog.cancel")}
                </Button>
                <Button type="submit" disabled={pending === editing.id}>
                  {t("editDialog.save")}
                </Button>
              </div>
            </form>
          </DialogContent>
        )}
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteDialog.title")}
        description={t("deleteDialog.body")}
        confirmLabel={t("deleteDialog.confirm")}
        cancelLabel={t("deleteDialog.cancel")}
        onConfirm={() => (deleting ? change(deleting.id, { method: "DELETE" }, t("toast.deleted")) : true)}
      />
    </>
  );
}
