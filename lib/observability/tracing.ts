import { OpenTelemetry } from "@ai-sdk/otel";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { registerTelemetry } from "ai";
import { settings } from "@/lib/settings";

const globalForTracing = globalThis as unknown as { switchboardTracing?: TracerProvider };

/**
 * Sends this process's spans over OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT, and the AI SDK's
 * model-call spans and Prisma's database spans with them; without the setting nothing is registered and spans go nowhere. Called
 * once, from Next's register hook (instrumentation.ts).
 */
export function startTracing(): void {
  const endpoint = settings().OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || globalForTracing.switchboardTracing) return;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "switchboard" }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), scheduledDelayMillis: 1_000 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  registerTelemetry(new OpenTelemetry());
  // each database operation and its SQL statements as spans, under the turn step that ran them
  new PrismaInstrumentation().enable();
  globalForTracing.switchboardTracing = provider;
  // spans still buffered are sent before the process exits
  process.once("beforeExit", () => void provider.shutdown());
}

/** Sends the spans buffered so far (tests, shutdown). */
export async function flushTraces(): Promise<void> {
  await globalForTracing.switchboardTracing?.forceFlush();
}
