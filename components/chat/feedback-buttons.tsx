"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { voteKey, type FeedbackTargetType, type TaskRef, type VoteView } from "@/lib/chat/types";

/** The conversation's votes, and the tasks a thumbs-down on a routing decision can name instead. */
export interface FeedbackProps {
  tasks: TaskRef[];
  votes: Map<string, VoteView>;
  onVote(key: string, vote: VoteView | null): void;
}

interface Props {
  type: FeedbackTargetType;
  id: string;
  label: string;
  feedback: FeedbackProps;
}

/**
 * Thumbs up / down with an optional comment; on a routing decision a thumbs-down asks what it should
 * have done. Pressing the same thumb again removes the vote.
 */
export function FeedbackButtons({ type, id, label, feedback }: Props) {
  const key = voteKey(type, id);
  const vote = feedback.votes.get(key);
  const onChange = (next: VoteView | null) => feedback.onVote(key, next);
  const tasks = type === "decision" ? feedback.tasks : undefined;
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState(vote?.comment ?? "");
  const [correction, setCorrection] = useState(vote?.correction ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(method: "PUT" | "DELETE", body: object) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/feedback", { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        setError(problem?.message ?? "Your rating could not be saved.");
        return false;
      }
      onChange(method === "DELETE" ? null : (await response.json()).feedback);
      return true;
    } catch {
      setError("The server could not be reached.");
      return false;
    } finally {
      setBusy(false);
    }
  }

  const target = { type, id };
  const press = (rating: "up" | "down") => {
    if (vote?.rating === rating) return void send("DELETE", { target });
    if (rating === "down") return setAsking(true);
    void send("PUT", { target, rating: "up" });
  };

  const base = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg text-base hover:bg-zinc-100 dark:hover:bg-zinc-800";
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center" role="group" aria-label={label}>
        <button type="button" disabled={busy} aria-pressed={vote?.rating === "up"} aria-label={`Good ${label}`} className={`${base} ${vote?.rating === "up" ? "text-emerald-600" : "text-zinc-400"}`} onClick={() => press("up")}>
          ▲
        </button>
        <button type="button" disabled={busy} aria-pressed={vote?.rating === "down"} aria-label={`Bad ${label}`} className={`${base} ${vote?.rating === "down" ? "text-red-600" : "text-zinc-400"}`} onClick={() => press("down")}>
          ▼
        </button>
      </div>
      {asking && (
        <form
          className="flex max-w-md flex-col gap-2 rounded-xl border border-zinc-200 p-3 text-sm dark:border-zinc-700"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await send("PUT", { target, rating: "down", comment: comment.trim() || undefined, correction: correction || undefined });
            if (ok) setAsking(false);
          }}
        >
          {tasks && (
            <label className="flex flex-col gap-1">
              What should it have done?
              <select className="min-h-11 rounded-lg border border-zinc-300 bg-transparent px-2 text-base dark:border-zinc-700" value={correction} onChange={(e) => setCorrection(e.target.value)}>
                <option value="">— choose —</option>
                {tasks.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
                <option value="none">No task</option>
              </select>
            </label>
          )}
          <label className="flex flex-col gap-1">
            What was wrong? (optional)
            <textarea className="min-h-20 rounded-lg border border-zinc-300 bg-transparent p-2 text-base dark:border-zinc-700" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
          </label>
          <div className="flex gap-2">
            <Button type="submit" disabled={busy}>Send feedback</Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>Cancel</Button>
          </div>
        </form>
      )}
      {error && <p role="alert" className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
