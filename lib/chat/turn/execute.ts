import type { LanguageModel, ModelMessage } from "ai";
import { recentWithinBudget } from "@/lib/ai";
import { userProfile } from "@/lib/auth";
import {
  buildExecutorSystemPrompt,
  buildKnowledgeMessage,
  buildReferenceMessage,
  buildSourceDeliverableMessage,
  buildUserProfileMessage,
  type Execution,
  latestVersion,
  startExecution,
} from "@/lib/executor";
import { relevantKnowledge } from "@/lib/knowledge";
import { relevantLearnings } from "@/lib/learnings";
import { metrics, openSpan, withUsageContext } from "@/lib/observability";
import { shortlistTasks } from "@/lib/router";
import { settings } from "@/lib/settings";
import type { InfoField, Task } from "@/lib/tasks";
import type { Turn } from "./load";

/**
 * A started answer with the prompt it was started from (the quality check's revision continues it) and
 * the names of the knowledge documents that prompt quoted (recorded on the version it writes).
 */
export type AnswerExecution = Execution & { prompt: { system: string; messages: ModelMessage[] }; knowledgeSources: string[] };

/**
 * Execute: starts the answer for a task (or for none) with the best model. Its text stays buffered until
 * it is piped, so a speculative answer can be dropped without a token having been sent. The prompt
 * holds the task, the latest version of its deliverable here, and the task's learnings relevant to the
 * message; with no task, the few tasks relevant to the turn that the assistant may suggest. Before the
 * conversation, as user-role data: excerpts of the knowledge documents the task may read (the
 * organisation's and its own) relevant to the message, and the user's profile. A follow-up action's turn
 * also carries the deliverable it starts from (prompt chaining).
 */
export async function startAnswer(turn: Turn, task: Task | null, model: LanguageModel, signal: AbortSignal): Promise<AnswerExecution> {
  const { EXECUTOR_HISTORY_TOKENS, EXECUTOR_KNOWLEDGE_TOKENS, EXECUTOR_LEARNINGS_TOKENS, EXECUTOR_TIMEOUT_MS, ROUTER_SHORTLIST_SIZE } = settings();
  const knowledge = relevantKnowledge({
    taskId: task?.id ?? null,
    text: turn.recentUserText || turn.request.text,
    semantic: turn.semantic,
    budgetTokens: EXECUTOR_KNOWLEDGE_TOKENS,
  });
  const profile = userProfile(turn.userId);
  // awaited below; until then a failure of the reads awaited first (the database down) must not leave
  // these two rejected with no handler (an unhandledRejection in the server log): it surfaces there
  knowledge.catch(() => {});
  profile.catch(() => {});
  const [latest, learnings] = task
    ? await Promise.all([
        // the current task's was read with the turn
        task.id === turn.previous?.id ? turn.previousVersion : latestVersion(turn.conversationId, task.id),
        relevantLearnings({
          scope: "task",
          taskId: task.id,
          text: turn.request.text,
          query: turn.learningQuery,
          semantic: turn.semantic,
          budgetTokens: EXECUTOR_LEARNINGS_TOKENS,
          excludeConversationId: turn.conversationId,
        }),
      ])
    : [null, []];
  const system = buildExecutorSystemPrompt({
    task: task ? { ...task, infoToCollect: task.infoToCollect as unknown as InfoField[] } : null,
    latestDeliverable: latest,
    availableTasks: task
      ? []
      : shortlistTasks({ tasks: turn.tasks, currentTask: null, text: turn.recentUserText, size: ROUTER_SHORTLIST_SIZE, recentlyChosen: turn.recentlyChosen }),
  });
  const reference = buildReferenceMessage({
    examples: learnings.filter((l) => l.kind === "example"),
    avoid: learnings.filter((l) => l.kind === "avoid").map((l) => l.expectedOutput),
  });
  const history: ModelMessage[] = recentWithinBudget(turn.history, EXECUTOR_HISTORY_TOKENS).map((m) => ({ role: m.role, content: m.content }));
  // a follow-up action: the deliverable it was pressed under goes just before the press (the last user message)
  if (task && turn.followUp?.target.id === task.id) {
    const press = history.findLastIndex((m) => m.role === "user");
    history.splice(Math.max(press, 0), 0, { role: "user", content: buildSourceDeliverableMessage(turn.followUp.source) });
  }
  const chunks = await knowledge;
  // reference data first, as user-role messages: users' and documents' words never enter the system prompt
  const data = [reference, buildKnowledgeMessage(chunks), buildUserProfileMessage(await profile)].filter((text): text is string => !!text);
  const messages: ModelMessage[] = [...data.map((content) => ({ role: "user" as const, content })), ...history];
  // the span lasts as long as the answer streams; its model call is attributed to the task
  const traced = openSpan("turn.execute", { "switchboard.task": task?.slug ?? "none" });
  const started = performance.now();
  const execution = traced.within(() =>
    withUsageContext({ purpose: "answer", taskId: task?.id ?? null }, () =>
      startExecution({ model, taskSlug: task?.slug ?? null, system, messages, signal, firstChunkTimeoutMs: EXECUTOR_TIMEOUT_MS }),
    ),
  );
  void execution.done.then((outcome) => {
    // a stopped answer (the user's stop, or a speculative one dropped) did not run its course
    if (outcome.status !== "stopped") metrics().executorLatency.observe((performance.now() - started) / 1000);
    traced.span.setAttribute("switchboard.status", outcome.status);
    traced.end();
  });
  return { ...execution, prompt: { system, messages }, knowledgeSources: [...new Set(chunks.map((chunk) => chunk.documentName))] };
}
