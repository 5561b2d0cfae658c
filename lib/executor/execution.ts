import { type LanguageModel, type ModelMessage, RetryError, streamText } from "ai";
import type { CatalogMessage } from "@/lib/i18n";
import { modelTelemetry } from "@/lib/observability";

export interface ExecutionOutcome {
  status: "complete" | "stopped" | "failed";
  text: string;
  /** why it failed, for the user (errors.json) */
  error?: CatalogMessage;
}

/**
 * A running executor call whose text is buffered until someone pipes it. That is what makes
 * speculation safe: the answer for the current task starts while the router runs, and if the router
 * switches tasks it is aborted without a single token having left the buffer.
 */
export interface Execution {
  readonly taskSlug: string | null;
  /** sends buffered and later text to onText, in order, until the answer ends */
  pipe(onText: (delta: string) => void): Promise<ExecutionOutcome>;
  /** stops the model call; a piped execution then ends as stopped */
  abort(): void;
  /** settles with the outcome when the answer ends, piped or not */
  readonly done: Promise<ExecutionOutcome>;
}

export interface ExecutionInput {
  model: LanguageModel;
  taskSlug: string | null;
  system: string;
  messages: ModelMessage[];
  /** the user's stop (the request being aborted) */
  signal: AbortSignal;
  /** ends a call whose first token or next chunk takes too long */
  firstChunkTimeoutMs?: number;
}

export function startExecution(input: ExecutionInput): Execution {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, input.signal]);
  const chunks: string[] = [];
  let wake: (() => void) | undefined;
  let finished: ExecutionOutcome | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const run = async (): Promise<ExecutionOutcome> => {
    let text = "";
    try {
      const result = streamText({
        model: input.model,
        system: input.system,
        messages: input.messages,
        abortSignal: signal,
        maxRetries: 1,
        timeout: input.firstChunkTimeoutMs ? { firstChunkMs: input.firstChunkTimeoutMs, chunkMs: input.firstChunkTimeoutMs } : undefined,
        telemetry: modelTelemetry("switchboard.execute"),
      });
      for await (const part of result.fullStream) {
        if (part.type === "text-delta" && part.text) {
          text += part.text;
          chunks.push(part.text);
          notify();
        } else if (part.type === "error") {
          throw part.error;
        } else if (part.type === "abort") {
          // the SDK also aborts on its own chunk timeouts: only our signal means the user stopped
          if (signal.aborted) return { status: "stopped", text };
          return { status: "failed", text, error: describeModelError(new Error(part.reason ?? "timed out")) };
        }
      }
      return signal.aborted ? { status: "stopped", text } : { status: "complete", text };
    } catch (error) {
      if (signal.aborted) return { status: "stopped", text };
      return { status: "failed", text, error: describeModelError(error) };
    }
  };

  const done = run().then((outcome) => {
    finished = outcome;
    notify();
    return outcome;
  });

  return {
    taskSlug: input.taskSlug,
    done,
    abort: () => controller.abort(),
    async pipe(onText) {
      let sent = 0;
      for (;;) {
        while (sent < chunks.length) onText(chunks[sent++]);
        if (finished) return done;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/** A message for the user (errors.json) that says what failed without leaking provider internals. */
export function describeModelError(cause: unknown): CatalogMessage {
  // after the SDK's retries the provider's error is the retry error's last one
  const error = RetryError.isInstance(cause) ? cause.lastError : cause;
  const status = (error as { statusCode?: number })?.statusCode;
  const name = (error as Error)?.name ?? "";
  if (/timeout/i.test(name) || /timed? ?out/i.test(String((error as Error)?.message))) return { key: "answer.tookTooLong" };
  if (status === 429) return { key: "answer.rateLimited" };
  if (status && status >= 500) return { key: "answer.providerFailed", values: { status } };
  // a 2xx status on an error: the answer had started and the connection broke off
  if (status && status < 300) return { key: "answer.brokeOff" };
  if (status) return { key: "answer.refused", values: { status } };
  if (/ECONNREFUSED|fetch failed|Cannot connect|network/i.test(String((error as Error)?.message))) return { key: "answer.unreachable" };
  return { key: "answer.failed" };
}
