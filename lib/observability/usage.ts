import { AsyncLocalStorage } from "node:async_hooks";
import type { LanguageModelMiddleware } from "ai";
import { db, type UsagePurpose } from "@/lib/db";
import { metrics } from "./metrics";

/** Who and what a model call works for; set around a turn (and narrowed around each of its calls). */
export interface UsageContext {
  userId?: string;
  conversationId?: string;
  taskId?: string | null;
  purpose?: UsagePurpose;
}

const globalForUsage = globalThis as unknown as { switchboardUsageContext?: AsyncLocalStorage<UsageContext> };
globalForUsage.switchboardUsageContext ??= new AsyncLocalStorage<UsageContext>();
const contexts = globalForUsage.switchboardUsageContext;

/** Runs `run` with these facts added to the current usage context: model calls made inside are attributed to them. */
export function withUsageContext<T>(context: UsageContext, run: () => T): T {
  return contexts.run({ ...contexts.getStore(), ...context }, run);
}

// writes still under way, so a caller (a test, a shutdown) can wait for them
const pending = new Set<Promise<unknown>>();

/** Resolves once every usage row started so far is written (or has failed). */
export async function usageWritten(): Promise<void> {
  await Promise.allSettled([...pending]);
}

// the provider interface has reported usage as numbers and, since spec v3, as { total, ... } objects
type TokenCount = number | { total?: number } | undefined;
const tokensOf = (count: TokenCount): number => (typeof count === "number" ? count : (count?.total ?? 0));

function record(slot: string, model: string, usage: { inputTokens?: TokenCount; outputTokens?: TokenCount } | undefined) {
  const inputTokens = tokensOf(usage?.inputTokens);
  const outputTokens = tokensOf(usage?.outputTokens);
  const m = metrics();
  m.tokens.inc({ slot, direction: "in" }, inputTokens);
  m.tokens.inc({ slot, direction: "out" }, outputTokens);
  const context = contexts.getStore() ?? {};
  const write = db()
    .modelUsage.create({
      data: {
        slot,
        model,
        purpose: context.purpose ?? "other",
        inputTokens,
        outputTokens,
        userId: context.userId ?? null,
        conversationId: context.conversationId ?? null,
        taskId: context.taskId ?? null,
      },
    })
    .catch((error: unknown) => {
      // usage is bookkeeping: the answer goes on without it, and the failure is counted and logged
      m.errors.inc({ kind: "usage_write" });
      console.error("model usage not saved", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
    })
    .finally(() => pending.delete(write));
  pending.add(write);
}

/**
 * A middleware for a slot's model that records every call's token usage (a stream's when it finishes,
 * including a stopped one whose provider reported usage) for cost and metrics.
 */
export function usageRecorder(slot: string, model: string): LanguageModelMiddleware {
  return {
    wrapGenerate: async ({ doGenerate }) => {
      const result = await doGenerate();
      record(slot, model, result.usage);
      return result;
    },
    wrapStream: async ({ doStream }) => {
      const { stream, ...rest } = await doStream();
      const context = contexts.getStore();
      const watched = stream.pipeThrough(
        new TransformStream({
          transform(chunk, controller) {
            // the stream is read outside the call's async context: restore it for the attribution
            if (chunk.type === "finish") contexts.run(context ?? {}, () => record(slot, model, chunk.usage));
            controller.enqueue(chunk);
          },
        }),
      );
      return { stream: watched, ...rest };
    },
  };
}
