"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export interface TaskRow {
  id: string;
  slug: string;
  name: string;
  icon: string | null;
  outputKind: string;
  enabled: boolean;
  routerDescription: string;
}

type Filter = "all" | "enabled" | "disabled";

/** The registry for admins: search, filter, enable/disable, duplicate, delete, import and export. */
export function TaskList({ tasks }: { tasks: TaskRow[] }) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string; details?: string[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const needle = query.trim().toLowerCase();
  const shown = tasks.filter(
    (t) =>
      (filter === "all" || (filter === "enabled") === t.enabled) &&
      (!needle || [t.name, t.slug, t.routerDescription].some((text) => text.toLowerCase().includes(needle))),
  );

  async function call(url: string, init: RequestInit, success: (body: Record<string, unknown>) => string) {
    setMessage(null);
    try {
      const response = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        const details = Object.entries((body.fields ?? {}) as Record<string, string[]>).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
        setMessage({ kind: "error", text: body.message ?? "The request failed.", details });
        return;
      }
      setMessage({ kind: "ok", text: success(body) });
      router.refresh();
    } catch {
      setMessage({ kind: "error", text: "The server could not be reached." });
    }
  }

  async function importFile(file: File) {
    let body: string;
    try {
      body = await file.text();
      JSON.parse(body);
    } catch {
      setMessage({ kind: "error", text: `${file.name} is not a JSON file.` });
      return;
    }
    await call("/api/tasks/import", { method: "POST", body }, (report) => {
      const tasks = report.tasks as { slug: string; result: string }[];
      const ignored = report.ignored as { spec: string; field: string; reason: string }[];
      return `Imported ${tasks.length} task(s) from a ${report.format} file: ${tasks.map((t) => `${t.slug} (${t.result})`).join(", ")}.${
        ignored.length ? ` Not used: ${ignored.map((i) => `${i.spec}.${i.field}`).join(", ")}.` : ""
      }`;
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <input
          type="search"
          aria-label="Search tasks"
          placeholder="Search by name, slug or description"
          className="min-h-11 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-transparent px-3 text-base dark:border-zinc-700"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select
          aria-label="Show"
          className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-2 text-base dark:border-zinc-700"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
        >
          <option value="all">All tasks</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
        <Link href="/admin/tasks/new" className="inline-flex min-h-11 items-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500">
          New task
        </Link>
        <Button variant="secondary" onClick={() => fileInput.current?.click()}>
          Import…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          aria-label="Import file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void importFile(file);
          }}
        />
        <a href="/api/tasks/export" className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          Export
        </a>
      </div>

      {message && (
        <div role={message.kind === "error" ? "alert" : "status"} className={`rounded-lg px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"}`}>
          <p>{message.text}</p>
          {message.details && message.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {message.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <ul aria-label="Tasks" className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {shown.length === 0 && <li className="p-4 text-sm text-zinc-500">{tasks.length ? "No task matches." : "No tasks yet. Create one or import a file."}</li>}
        {shown.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center gap-2 p-3" data-testid="task-row">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                <span aria-hidden="true">{t.icon}</span> {t.name}{" "}
                <span className="text-sm font-normal text-zinc-500">/{t.slug} · {t.outputKind}</span>
                {!t.enabled && <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-800">disabled</span>}
              </p>
              <p className="line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{t.routerDescription}</p>
            </div>
            <Link href={`/admin/tasks/${t.id}`} className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
              Edit
            </Link>
            <Button variant="ghost" onClick={() => call(`/api/tasks/${t.id}`, { method: "PATCH", body: JSON.stringify({ enabled: !t.enabled }) }, () => `${t.name} ${t.enabled ? "disabled" : "enabled"}.`)}>
              {t.enabled ? "Disable" : "Enable"}
            </Button>
            <Button variant="ghost" onClick={() => call(`/api/tasks/${t.id}/duplicate`, { method: "POST" }, () => `${t.name} duplicated (disabled until you review it).`)}>
              Duplicate
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                if (window.confirm(`Delete “${t.name}”? Conversations that used it keep their history.`)) {
                  void call(`/api/tasks/${t.id}`, { method: "DELETE" }, (body) => (body.kept ? `${t.name} deleted; past conversations keep it in their history.` : `${t.name} deleted.`));
                }
              }}
            >
              Delete
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
