"use client";

import { BookOpen, FileUp, RefreshCw, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { EmptyState } from "./page-header";
import { sendJson } from "./send-json";

export interface KnowledgeDocumentRow {
  id: string;
  name: string;
  format: string;
  bytes: number;
  scope: "organisation" | "tasks";
  /** in the reader's language */
  tasks: { id: string; name: string }[];
  chunks: number;
  embeddedChunks: number | null;
  embeddingError: string | null;
  updatedAt: string;
}

const ACCEPT = ".pdf,.docx,.md,.markdown,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain";

function scopeForm(file: File, scope: "organisation" | "tasks", taskIds: string[]) {
  const form = new FormData();
  form.append("file", file);
  form.append("scope", scope);
  for (const id of taskIds) form.append("taskIds", id);
  return form;
}

/** Upload a document for the whole organisation or for chosen tasks; the server's refusal is shown as it says it. */
export function KnowledgeUpload({ tasks }: { tasks: { id: string; name: string }[] }) {
  const t = useTranslations("admin.knowledge");
  const router = useRouter();
  const id = useId();
  const [scope, setScope] = useState<"organisation" | "tasks">("organisation");
  const [chosen, setChosen] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <form
      className="flex min-w-0 flex-col gap-4 rounded-xl border border-border p-4"
      aria-labelledby={`${id}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!file) return setError(t("chooseFile"));
        setBusy(true);
        setError(null);
        const result = await sendJson("/api/knowledge", { method: "POST", body: scopeForm(file, scope, chosen) });
        setBusy(false);
        if (!result.ok) return setError([result.message ?? t("failed"), ...Object.values(result.fields).flat()].join(" "));
        toast.success(t("uploaded", { name: file.name }));
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
        router.refresh();
      }}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {t("uploadTitle")}
      </h2>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-file`} className="text-sm font-medium">
          {t("file")}
        </label>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          aria-describedby={`${id}-file-hint`}
          className="min-h-11 w-full min-w-0 rounded-lg border border-input bg-background px-3 py-2 text-sm file:mr-3 file:rounded-md file:border-0 file:bg-muted file:px-3 file:py-1.5 file:text-sm file:font-medium"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <p id={`${id}-file-hint`} className="text-xs text-muted-foreground">
          {t("fileHint")}
        </p>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("scope")}</legend>
        {(["organisation", "tasks"] as const).map((value) => (
          <label key={value} className="flex min-h-11 items-center gap-2 text-sm pointer-fine:min-h-8">
            <input type="radio" name={`${id}-scope`} value={value} checked={scope === value} onChange={() => setScope(value)} className="size-4" />
            {t(value === "organisation" ? "scopeOrganisation" : "scopeTasks")}
          </label>
        ))}
        {scope === "tasks" && (
          <div className="ml-6 grid gap-1 sm:grid-cols-2">
            {tasks.map((task) => (
              <label key={task.id} className="flex min-h-11 items-center gap-2 text-sm pointer-fine:min-h-8">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={chosen.includes(task.id)}
                  onChange={(e) => setChosen((all) => (e.target.checked ? [...all, task.id] : all.filter((x) => x !== task.id)))}
                />
                {task.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-destructive" data-testid="knowledge-error">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" disabled={busy}>
          <FileUp aria-hidden="true" />
          {busy ? t("uploading") : t("upload")}
        </Button>
      </div>
    </form>
  );
}

/** The documents with their scope and state; each can be replaced by a new file (same scope) or deleted. */
export function KnowledgeList({ documents }: { documents: KnowledgeDocumentRow[] }) {
  const t = useTranslations("admin.knowledge");
  const format = useFormatter();
  const router = useRouter();
  const [deleting, setDeleting] = useState<KnowledgeDocumentRow | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const replaceInput = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<KnowledgeDocumentRow | null>(null);

  if (!documents.length) {
    return (
      <EmptyState icon={<BookOpen />} title={t("emptyTitle")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }
  const replace = async (doc: KnowledgeDocumentRow, file: File) => {
    setBusy(doc.id);
    const result = await sendJson(`/api/knowledge/${doc.id}`, {
      method: "PUT",
      body: scopeForm(
        file,
        doc.scope,
        doc.tasks.map((task) => task.id),
      ),
    });
    setBusy(null);
    if (!result.ok) return toast.error(result.message ?? t("failed"));
    toast.success(t("replaced", { name: file.name }));
    router.refresh();
  };
  return (
    <>
      <input
        ref={replaceInput}
        type="file"
        accept={ACCEPT}
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file && replacing) void replace(replacing, file);
        }}
      />
      <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
        {documents.map((doc) => (
          <li
            key={doc.id}
            className="flex flex-col gap-3 rounded-xl border border-border p-4 sm:flex-row sm:items-start sm:justify-between"
            data-testid="knowledge-document"
          >
            <div className="min-w-0">
              <p className="break-words font-medium">{doc.name}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                {[
                  doc.format.toUpperCase(),
                  format.number(doc.bytes / 1024, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }),
                  t("updated", { when: format.dateTime(new Date(doc.updatedAt), { dateStyle: "medium" }) }),
                ].join(" · ")}
              </p>
              <div className="mt-2 flex flex-wrap gap-1.5">
                <Badge tone="success">{t("indexed", { count: doc.chunks })}</Badge>
                {doc.embeddedChunks !== null && !doc.embeddingError && doc.embeddedChunks < doc.chunks && (
                  <Badge tone="neutral">{t("embedding", { done: doc.embeddedChunks, total: doc.chunks })}</Badge>
                )}
                {doc.embeddingError && <Badge tone="warning">{t("embeddingFailed")}</Badge>}
                <Badge tone="outline">{doc.scope === "organisation" ? t("scopeOrganisation") : format.list(doc.tasks.map((task) => task.name))}</Badge>
              </div>
              {doc.embeddingError && <p className="mt-1 text-xs text-muted-foreground">{t("embeddingFailedWhy", { reason: doc.embeddingError })}</p>}
            </div>
            <div className="flex shrink-0 gap-2">
              <Button
                variant="secondary"
                disabled={busy === doc.id}
                aria-label={t("replaceLabel", { name: doc.name })}
                onClick={() => {
                  setReplacing(doc);
                  replaceInput.current?.click();
                }}
              >
                <RefreshCw aria-hidden="true" />
                {busy === doc.id ? t("uploading") : t("replace")}
              </Button>
              <Button variant="secondary" aria-label={t("deleteLabel", { name: doc.name })} onClick={() => setDeleting(doc)}>
                <Trash2 aria-hidden="true" />
                {t("delete")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteDialog.title", { name: deleting?.name ?? "" })}
        description={t("deleteDialog.body")}
        confirmLabel={t("deleteDialog.confirm")}
        cancelLabel={t("deleteDialog.cancel")}
        onConfirm={async () => {
          if (!deleting) return true;
          const result = await sendJson(`/api/knowledge/${deleting.id}`, { method: "DELETE" });
          if (!result.ok) {
            toast.error(result.message ?? t("failed"));
            return false;
          }
          toast.success(t("deleted", { name: deleting.name }));
          router.refresh();
          return true;
        }}
      />
    </>
  );
}
