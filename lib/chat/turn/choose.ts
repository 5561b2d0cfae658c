import type { LanguageModel } from "ai";
import type { FollowUp } from "@/lib/actions";
import { relevantLearnings } from "@/lib/learnings";
import { routeTurn, shortlistTasks } from "@/lib/router";
import { settings } from "@/lib/settings";
import type { Task } from "@/lib/tasks";
import type { Turn } from "./load";
import type { ChatRequest } from "./request";

/** The task chosen for a turn (null: none), and what the routing decision records of how. */
export interface Choice {
  task: Task | null;
  source: "user" | "router" | "action";
  /** the router model ("provider:model"), when it chose */
  model: string | null;
  latencyMs: number;
  promptTokens: number | null;
  validFormat: boolean;
  /** the router's answer (with the fallback that replaced it), or how the user chose */
  rawOutput: string;
}

/** Choose (explicit): `/slug rest` or the picker's slug, when it names an enabled task (or "none"), overrides the router. */
export function explicitChoice(request: ChatRequest, tasks: Task[]): Choice | undefined {
  const slug = request.taskSlug ?? /^\/([a-z0-9_-]+)(?:\s|$)/i.exec(request.text)?.[1]?.toLowerCase();
  if (!slug) return undefined;
  const task = slug === "none" ? null : tasks.find((t) => t.slug === slug);
  if (task === undefined) return undefined;
  return {
    task,
    source: "user",
    model: null,
    latencyMs: 0,
    promptTokens: null,
    validFormat: true,
    rawOutput: request.taskSlug ? `picker:${request.taskSlug}` : "command",
  };
}

/** Choose (follow-up action): the pressed action's task, checked when the turn was loaded; the router is not asked. */
export function actionChoice(followUp: FollowUp): Choice {
  return {
    task: followUp.target,
    source: "action",
    model: null,
    latencyMs: 0,
    promptTokens: null,
    validFormat: true,
    rawOutput: `action:${followUp.source.versionId}`,
  };
}

/**
 * Choose (routed): the router model picks among the tasks relevant to the turn (a large registry is cut
 * to a shortlist, so its prompt stays bounded), shown past corrections relevant to the message.
 */
export async function routeChoice(
  turn: Turn,
  router: { model: LanguageModel; spec: { provider: string; model: string } },
  signal: AbortSignal,
): Promise<Choice> {
  const { ROUTER_LEARNINGS_TOKENS, ROUTER_SHORTLIST_SIZE, ROUTER_SHORTLIST_THRESHOLD, ROUTER_TIMEOUT_MS } = settings();
  const { tasks, previous } = turn;
  const examples = await relevantLearnings({
    scope: "router",
    text: turn.request.text,
    query: turn.learningQuery,
    semantic: turn.semantic,
    budgetTokens: ROUTER_LEARNINGS_TOKENS,
    excludeConversationId: turn.conversationId,
  });
  const routable =
    tasks.length > ROUTER_SHORTLIST_THRESHOLD
      ? shortlistTasks({
          tasks,
          currentTask: previous?.slug ?? null,
          text: turn.recentUserText,
          size: ROUTER_SHORTLIST_SIZE,
          alwaysInclude: examples.map((l) => tasks.find((t) => t.id === l.taskId)?.slug).filter((s): s is string => !!s),
          semantic: (await turn.semantic).rankTasks(tasks).map((t) => t.slug),
          recentlyChosen: turn.recentlyChosen,
        })
      : tasks;
  const routed = await routeTurn({
    model: router.model,
    tasks: routable,
    currentTask: previous?.slug ?? null,
    messages: turn.history,
    examples,
    timeoutMs: ROUTER_TIMEOUT_MS,
    signal,
  });
  return {
    task: tasks.find((t) => t.slug === routed.slug) ?? null,
    source: "router",
    model: `${router.spec.provider}:${router.spec.model}`,
    latencyMs: routed.latencyMs,
    promptTokens: routed.promptTokens,
    validFormat: routed.validFormat,
    rawOutput: routed.fallback ? `[${routed.fallback}] ${routed.rawOutput}` : routed.rawOutput,
  };
}
