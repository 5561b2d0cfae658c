"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { DeliverableVersionView, DeliverableView } from "@/lib/chat/types";
import { FeedbackButtons, type FeedbackProps } from "./feedback-buttons";
import { Markdown } from "./markdown";

interface Props {
  deliverables: DeliverableView[];
  activeId: string | null;
  onSelect(id: string): void;
  onSaved(version: DeliverableVersionView): void;
  onClose?(): void;
  feedback: FeedbackProps;
}

function download(version: DeliverableVersionView) {
  const blob = new Blob([`# ${version.title}\n\n${version.body}\n`], { type: "text/markdown;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), {
    href: url,
    download: `${version.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "deliverable"}.md`,
  });
  link.click();
  URL.revokeObjectURL(url);
}

/** The conversation's deliverables: the current version, older versions, copy, download and editing. */
export function DeliverablePanel({ deliverables, activeId, onSelect, onSaved, onClose, feedback }: Props) {
  const active = deliverables.find((d) => d.id === activeId) ?? deliverables[0];
  const latest = active?.versions.at(-1);
  const [shown, setShown] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ title: "", body: "" });
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "error" | "copied"; message?: string }>({ kind: "idle" });

  // a new version (from the model or an edit) is shown as soon as it exists
  useEffect(() => setShown(null), [active?.id, latest?.versionId]);

  if (!active || !latest) {
    return (
      <aside aria-label="Deliverable" className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center text-sm text-zinc-500">
        <p>No deliverable yet.</p>
        <p>When the assistant writes minutes, an email or a memo, it appears here, versioned and editable.</p>
      </aside>
    );
  }
  const version = active.versions.find((v) => v.version === shown) ?? latest;

  async function save() {
    setStatus({ kind: "saving" });
    try {
      const response = await fetch(`/api/deliverables/${active!.id}/versions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(draft),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const fieldMessage = body?.fields && Object.values(body.fields as Record<string, string[]>)[0]?.[0];
        setStatus({ kind: "error", message: fieldMessage ?? body?.message ?? "Could not save the edit." });
        return;
      }
      onSaved(body.version);
      setEditing(false);
      setStatus({ kind: "idle" });
    } catch {
      setStatus({ kind: "error", message: "The server could not be reached. Your edit is still here; try again." });
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(`# ${version.title}\n\n${version.body}`);
      setStatus({ kind: "copied" });
      setTimeout(() => setStatus({ kind: "idle" }), 1500);
    } catch {
      setStatus({ kind: "error", message: "Copying is not allowed here; select the text instead." });
    }
  }

  return (
    <aside aria-label="Deliverable" className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        {deliverables.length > 1 ? (
          <select
            aria-label="Deliverable"
            className="min-h-11 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-transparent px-2 text-base dark:border-zinc-700"
            value={active.id}
            onChange={(e) => onSelect(e.target.value)}
          >
            {deliverables.map((d) => (
              <option key={d.id} value={d.id}>
                {d.task?.name ?? d.kind}: {d.versions.at(-1)?.title}
              </option>
            ))}
          </select>
        ) : (
          <p className="min-w-0 flex-1 truncate text-sm font-medium">{active.task?.name ?? active.kind}</p>
        )}
        {onClose && (
          <Button variant="ghost" aria-label="Close deliverable" onClick={onClose}>
            ✕
          </Button>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-1 border-b border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800">
        <Button variant="ghost" aria-label="Previous version" disabled={version.version <= 1 || editing} onClick={() => setShown(version.version - 1)}>
          ‹
        </Button>
        <span data-testid="deliverable-version" className="tabular-nums">
          Version {version.version} of {latest.version}
        </span>
        <Button variant="ghost" aria-label="Next version" disabled={version.version >= latest.version || editing} onClick={() => setShown(version.version + 1)}>
          ›
        </Button>
        <span className="text-xs text-zinc-500">{version.author === "user" ? "edited by you" : "by the assistant"}</span>
        <span className="flex-1" />
        {!editing && (
          <>
            <Button variant="ghost" onClick={copy}>{status.kind === "copied" ? "Copied" : "Copy"}</Button>
            <Button variant="ghost" onClick={() => download(version)}>Download</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDraft({ title: version.title, body: version.body });
                setEditing(true);
              }}
            >
              Edit
            </Button>
          </>
        )}
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {editing ? (
          <form
            className="flex h-full flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label className="text-sm font-medium" htmlFor="deliverable-title">Title</label>
            <input
              id="deliverable-title"
              className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-3 text-base dark:border-zinc-700"
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
            <label className="text-sm font-medium" htmlFor="deliverable-body">Text (Markdown)</label>
            <textarea
              id="deliverable-body"
              className="min-h-64 flex-1 rounded-lg border border-zinc-300 bg-transparent p-3 font-mono text-base dark:border-zinc-700"
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            />
            {status.kind === "error" && <p role="alert" className="text-sm text-red-600">{status.message}</p>}
            <div className="flex gap-2">
              <Button type="submit" disabled={status.kind === "saving"}>{status.kind === "saving" ? "Saving…" : "Save as new version"}</Button>
              <Button type="button" variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
            </div>
          </form>
        ) : (
          <article>
            <h2 className="mb-3 text-lg font-semibold" data-testid="deliverable-title">{version.title}</h2>
            <Markdown text={version.body} />
            <div className="mt-4 flex items-center gap-2 text-sm text-zinc-500">
              Is this version good?
              <FeedbackButtons
                type="version"
                id={version.versionId}
                label="deliverable version"
                feedback={feedback}
              />
            </div>
            {status.kind === "error" && <p role="alert" className="mt-2 text-sm text-red-600">{status.message}</p>}
          </article>
        )}
      </div>
    </aside>
  );
}
