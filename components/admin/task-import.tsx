"use client";

import { FileJson, Upload } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toaster";
import type { ImportedTask, ImportReport } from "@/lib/tasks";
import { sendJson } from "./send-json";
import { TaskIcon } from "./task-icon";

type Choice = { include: boolean; enabled: boolean };
type Loaded = { fileName: string; body: string; report: ImportReport };
type Failure = { message: string; details: string[] };

/** What the admin decides per task, as the import route's query: enable, disable, skip. */
function choiceQuery(tasks: ImportedTask[], choices: Record<string, Choice>): string {
  const params = new URLSearchParams();
  for (const task of tasks) {
    const choice = choices[task.slug];
    if (!choice.include) params.append("skip", task.slug);
    else if (choice.enabled) params.append("enable", task.slug);
    else params.append("disable", task.slug);
  }
  return params.toString();
}

/** One task of the file: what the import does with it, what looks wrong, and the admin's choices. */
function PlannedTask({ task, choice, onChange }: { task: ImportedTask; choice: Choice; onChange(choice: Choice): void }) {
  const t = useTranslations("admin.import");
  const id = useId();
  return (
    <li data-testid="import-task" aria-labelledby={`${id}-name`} className="flex flex-col gap-3 rounded-xl border border-border p-4">
      <div className="flex items-start gap-3">
        <TaskIcon icon={task.icon} />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span id={`${id}-name`} className="font-medium break-words">
              {task.name}
            </span>
            <span className="font-mono text-xs text-muted-foreground break-all">/{task.slug}</span>
            {task.existing ? <Badge tone="accent">{t("updates", { name: task.existing.name })}</Badge> : <Badge tone="success">{t("new")}</Badge>}
          </p>
          {task.description && <p className="mt-1 text-sm text-muted-foreground">{task.description}</p>}
        </div>
      </div>

      {task.duplicates.length > 0 && (
        <Notice tone="warning">
          <p className="font-medium">{t("duplicates.title")}</p>
          <ul className="mt-1 list-disc pl-5">
            {task.duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                {t(`duplicates.${duplicate.reason}`, { name: duplicate.name, slug: duplicate.slug })}{" "}
                <Link href={`/admin/tasks/${duplicate.id}`} className="underline underline-offset-2">
                  {t("duplicates.open", { name: duplicate.name })}
                </Link>
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {task.placeholders.length > 0 && (
        <Notice tone="warning">
          <p className="font-medium">{t("placeholders.title", { count: task.placeholders.length })}</p>
          <ul className="mt-1 list-disc pl-5 break-words">
            {task.placeholders.slice(0, 5).map((placeholder) => (
              <li key={placeholder.field}>
                <code className="font-mono text-xs">{placeholder.field}</code>: {placeholder.text}
              </li>
            ))}
          </ul>
          {task.placeholders.length > 5 && <p className="mt-1">{t("placeholders.more", { count: task.placeholders.length - 5 })}</p>}
        </Notice>
      )}

      <div className="flex flex-col gap-2 border-t border-border pt-3 sm:flex-row sm:gap-6">
        <label className="flex min-h-11 items-center gap-2 text-sm pointer-fine:min-h-9">
          <Switch checked={choice.include} onCheckedChange={(include) => onChange({ ...choice, include })} />
          {task.existing ? t("includeUpdate") : t("includeCreate")}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm pointer-fine:min-h-9">
          <Switch checked={choice.include && choice.enabled} disabled={!choice.include} onCheckedChange={(enabled) => onChange({ ...choice, enabled })} />
          {t("enable")}
        </label>
      </div>
    </li>
  );
}

/** Import tasks from a file in two steps: see what it will create or update, then confirm. */
export function TaskImport() {
  const t = useTranslations("admin.import");
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  async function preview(file: File) {
    setFailure(null);
    setLoaded(null);
    const body = await file.text();
    try {
      JSON.parse(body);
    } catch {
      setFailure({ message: t("notJson", { file: file.name }), details: [] });
      return;
    }
    setBusy(true);
    const result = await sendJson("/api/tasks/import?dryRun=true", { method: "POST", body });
    setBusy(false);
    if (!result.ok) {
      setFailure({
        message: result.message ?? t("unreachable"),
        details: Object.entries(result.fields).map(([field, messages]) => `${field}: ${messages.join(" ")}`),
      });
      return;
    }
    const report = result.body as unknown as ImportReport;
    setLoaded({ fileName: file.name, body, report });
    setChoices(Object.fromEntries(report.tasks.map((task) => [task.slug, { include: true, enabled: task.enabled }])));
  }

  async function confirm() {
    if (!loaded) return;
    setBusy(true);
    const result = await sendJson(`/api/tasks/import?${choiceQuery(loaded.report.tasks, choices)}`, { method: "POST", body: loaded.body });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.message ?? t("unreachable"));
      return;
    }
    const report = result.body as unknown as ImportReport;
    const count = (action: ImportedTask["action"]) => report.tasks.filter((task) => task.action === action).length;
    toast.success(t("done", { created: count("create"), updated: count("update") }));
    router.push("/admin/tasks");
    router.refresh();
  }

  const tasks = loaded?.report.tasks ?? [];
  const included = tasks.filter((task) => choices[task.slug]?.include).length;
  const warnings = tasks.filter((task) => task.duplicates.length || task.placeholders.length).length;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-input px-6 py-8 text-center">
        <span aria-hidden="true" className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <FileJson className="size-5" />
        </span>
        <p className="max-w-lg text-sm text-muted-foreground text-pretty">{loaded ? t("chosen", { file: loaded.fileName }) : t("choose")}</p>
        <Button variant={loaded ? "secondary" : "primary"} disabled={busy} onClick={() => fileInput.current?.click()}>
          <Upload aria-hidden="true" />
          {loaded ? t("chooseAnother") : t("chooseFile")}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label={t("fileLabel")}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void preview(file);
          }}
        />
      </div>

      {failure && (
        <Notice tone="danger">
          <p>{failure.message}</p>
          {failure.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5 break-words">
              {failure.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}

      {loaded && (
        <section aria-labelledby="import-preview-title" className="flex flex-col gap-4">
          <div className="flex flex-col gap-1">
            <h2 id="import-preview-title" className="text-base font-semibold">
              {t("previewTitle")}
            </h2>
            <p className="text-sm text-muted-foreground">
              {t("summary", {
                format: loaded.report.format,
                created: tasks.filter((task) => !task.existing).length,
                updated: tasks.filter((task) => task.existing).length,
              })}
            </p>
          </div>
          {warnings > 0 && <Notice tone="warning">{t("warnings", { count: warnings })}</Notice>}
          <ul aria-labelledby="import-preview-title" className="flex flex-col gap-3">
            {tasks.map((task) => (
              <PlannedTask key={task.slug} task={task} choice={choices[task.slug]} onChange={(choice) => setChoices({ ...choices, [task.slug]: choice })} />
            ))}
          </ul>

          {(loaded.report.used.length > 0 || loaded.report.ignored.length > 0) && (
            <details className="rounded-xl border border-border p-4 text-sm">
              <summary className="cursor-pointer font-medium">{t("report.title")}</summary>
              {[
                { title: t("report.used"), notes: loaded.report.used },
                { title: t("report.ignored"), notes: loaded.report.ignored },
              ]
                .filter((group) => group.notes.length)
                .map((group) => (
                  <div key={group.title} className="mt-3">
                    <h3 className="font-medium">{group.title}</h3>
                    <ul className="mt-1 flex flex-col gap-1.5">
                      {group.notes.map((note) => (
                        <li key={`${note.spec}.${note.field}`} className="break-words text-muted-foreground">
                          <code className="font-mono text-xs text-foreground">
                            {note.spec} · {note.field}
                          </code>{" "}
                          — {note.reason}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
            </details>
          )}

          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" asChild>
              <Link href="/admin/tasks">{t("cancel")}</Link>
            </Button>
            <Button disabled={busy || included === 0} onClick={() => void confirm()}>
              {t("confirm", { count: included })}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
