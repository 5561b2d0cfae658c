import { randomUUID } from "node:crypto";
import { createUIMessageStream, createUIMessageStreamResponse, type ModelMessage } from "ai";
import { z } from "zod";
import { modelFor } from "@/lib/ai";
import type { PublicUser } from "@/lib/auth";
import {
  answerForHistory,
  buildExecutorSystemPrompt,
  buildReferenceMessage,
  finalDeliverable,
  latestVersion,
  startExecution,
  toVersionView,
  type Execution,
} from "@/lib/executor";
import { deriveAction, routeTurn, saveDecision, shortlistTasks, type RouterResult } from "@/lib/router";
import { rareWordQuery, relevantLearnings } from "@/lib/learnings";
import { isDatabaseUnreachable } from "@/lib/http";
import { settings } from "@/lib/settings";
import { enabledTasks, taskNameForHistory, type InfoField, type Task } from "@/lib/tasks";
import { DEFAULT_TITLE, getOwnedConversation, loadHistory, saveAnswer, saveUserMessage } from "./queries";
import { recentWithinBudget } from "@/lib/ai";
import { MAX_MESSAGE_CHARS, type ChatUIMessage, type RoutingEvent, type TaskRef } from "./types";

export const chatRequestSchema = z.object({
  conversationId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(128),
  text: z
    .string()
    .trim()
    .min(1, "fields.messageEmpty")
    .max(MAX_MESSAGE_CHARS, `Messages are limited to ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters.`),
  taskSlug: z.string().max(64).optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

type RegistryTask = Task;

const ref = (task: RegistryTask | null | undefined): TaskRef | null => (task ? { slug: task.slug, name: task.name, icon: task.icon } : null);

/** `/slug rest` or the picker's slug, when it names an enabled task (or "none"). */
function explicitChoice(request: ChatRequest, tasks: RegistryTask[]): { task: RegistryTask | null } | undefined {
  const slug = request.taskSlug ?? /^\/([a-z0-9_-]+)(?:\s|$)/i.exec(request.text)?.[1]?.toLowerCase();
  if (!slug) return undefined;
  if (slug === "none") return { task: null };
  const task = tasks.find((t) => t.slug === slug);
  return task ? { task } : undefined;
}

export interface TurnOptions {
  /** models to use instead of the configured slots (benchmarks drive the pipeline with scripted models) */
  models?: { best: Awaited<ReturnType<typeof modelFor>>; fast: Awaited<ReturnType<typeof modelFor>> };
}

/**
 * One user turn: save the message, route (while speculatively running the executor for the current
 * task), execute, and persist — streamed to the browser as a UI message stream.
 */
export async function runTurn(user: PublicUser, request: ChatRequest, requestSignal: AbortSignal, options: TurnOptions = {}): Promise<Response> {
  const {
    EXECUTOR_HISTORY_TOKENS,
    EXECUTOR_TIMEOUT_MS,
    ROUTER_SHORTLIST_THRESHOLD,
    ROUTER_SHORTLIST_SIZE,
    ROUTER_LEARNINGS_TOKENS,
    EXECUTOR_LEARNINGS_TOKENS,
    ROUTER_TIMEOUT_MS,
  } = settings();
  const conversation = await getOwnedConversation(user.id, request.conversationId);
  // the words to search learnings with, for the router and the task alike
  const learningQuery = rareWordQuery(request.text);
  learningQuery.catch(() => {}); // awaited where it is used; a failure surfaces there
  // the message is stored before any model is called; the reads that do not need it run alongside
  const [userMessage, tasks, earlier] = await Promise.all([
    saveUserMessage(conversation.id, request.messageId, request.text, { untitled: conversation.title === DEFAULT_TITLE }),
    // the registry as it is at this moment, on whichever instance changed it
    enabledTasks(),
    loadHistory(conversation.id),
  ]);
  // the history was read alongside the insert: it may not hold the new message yet
  const history = (earlier.some((m) => m.id === userMessage.id) ? earlier : [...earlier, userMessage]).filter((m) => m.content.trim());

  const previous = tasks.find((t) => t.id === conversation.currentTaskId) ?? null;
  const droppedTask = conversation.currentTaskId && !previous ? await taskNameForHistory(conversation.currentTaskId) : null;
  const notice = droppedTask ? `“${droppedTask}” is no longer available, so the assistant continues without a task.` : undefined;
  const explicit = explicitChoice(request, tasks);
  const [best, fast] = options.models
    ? [options.models.best, options.models.fast]
    : await Promise.all([modelFor("best"), explicit ? null : modelFor("fast")]);

  const lastUserTexts = history.filter((m) => m.role === "user").slice(-2).map((m) => m.content).join(" ");
  const routerHistory = history.map((m) => ({ role: m.role, content: m.role === "assistant" ? answerForHistory(m.content) : m.content }));

  const execute = async (task: RegistryTask | null): Promise<Execution> => {
    const [latest, learnings] = task
      ? await Promise.all([
          latestVersion(conversation.id, task.id),
          relevantLearnings({ scope: "task", taskId: task.id, text: request.text, query: learningQuery, budgetTokens: EXECUTOR_LEARNINGS_TOKENS, excludeConversationId: conversation.id }),
        ])
      : [null, []];
    const system = buildExecutorSystemPrompt({
      task: task ? { ...task, infoToCollect: task.infoToCollect as unknown as InfoField[] } : null,
      latestDeliverable: latest && { title: latest.title, body: latest.body, version: latest.version, author: latest.author },
      // with no task the assistant may suggest one: the few relevant to the turn, not the whole registry
      availableTasks: task ? [] : shortlistTasks({ tasks, currentTask: null, text: lastUserTexts, size: ROUTER_SHORTLIST_SIZE }),
    });
    const reference = buildReferenceMessage({
      examples: learnings.filter((l) => l.kind === "example"),
      avoid: learnings.filter((l) => l.kind === "avoid").map((l) => l.expectedOutput),
    });
    const messages: ModelMessage[] = [
      ...(reference ? [{ role: "user" as const, content: reference }] : []),
      ...recentWithinBudget(routerHistory, EXECUTOR_HISTORY_TOKENS).map((m) => ({ role: m.role, content: m.content })),
    ];
    return startExecution({ model: best.model, taskSlug: task?.slug ?? null, system, messages, signal: requestSignal, firstChunkTimeoutMs: EXECUTOR_TIMEOUT_MS });
  };

  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      const write = (chunk: Parameters<typeof writer.write>[0]) => {
        try {
          writer.write(chunk);
        } catch {
          // the browser went away (stop or closed tab): keep going so the turn is still saved
        }
      };
      // the assistant message's id is chosen now, so the browser can rate it as soon as it is saved
      const assistantId = randomUUID();
      write({ type: "start", messageId: assistantId });

      // Speculation: the current task's answer starts now and stays buffered until the router confirms.
      const [speculative, routerExamples] = explicit
        ? [undefined, []]
        : await Promise.all([
            execute(previous),
            relevantLearnings({ scope: "router", text: request.text, query: learningQuery, budgetTokens: ROUTER_LEARNINGS_TOKENS, excludeConversationId: conversation.id }),
          ]);
      let chosen: RegistryTask | null;
      let routed: RouterResult | undefined;
      if (explicit) {
        chosen = explicit.task;
      } else {
        // a large registry is cut to the tasks relevant to this turn, so the router's prompt stays bounded
        const routable =
          tasks.length > ROUTER_SHORTLIST_THRESHOLD
            ? shortlistTasks({
                tasks,
                currentTask: previous?.slug ?? null,
                text: lastUserTexts,
                size: ROUTER_SHORTLIST_SIZE,
                alwaysInclude: routerExamples.map((l) => tasks.find((t) => t.id === l.taskId)?.slug).filter((s): s is string => !!s),
              })
            : tasks;
        routed = await routeTurn({
          model: fast!.model,
          tasks: routable,
          currentTask: previous?.slug ?? null,
          messages: routerHistory,
          examples: routerExamples,
          timeoutMs: ROUTER_TIMEOUT_MS,
          signal: requestSignal,
        });
        chosen = tasks.find((t) => t.slug === routed!.slug) ?? null;
      }
      const action = deriveAction(previous?.slug ?? null, chosen?.slug ?? null);
      // saved while the answer starts (its id is chosen here), and always before the answer is saved
      const decisionId = randomUUID();
      const decisionSaved = saveDecision({
        id: decisionId,
        conversationId: conversation.id,
        messageId: userMessage.id,
        previousTaskId: previous?.id ?? null,
        chosenTaskId: chosen?.id ?? null,
        action,
        source: explicit ? "user" : "router",
        model: routed ? `${fast!.spec.provider}:${fast!.spec.model}` : null,
        latencyMs: routed?.latencyMs ?? 0,
        promptTokens: routed?.promptTokens ?? null,
        validFormat: routed?.validFormat ?? true,
        rawOutput: routed ? (routed.fallback ? `[${routed.fallback}] ${routed.rawOutput}` : routed.rawOutput) : request.taskSlug ? `picker:${request.taskSlug}` : "command",
      });
      decisionSaved.catch(() => {}); // awaited below; a failure surfaces there
      const routing: RoutingEvent = {
        decisionId,
        action,
        source: explicit ? "user" : "router",
        task: ref(chosen),
        previousTask: ref(previous),
        notice,
      };
      write({ type: "data-routing", id: "routing", data: routing });

      let execution: Execution;
      if (speculative && speculative.taskSlug === (chosen?.slug ?? null)) {
        execution = speculative;
      } else {
        speculative?.abort();
        execution = await execute(chosen);
      }

      const textId = `text-${userMessage.id}`;
      write({ type: "text-start", id: textId });
      const outcome = await execution.pipe((delta) => write({ type: "text-delta", id: textId, delta }));
      write({ type: "text-end", id: textId });

      await decisionSaved;
      const deliverable = outcome.status === "complete" && chosen ? finalDeliverable(outcome.text) : null;
      const { createdAt, version } = await saveAnswer(
        { id: assistantId, conversationId: conversation.id, content: outcome.text, status: outcome.status },
        deliverable && chosen
          ? { taskId: chosen.id, kind: chosen.outputKind, title: deliverable.title, body: deliverable.body, author: "model" }
          : null,
      );
      if (version) write({ type: "data-deliverable", id: version.id, data: toVersionView(version) });
      if (outcome.status === "failed") {
        write({ type: "error", errorText: `${outcome.error} Your message is saved; press Retry to try again.` });
      }
      write({ type: "finish", messageMetadata: { status: outcome.status, createdAt: createdAt.toISOString() } });
    },
    onError: (error) => {
      // the kind of failure only: messages can hold user content
      console.error("turn failed", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
      return isDatabaseUnreachable(error)
        ? "The database is unreachable, so the answer could not be saved. Your message is saved; press Retry in a moment."
        : "Something went wrong while answering. Your message is saved; press Retry to try again.";
    },
  });
  return createUIMessageStreamResponse({ stream });
}
