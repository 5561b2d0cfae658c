import { type Attributes, context, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import { settings } from "@/lib/settings";

// Spans go to whatever tracer provider is registered (lib/observability/tracing.ts, from
// instrumentation.ts when OTEL_EXPORTER_OTLP_ENDPOINT is set); without one they cost next to nothing.
// Attributes hold ids, slugs, counts and sizes, never what a user wrote: only OTEL_RECORD_CONTENT=1
// lets the AI SDK's own spans carry prompts and answers.

const tracer = () => trace.getTracer("switchboard");

function ended(span: Span, error?: unknown) {
  if (error !== undefined) {
    // the kind of failure only: an error's message can quote user content
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : typeof error });
  }
  span.end();
}

/** Runs `run` in a child span of the active one, ended when it settles (marked as an error when it rejects). */
export async function inSpan<T>(name: string, attributes: Attributes, run: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await run(span);
      ended(span);
      return result;
    } catch (error) {
      ended(span, error);
      throw error;
    }
  });
}

/**
 * A span for work that outlives the call that starts it (a turn is loaded, then answered as a stream;
 * an answer starts, then streams while others wait). `within` runs code as its child; `end` closes it.
 */
export function openSpan(name: string, attributes: Attributes = {}) {
  const span = tracer().startSpan(name, { attributes });
  const active = trace.setSpan(context.active(), span);
  return {
    span,
    within: <T>(run: () => T): T => context.with(active, run),
    end: (error?: unknown) => ended(span, error),
  };
}

/** The AI SDK's telemetry options for a model call: its spans join the turn's trace; content only when allowed. */
export function modelTelemetry(functionId: string) {
  const recordContent = settings().OTEL_RECORD_CONTENT;
  return { isEnabled: true, functionId, recordInputs: recordContent, recordOutputs: recordContent };
}
