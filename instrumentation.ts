// Next.js calls register() once per server process, before it serves anything.
export async function register() {
  // the tracing SDK is for the Node.js runtime; NEXT_RUNTIME is set by Next itself
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startTracing } = await import("@/lib/observability/tracing");
    startTracing();
  }
}
