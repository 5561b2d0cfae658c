import { generateText, type LanguageModel, NoObjectGeneratedError, Output } from "ai";
import { z } from "zod";
import type { HistoryMessage } from "@/lib/ai";
import { modelTelemetry } from "@/lib/observability";
import { settings } from "@/lib/settings";
import { buildRouterPrompt, NONE, type RoutableTask, type RouterExample } from "./prompt";

export interface RouterInput {
  model: LanguageModel;
  tasks: RoutableTask[];
  currentTask: string | null;
  messages: HistoryMessage[];
  examples?: RouterExample[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RouterResult {
  /** the chosen task slug, or null for none */
  slug: string | null;
  validFormat: boolean;
  /** what the model answered (the last attempt), or why there is no answer */
  rawOutput: string;
  latencyMs: number;
  promptTokens: number | null;
  /** set when the answer was not used and the current task was kept */
  fallback: "timeout" | "invalid" | "error" | null;
}

/**
 * Asks the fast model which task applies. The answer is constrained by a JSON-schema enum of the
 * enabled slugs plus "none"; a provider that ignores the schema is parsed leniently and asked once
 * more; after that, or on timeout or error, the current task is kept.
 */
export async function routeTurn(input: RouterInput): Promise<RouterResult> {
  const started = performance.now();
  const options = [...input.tasks.map((t) => t.slug), NONE];
  const { system, prompt } = buildRouterPrompt({ ...input, promptTokens: settings().ROUTER_PROMPT_TOKENS });
  const schema = z.object({ task: z.enum(options as [string, ...string[]]) });
  const deadline = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
  const keepCurrent = (fallback: RouterResult["fallback"], rawOutput: string, validFormat: boolean, promptTokens: number | null = null): RouterResult => ({
    slug: input.currentTask,
    validFormat,
    rawOutput,
    latencyMs: Math.round(performance.now() - started),
    promptTokens,
    fallback,
  });

  let rawOutput = "";
  let promptTokens: number | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const result = await generateText({
        model: input.model,
        system,
        prompt,
        output: Output.object({ schema }),
        abortSignal: signal,
        temperature: 0,
        maxRetries: 0,
        telemetry: modelTelemetry("switchboard.route"),
      });
      promptTokens = result.usage.inputTokens ?? null;
      return {
        slug: result.output.task === NONE ? null : result.output.task,
        validFormat: true,
        rawOutput: result.text,
        latencyMs: Math.round(performance.now() - started),
        promptTokens,
        fallback: null,
      };
    } catch (error) {
      if (deadline.aborted) return keepCurrent("timeout", rawOutput || `(no answer within ${input.timeoutMs} ms)`, true, promptTokens);
      if (input.signal?.aborted) return keepCurrent("error", "(cancelled)", true, promptTokens);
      if (!NoObjectGeneratedError.isInstance(error)) {
        return keepCurrent("error", `(model error: ${(error as Error).message.slice(0, 200)})`, true, promptTokens);
      }
      rawOutput = error.text ?? "";
      promptTokens = error.usage?.inputTokens ?? promptTokens;
      const lenient = parseLeniently(rawOutput, options);
      if (lenient !== undefined) {
        return {
          slug: lenient === NONE ? null : lenient,
          validFormat: true,
          rawOutput,
          latencyMs: Math.round(performance.now() - started),
          promptTokens,
          fallback: null,
        };
      }
    }
  }
  return keepCurrent("invalid", rawOutput, false, promptTokens);
}

/**
 * Reads an answer that is not the exact JSON asked for: JSON inside prose or a code fence, a
 * differently named key, or a bare slug. Returns undefined when no single option can be read.
 */
export function parseLeniently(text: string, options: string[]): string | undefined {
  const known = new Set(options);
  for (const candidate of text.match(/\{[^{}]*\}/g) ?? []) {
    try {
      const values = Object.values(JSON.parse(candidate) as Record<string, unknown>);
      const hit = values.find((v): v is string => typeof v === "string" && known.has(v.trim().toLowerCase()));
      if (hit) return hit.trim().toLowerCase();
    } catch {
      // not JSON; try the next candidate
    }
  }
  const bare = text
    .trim()
    .replace(/^[`"'\s]+|[`"'.\s]+$/g, "")
    .toLowerCase();
  return known.has(bare) ? bare : undefined;
}
