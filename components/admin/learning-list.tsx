"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export interface LearningRow {
  id: string;
  scope: "router" | "task";
  kind: "routing" | "example" | "avoid";
  status: "active" | "disabled";
  inputExcerpt: string;
  expectedOutput: string;
  conversationId: string | null;
  createdAt: string;
  task: { slug: string; name: string } | null;
  source: string;
}

const kindLabel = { routing: "Routing correction", example: "Example deliverable", avoid: "What to avoid" } as const;

/** Admins review learnings: read, edit, disable, delete, and see where each came from. */
export function LearningList({ learnings }: { learnings: LearningRow[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<{ id: string; inputExcerpt: string; expectedOutput: string } | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function call(id: string, init: RequestInit, done: string) {
    setMessage(null);
    const response = await fetch(`/api/learnings/${id}`, { ...init, headers: { "content-type": "application/json" } }).catch(() => null);
    if (!response?.ok) {
      const body = await response?.json().catch(() => null);
      setMessage({ kind: "error", text: body?.message ?? "The change could not be saved." });
      return false;
    }
    setMessage({ kind: "ok", text: done });
    router.refresh();
    return true;
  }

  if (!learnings.length) {
    return <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No learnings yet. They appear when users correct a routing chip, approve or edit a deliverable, or explain a thumbs-down.</p>;
  }
  return (
    <div className="flex flex-col gap-3">
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={`rounded-lg px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}>
          {message.text}
        </p>
      )}
      <ul aria-label="Learnings" className="flex flex-col gap-3">
        {learnings.map((l) => (
          <li key={l.id} data-testid="learning" className={`rounded-xl border border-zinc-200 p-3 dark:border-zinc-800 ${l.status === "disabled" ? "opacity-60" : ""}`}>
            <p className="text-sm font-medium">
              {kindLabel[l.kind]} · {l.task ? l.task.name : l.kind === "routing" ? "No task" : "—"}
              {l.status === "disabled" && <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-800">disabled</span>}
            </p>
            <p className="text-xs text-zinc-500">
              {l.source} · {new Date(l.createdAt).toLocaleString()}
              {l.conversationId && <> · conversation {l.conversationId}</>}
            </p>
            {editing?.id === l.id ? (
              <form
                className="mt-2 flex flex-col gap-2"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await call(l.id, { method: "PATCH", body: JSON.stringify({ inputExcerpt: editing.inputExcerpt, expectedOutput: editing.expectedOutput }) }, "Learning saved.")) setEditing(null);
                }}
              >
                <label className="text-xs font-medium" htmlFor={`excerpt-${l.id}`}>Input</label>
                <textarea id={`excerpt-${l.id}`} className="min-h-24 rounded-lg border border-zinc-300 bg-transparent p-2 text-base dark:border-zinc-700" value={editing.inputExcerpt} onChange={(e) => setEditing({ ...editing, inputExcerpt: e.target.value })} />
                <label className="text-xs font-medium" htmlFor={`expected-${l.id}`}>{l.kind === "avoid" ? "What to avoid" : "Expected output"}</label>
                <textarea id={`expected-${l.id}`} className="min-h-24 rounded-lg border border-zinc-300 bg-transparent p-2 text-base dark:border-zinc-700" value={editing.expectedOutput} onChange={(e) => setEditing({ ...editing, expectedOutput: e.target.value })} />
                <div className="flex gap-2">
                  <Button type="submit">Save</Button>
                  <Button type="button" variant="secondary" onClick={() => setEditing(null)}>Cancel</Button>
                </div>
              </form>
            ) : (
              <div className="mt-2 grid gap-2 text-sm md:grid-cols-2">
                <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded-lg bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{l.inputExcerpt}</pre>
                <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded-lg bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{l.expectedOutput}</pre>
              </div>
            )}
            {editing?.id !== l.id && (
              <div className="mt-2 flex flex-wrap gap-1">
                <Button variant="ghost" onClick={() => setEditing({ id: l.id, inputExcerpt: l.inputExcerpt, expectedOutput: l.expectedOutput })}>Edit</Button>
                <Button variant="ghost" onClick={() => call(l.id, { method: "PATCH", body: JSON.stringify({ status: l.status === "active" ? "disabled" : "active" }) }, l.status === "active" ? "Learning disabled." : "Learning enabled.")}>
                  {l.status === "active" ? "Disable" : "Enable"}
                </Button>
                <Button variant="ghost" onClick={() => window.confirm("Delete this learning?") && call(l.id, { method: "DELETE" }, "Learning deleted.")}>Delete</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
