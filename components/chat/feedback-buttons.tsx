"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useTranslations } from "next-intl";
import { type RefObject, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { IconButton } from "@/components/ui/icon-button";
import { Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { type FeedbackTargetType, type VoteView, voteKey } from "@/lib/chat/types";
import { useChatTasks } from "./chat-tasks";

/** The conversation's votes (one per answer, task choice or version) and how to record a change. */
export interface FeedbackProps {
  votes: Map<string, VoteView>;
  onVote(key: string, vote: VoteView | null): void;
}

/** One target's vote, and the calls that change it through /api/feedback. */
export function useVote(type: FeedbackTargetType, id: string, feedback: FeedbackProps) {
  const t = useTranslations("chat.feedback");
  const key = voteKey(type, id);
  const [busy, setBusy] = useState(false);

  async function send(method: "PUT" | "DELETE", body: object): Promise<boolean> {
    setBusy(true);
    try {
      const response = await fetch("/api/feedback", { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        toast.error(problem?.message ?? t("failed"));
        return false;
      }
      feedback.onVote(key, method === "DELETE" ? null : (await response.json()).feedback);
      return true;
    } catch {
      toast.error(t("unreachable"));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const target = { type, id };
  return {
    vote: feedback.votes.get(key),
    busy,
    up: () => send("PUT", { target, rating: "up" }),
    down: (details: { comment?: string; correction?: string }) => send("PUT", { target, rating: "down", ...details }),
    clear: () => send("DELETE", { target }),
  };
}

interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  /** ask which task it should have been (a routing decision) */
  askTask?: boolean;
  /** the choice being corrected (a slug, or "none"), left out of the answers */
  chosen?: string;
  initial?: VoteView;
  busy: boolean;
  onSubmit(details: { comment?: string; correction?: string }): Promise<boolean>;
  /** where focus goes when the dialog closes, when it was opened from a menu that is gone by then */
  returnFocus?: RefObject<HTMLElement | null>;
}

/** What was wrong, asked in a dialog so the message under it never moves. */
export function FeedbackDialog({ open, onOpenChange, title, askTask, chosen, initial, busy, onSubmit, returnFocus }: DialogProps) {
  const t = useTranslations("chat.feedback");
  const tasks = useChatTasks();
  const [comment, setComment] = useState(initial?.comment ?? "");
  const [correction, setCorrection] = useState(initial?.correction ?? "");
  const commentId = useId();
  const choices = [...tasks.map((task) => ({ value: task.slug, icon: task.icon, label: task.name })), { value: "none", icon: null, label: t("noTask") }].filter(
    (choice) => choice.value !== chosen,
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={title}
        description={askTask ? t("taskIntro") : t("intro")}
        closeLabel={t("close")}
        onOpenAutoFocus={(event) => {
          // straight to what is asked: the first task or the comment (not the close button and its tooltip)
          event.preventDefault();
          (event.currentTarget as HTMLElement).querySelector<HTMLElement>("input, textarea")?.focus();
        }}
        onCloseAutoFocus={(event) => {
          if (!returnFocus?.current) return;
          event.preventDefault();
          returnFocus.current.focus();
        }}
      >
        <form
          className="flex min-h-0 flex-col gap-4 overflow-y-auto px-4 pb-4 pt-3"
          onSubmit={async (event) => {
            event.preventDefault();
            const sent = await onSubmit({ comment: comment.trim() || undefined, correction: correction || undefined });
            if (sent) {
              toast.success(t("saved"));
              onOpenChange(false);
            }
          }}
        >
          {askTask && (
            <fieldset className="flex flex-col gap-1.5">
              <legend className="sr-only">{t("tasks")}</legend>
              {choices.map((choice) => (
                <label
                  key={choice.value}
                  className={cn(
                    "flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-border px-3 text-sm hover:bg-muted pointer-fine:min-h-10",
                    correction === choice.value && "border-primary bg-accent text-accent-foreground",
                  )}
                >
                  <input
                    type="radio"
                    name="correction"
                    value={choice.value}
                    checked={correction === choice.value}
                    onChange={() => setCorrection(choice.value)}
                    className="size-4 accent-primary"
                  />
                  {choice.icon && <span aria-hidden="true">{choice.icon}</span>}
                  <span>{choice.label}</span>
                </label>
              ))}
            </fieldset>
          )}
          <div className="flex flex-col gap-1.5">
            <label htmlFor={commentId} className="text-sm font-medium">
              {t("comment")}
            </label>
            <Textarea id={commentId} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={busy}>
              {t("send")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

interface ThumbsProps {
  type: "message" | "version";
  id: string;
  feedback: FeedbackProps;
  labels: { good: string; bad: string; dialog: string };
}

/**
 * Thumbs up / down on an answer or a deliverable version; a thumbs-down asks what was wrong in a dialog.
 * Pressing the chosen thumb again removes the vote.
 */
export function ThumbsVote({ type, id, feedback, labels }: ThumbsProps) {
  const { vote, busy, up, down, clear } = useVote(type, id, feedback);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <IconButton
        label={labels.good}
        aria-pressed={vote?.rating === "up"}
        disabled={busy}
        className={cn("text-muted-foreground hover:text-foreground", vote?.rating === "up" && "text-success-text")}
        onClick={() => void (vote?.rating === "up" ? clear() : up())}
      >
        <ThumbsUp className={cn(vote?.rating === "up" && "fill-current")} />
      </IconButton>
      <IconButton
        label={labels.bad}
        aria-pressed={vote?.rating === "down"}
        disabled={busy}
        className={cn("text-muted-foreground hover:text-foreground", vote?.rating === "down" && "text-destructive")}
        onClick={() => (vote?.rating === "down" ? void clear() : setAsking(true))}
      >
        <ThumbsDown className={cn(vote?.rating === "down" && "fill-current")} />
      </IconButton>
      <FeedbackDialog open={asking} onOpenChange={setAsking} title={labels.dialog} initial={vote} busy={busy} onSubmit={down} />
    </>
  );
}
