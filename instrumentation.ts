// Next.js calls register() once when a server process starts (https://nextjs.org/docs/app/guides/instrumentation).
// The server's own SIGTERM handler exits at once, cutting the answers that are streaming; scripts/start.ts
// turns it off (NEXT_MANUAL_SIG_HANDLE) and this one drains the instance first (lib/shutdown).
export async function register() {
  // NEXT_RUNTIME is Next's own: the hook also runs for the edge runtime, which has no process signals and no tracing SDK
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startTracing }, { drainOnSignals }] = await Promise.all([import("@/lib/observability/tracing"), import("@/lib/shutdown")]);
  startTracing();
  drainOnSignals();
}
