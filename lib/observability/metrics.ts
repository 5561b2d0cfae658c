import { Counter, Histogram, Registry } from "prom-client";

// One registry per process (so per instance): Prometheus scrapes each instance and adds them up.
// Kept on globalThis because Next's dev server reloads modules, and registering a metric name twice
// in one registry throws.

const SECONDS = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    turns: new Counter({ name: "switchboard_turns_total", help: "Turns answered, by how the answer ended", labelNames: ["status"], registers }),
    routingActions: new Counter({
      name: "switchboard_routing_actions_total",
      help: "Routing decisions, by action and by who chose",
      labelNames: ["action", "source"],
      registers,
    }),
    routerLatency: new Histogram({ name: "switchboard_router_latency_seconds", help: "Time the router model took to choose", buckets: SECONDS, registers }),
    executorLatency: new Histogram({
      name: "switchboard_executor_latency_seconds",
      help: "Time from the start of an answer to its end",
      buckets: SECONDS,
      registers,
    }),
    firstToken: new Histogram({
      name: "switchboard_first_token_seconds",
      help: "Time from the start of a turn to the first text of its answer",
      buckets: SECONDS,
      registers,
    }),
    tokens: new Counter({
      name: "switchboard_model_tokens_total",
      help: "Model tokens, by model slot and direction (in: prompt, out: completion)",
      labelNames: ["slot", "direction"],
      registers,
    }),
    errors: new Counter({ name: "switchboard_errors_total", help: "Failures, by kind", labelNames: ["kind"], registers }),
    rateLimited: new Counter({ name: "switchboard_rate_limit_refusals_total", help: "Requests refused by a rate limit", labelNames: ["limit"], registers }),
    learningsRetrieved: new Counter({
      name: "switchboard_learnings_retrieved_total",
      help: "Learnings retrieved to be shown to a model, by scope",
      labelNames: ["scope"],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { switchboardMetrics?: Metrics };

/** This process's metrics (created once, whatever module reloads happen). */
export function metrics(): Metrics {
  globalForMetrics.switchboardMetrics ??= createMetrics();
  return globalForMetrics.switchboardMetrics;
}

/** The metrics in Prometheus's text format, with its content type. */
export async function metricsExposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
