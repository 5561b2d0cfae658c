import { randomUUID } from "node:crypto";
import { type ExecutionOutcome, finalDeliverable, toVersionView } from "@/lib/executor";
import type { CatalogMessage } from "@/lib/i18n";
import { deriveAction, saveDecision } from "@/lib/router";
import type { Task } from "@/lib/tasks";
import { saveAnswer } from "../queries";
import type { DeliverableVersionView, RoutingEvent, TaskRef, VersionCheckName } from "../types";
import type { Choice } from "./choose";
import type { Turn } from "./load";

/** The routing as a channel shows it; the notice is a catalog message, worded in the reader's language by the channel. */
export type TurnRouting = Omit<RoutingEvent, "notice"> & { notice?: CatalogMessage };

const ref = (task: Task | null): TaskRef | null => (task ? { slug: task.slug, name: task.name, icon: task.icon } : null);

/**
 * Persist (the decision): starts saving the routing decision, which makes the chosen task the
 * conversation's current one. Its id is chosen here so the routing can be shown while it is saved;
 * `saved` must settle before the answer is saved.
 */
export function recordDecision(turn: Turn, choice: Choice): { routing: TurnRouting; saved: Promise<void> } {
  const id = randomUUID();
  const action = deriveAction(turn.previous?.slug ?? null, choice.task?.slug ?? null);
  // the decision notes how the shortlist and learnings were found: by meaning and words, or words alone (and why)
  const saved = turn.semantic.then(({ mode, note }) =>
    saveDecision({
      id,
      conversationId: turn.conversationId,
      messageId: turn.userMessageId,
      previousTaskId: turn.previous?.id ?? null,
      chosenTaskId: choice.task?.id ?? null,
      action,
      source: choice.source,
      model: choice.model,
      latencyMs: choice.latencyMs,
      promptTokens: choice.promptTokens,
      validFormat: choice.validFormat,
      rawOutput: choice.rawOutput,
      retrieval: mode,
      retrievalNote: note,
    }),
  );
  saved.catch(() => {}); // awaited before the answer is saved; a failure surfaces there
  return { routing: { decisionId: id, action, source: choice.source, task: ref(choice.task), previousTask: ref(turn.previous), notice: turn.notice }, saved };
}

/**
 * Persist (the answer): saves the answer whatever its status (a failed or stopped one keeps its partial
 * text, marked), and the deliverable version a complete answer for a task wrote, as one.
 */
export async function saveTurnAnswer(
  turn: Turn,
  answer: { id: string; task: Task | null; outcome: ExecutionOutcome; check?: VersionCheckName | null; notes?: string[]; knowledgeSources?: string[] },
): Promise<{ createdAt: Date; version: DeliverableVersionView | null }> {
  const { task, outcome } = answer;
  const deliverable = outcome.status === "complete" && task ? finalDeliverable(outcome.text) : null;
  const { createdAt, version } = await saveAnswer(
    { id: answer.id, conversationId: turn.conversationId, content: outcome.text, status: outcome.status },
    deliverable && task
      ? {
          taskId: task.id,
          kind: task.outputKind,
          title: deliverable.title,
          body: deliverable.body,
          author: "model",
          check: answer.check,
          checkNotes: answer.notes,
          knowledgeSources: answer.knowledgeSources,
        }
      : null,
  );
  // the deliverable's kind travels with its first live version, so the panel offers what fits it (Send for an email)
  return { createdAt, version: version && task && { ...toVersionView(version), kind: task.outputKind } };
}
