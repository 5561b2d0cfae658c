import { randomUUID } from "node:crypto";
import { modelFor } from "@/lib/ai";
import type { ExecutionOutcome } from "@/lib/executor";
import type { CatalogMessage } from "@/lib/i18n";
import { extractTodosLater } from "@/lib/todos";
import type { CheckState, DeliverableVersionView } from "../types";
import { type CheckedAnswer, checkAnswer } from "./check";
import { actionChoice, type Choice, explicitChoice, routeChoice } from "./choose";
import { type AnswerExecution, startAnswer } from "./execute";
import { loadTurn, type Turn } from "./load";
import { recordDecision, saveTurnAnswer, type TurnRouting } from "./persist";
import type { ChatRequest } from "./request";

export { type CheckedAnswer, checkAnswer } from "./check";
export { actionChoice, type Choice, explicitChoice, routeChoice } from "./choose";
export { type AnswerExecution, startAnswer } from "./execute";
export { loadTurn, type Turn } from "./load";
export { recordDecision, saveTurnAnswer, type TurnRouting } from "./persist";
export { type ChatRequest, chatRequestSchema } from "./request";

/** What a turn tells its channel, in order; the web turns these into the UI message stream. */
export type TurnEvent =
  | { type: "start"; messageId: string }
  | { type: "routing"; routing: TurnRouting }
  | { type: "text-start" }
  | { type: "text-delta"; delta: string }
  | { type: "text-end" }
  | { type: "deliverable"; version: DeliverableVersionView }
  // issue 15: the quality check's progress, between the answer's text and its saved version
  | { type: "check"; check: CheckState }
  | { type: "finish"; status: ExecutionOutcome["status"]; createdAt: Date; error?: CatalogMessage };

type SlotModel = Awaited<ReturnType<typeof modelFor>>;
export interface TurnModels {
  best: SlotModel;
  fast: SlotModel;
}

export interface TurnOptions {
  /** the user's stop (the request going away) */
  signal: AbortSignal;
  /** models to use instead of the configured slots (benchmarks drive the pipeline with scripted models) */
  models?: TurnModels;
}

/**
 * One user message, in named steps: load (the message is stored before any model is called), then —
 * in `answer` — choose the task (a follow-up action's, the user's explicit choice, or the router's while the current task's
 * answer starts speculatively), execute, persist. What can refuse the message outright (not the user's
 * conversation, the database down, no model configured) rejects before `answer`, so a channel can answer
 * with an error instead of a stream.
 */
export async function startTurn(
  userId: string,
  request: ChatRequest,
  options: TurnOptions,
): Promise<{ answer(emit: (event: TurnEvent) => void): Promise<void> }> {
  const turn = await loadTurn(userId, request);
  const explicit = turn.followUp ? actionChoice(turn.followUp) : explicitChoice(request, turn.tasks);
  const [best, fast] = options.models ? [options.models.best, options.models.fast] : await Promise.all([modelFor("best"), explicit ? null : modelFor("fast")]);
  return { answer: (emit) => answerTurn(turn, { explicit, best, fast, signal: options.signal }, emit) };
}

async function answerTurn(
  turn: Turn,
  input: { explicit?: Choice; best: SlotModel; fast: SlotModel | null; signal: AbortSignal },
  emit: (event: TurnEvent) => void,
) {
  // whatever is still running when the turn ends (an answer no longer wanted after a failure) stops with it
  const ended = new AbortController();
  const signal = AbortSignal.any([input.signal, ended.signal]);
  try {
    // the answer's id is chosen now, so the reader can rate it as soon as it is saved
    const answerId = randomUUID();
    emit({ type: "start", messageId: answerId });

    // speculation: the current task's answer starts while the router runs, buffered until the choice confirms it
    const speculative = input.explicit ? undefined : startAnswer(turn, turn.previous, input.best.model, signal);
    speculative?.catch(() => {}); // awaited below; a failure surfaces there
    const choice = input.explicit ?? (await routeChoice(turn, input.fast!, signal));
    const decision = recordDecision(turn, choice);
    emit({ type: "routing", routing: decision.routing });
    const execution = await keepOrRestart(await speculative, choice.task?.slug ?? null, () => startAnswer(turn, choice.task, input.best.model, signal));

    emit({ type: "text-start" });
    const outcome = await execution.pipe((delta) => emit({ type: "text-delta", delta }));
    emit({ type: "text-end" });

    // issue 15: a task with the quality check has its deliverable checked (and revised once) before it is saved
    const checked: CheckedAnswer =
      choice.task?.qualityCheck && outcome.status === "complete"
        ? await checkAnswer({
            task: choice.task,
            execution,
            outcome,
            fast: async () => (input.fast ?? (await modelFor("fast"))).model,
            best: input.best.model,
            signal,
            onState: (check) => emit({ type: "check", check }),
          })
        : { outcome, check: null, notes: [] };

    await decision.saved;
    const saved = await saveTurnAnswer(turn, { id: answerId, task: choice.task, ...checked, knowledgeSources: execution.knowledgeSources });
    if (saved.version) emit({ type: "deliverable", version: saved.version });
    // issue 15: a final version's action items become to-dos in the background; the answer never waits for it
    if (saved.version && choice.task?.extractTodos) void extractTodosLater(saved.version.versionId, input.fast?.model);
    emit({ type: "finish", status: checked.outcome.status, createdAt: saved.createdAt, error: checked.outcome.error });
  } finally {
    ended.abort();
  }
}

/** The speculative answer when it is for the chosen task; otherwise it is dropped and the chosen one starts. */
async function keepOrRestart(speculative: AnswerExecution | undefined, chosen: string | null, start: () => Promise<AnswerExecution>): Promise<AnswerExecution> {
  if (speculative && speculative.taskSlug === chosen) return speculative;
  speculative?.abort();
  return start();
}
