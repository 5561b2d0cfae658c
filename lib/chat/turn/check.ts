import type { LanguageModel } from "ai";
import { checkDeliverable, revisionRequest } from "@/lib/actions";
import { type ExecutionOutcome, finalDeliverable, startExecution } from "@/lib/executor";
import { withUsageContext } from "@/lib/observability";
import { settings } from "@/lib/settings";
import type { InfoField, Task } from "@/lib/tasks";
import type { CheckState, VersionCheckName } from "../types";
import type { AnswerExecution } from "./execute";

export interface CheckedAnswer {
  /** the answer to save: the revised one when there was a revision */
  outcome: ExecutionOutcome;
  check: VersionCheckName | null;
  notes: string[];
}

/**
 * Check (a task with the quality check on, an answer that wrote a deliverable): after the answer has
 * streamed and before its version is saved or shown as saved, the fast model checks the deliverable; on
 * a fail the best model revises it once, continuing the same prompt with what was missing (quoted as
 * data), and the revised answer replaces the streamed one. The version records the outcome:
 * passed; revised (notes: what the check found missing); failed_after_revision (the revision failed or
 * wrote no deliverable: the first draft is kept); error (the check could not run: the draft is kept).
 */
export async function checkAnswer(input: {
  task: Task;
  execution: AnswerExecution;
  outcome: ExecutionOutcome;
  fast: () => Promise<LanguageModel>;
  best: LanguageModel;
  signal: AbortSignal;
  onState: (state: CheckState) => void;
}): Promise<CheckedAnswer> {
  const { task, outcome, signal, onState } = input;
  const draft = finalDeliverable(outcome.text);
  if (!draft) return { outcome, check: null, notes: [] };
  onState({ state: "checking" });
  const done = (result: CheckedAnswer, answer?: string): CheckedAnswer => {
    if (result.check) onState({ state: "done", check: result.check, ...(answer ? { answer } : {}) });
    return result;
  };
  let found: Awaited<ReturnType<typeof checkDeliverable>>;
  try {
    const checked = { ...task, infoToCollect: task.infoToCollect as unknown as InfoField[] };
    const model = await input.fast();
    found = await withUsageContext({ purpose: "check", taskId: task.id }, () => checkDeliverable({ model, task: checked, deliverable: draft, signal }));
  } catch (error) {
    if (signal.aborted) return { outcome, check: null, notes: [] };
    console.error("quality check failed", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
    return done({ outcome, check: "error", notes: [] });
  }
  if (found.pass) return done({ outcome, check: "passed", notes: [] });

  onState({ state: "revising", missing: found.missing });
  const revision = withUsageContext({ purpose: "answer", taskId: task.id }, () =>
    startExecution({
      model: input.best,
      taskSlug: task.slug,
      system: input.execution.prompt.system,
      messages: [...input.execution.prompt.messages, { role: "assistant", content: outcome.text }, { role: "user", content: revisionRequest(found.missing) }],
      signal,
      firstChunkTimeoutMs: settings().EXECUTOR_TIMEOUT_MS,
    }),
  );
  const revised = await revision.pipe(() => {});
  if (revised.status !== "complete" || !finalDeliverable(revised.text)) {
    return done({ outcome, check: "failed_after_revision", notes: found.missing });
  }
  return done({ outcome: revised, check: "revised", notes: found.missing }, revised.text);
}
