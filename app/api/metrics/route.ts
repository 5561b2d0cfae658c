import { route } from "@/lib/http";
import { metricsExposition, requireMetricsToken } from "@/lib/observability";

export const dynamic = "force-dynamic";

/** GET /api/metrics — this instance's metrics in Prometheus's format, for a scraper with METRICS_TOKEN. */
export const GET = route(async (request) => {
  requireMetricsToken(request.headers.get("authorization"));
  const { body, contentType } = await metricsExposition();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
