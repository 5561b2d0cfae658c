import { randomUUID } from "node:crypto";
import { modelFor } from "@/lib/ai";
import type { ExecutionOutcome } from "@/lib/executor";
import { AppError } from "@/lib/http";
import type { CatalogMessage } from "@/lib/i18n";
import { enforceBudget, inSpan, metrics, openSpan, usageWritten, withUsageContext } from "@/lib/observability";
import { admitTurn } from "@/lib/shutdown";
import { extractTodosLater } from "@/lib/todos";
import { loadSavedAnswer, type SavedAnswer } from "../queries";
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
 * conversation, the database down, no model configured, the instance restarting) rejects before `answer`, so a channel can answer
 * with an error instead of a stream.
 */
export async function startTurn(
  userId: string,
  request: ChatRequest,
  options: TurnOptions,
): Promise<{ answer(emit: (event: TurnEvent) => void): Promise<void> }> {
  // an instance that is restarting takes no new turn (503); one it took finishes, or is stopped and saved, before it exits
  const admitted = admitTurn();
  // one trace per turn: loading here, answering later as a stream; the model calls are attributed to the user
  const traced = openSpan("turn", { "switchboard.conversation_id": request.conversationId });
  return traced.within(() =>
    withUsageContext({ userId }, async () => {
      try {
        const turn = await inSpan("turn.load", {}, () => loadTurn(userId, request));
        // a retry of a message whose answer was saved (though its client heard of a failure) gets that answer, never a second one
        if (turn.answeredId) {
          const saved = await loadSavedAnswer(turn.answeredId, turn.userMessageId);
          return {
            answer: (emit) =>
              settle(async () => {
                replaySavedAnswer(saved, emit);
                traced.end();
              }, admitted.done),
          };
        }
        // issue 18: past the monthly budget the message is kept (load stored it) and no model is called
        await enforceBudget(userId);
        const explicit = turn.followUp ? actionChoice(turn.followUp) : explicitChoice(request, turn.tasks);
        const [best, fast] = options.models
          ? [options.models.best, options.models.fast]
          : await Promise.all([modelFor("best"), explicit ? null : modelFor("fast")]);
        const signal = AbortSignal.any([options.signal, admitted.signal]);
        return {
          answer: (emit) =>
            settle(
              () =>
                traced.within(() =>
                  withUsageContext({ userId, conversationId: turn.conversationId }, () =>
                    answerTurn(turn, { explicit, best, fast, signal }, emit).then(
                      () => traced.end(),
                      (error: unknown) => {
                        metrics().errors.inc({ kind: "turn" });
                        traced.end(error);
                        throw error;
                      },
                    ),
                  ),
                ),
              admitted.done,
            ),
        };
      } catch (error) {
        admitted.done();
        metrics().errors.inc({ kind: error instanceof AppError ? error.code : "turn" });
        traced.end(error);
        throw error;
      }
    }),
  );
}

/** Runs the turn's answer and then marks the turn done, however it ends: draining waits for exactly this. */
async function settle(run: () => Promise<void>, done: () => void): Promise<void> {
  try {
    await run();
  } finally {
    done();
  }
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
    const started = performance.now();
    const speculative = input.explicit ? undefined : startAnswer(turn, turn.previous, input.best.model, signal);
    speculative?.catch(() => {}); // awaited below; a failure surfaces there
    const choice =
      input.explicit ??
      (await inSpan("turn.route", {}, () => withUsageContext({ purpose: "route", taskId: null }, () => routeChoice(turn, input.fast!, signal))));
    const decision = recordDecision(turn, choice);
    emit({ type: "routing", routing: decision.routing });
    const m = metrics();
    m.routingActions.inc({ action: decision.routing.action, source: choice.source });
    if (choice.source === "router") m.routerLatency.observe(choice.latencyMs / 1000);
    const execution = await keepOrRestart(await speculative, choice.task?.slug ?? null, () => startAnswer(turn, choice.task, input.best.model, signal));

    emit({ type: "text-start" });
    let firstToken = true;
    const outcome = await execution.pipe((delta) => {
      if (firstToken) m.firstToken.observe((performance.now() - started) / 1000);
      firstToken = false;
      emit({ type: "text-delta", delta });
    });
    if (outcome.error) m.errors.inc({ kind: `model:${outcome.error.key}` });
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

    const saved = await inSpan("turn.save", {}, async () => {
      await decision.saved;
      return saveTurnAnswer(turn, { id: answerId, task: choice.task, ...checked, knowledgeSources: execution.knowledgeSources });
    });
    m.turns.inc({ status: checked.outcome.status });
    // the turn's usage rows are written before it reports done, so a budget or cost read next sees them
    await usageWritten();
    if (saved.version) emit({ type: "deliverable", version: saved.version });
    // issue 15: a final version's action items become to-dos in the background; the answer never waits for it
    if (saved.version && choice.task?.extractTodos) {
      const versionId = saved.version.versionId;
      void withUsageContext({ purpose: "todos", taskId: choice.task.id }, () => extractTodosLater(versionId, input.fast?.model));
    }
    emit({ type: "finish", status: checked.outcome.status, createdAt: saved.createdAt, error: checked.outcome.error });
  } finally {
    ended.abort();
  }
}

/** A saved answer's events, as its turn emitted them (its routing, its whole text, its versions), so the channel shows it whole. */
function replaySavedAnswer(saved: SavedAnswer, emit: (event: TurnEvent) => void) {
  emit({ type: "start", messageId: saved.id });
  if (saved.routing) emit({ type: "routing", routing: saved.routing });
  emit({ type: "text-start" });
  emit({ type: "text-delta", delta: saved.content });
  emit({ type: "text-end" });
  for (const version of saved.versions) emit({ type: "deliverable", version });
  emit({ type: "finish", status: saved.status, createdAt: saved.createdAt });
}

/** The speculative answer when it is for the chosen task; otherwise it is dropped and the chosen one starts. */
async function keepOrRestart(speculative: AnswerExecution | undefined, chosen: string | null, start: () => Promise<AnswerExecution>): Promise<AnswerExecution> {
  if (speculative && speculative.taskSlug === chosen) return speculative;
  speculative?.abort();
  return start();
}
