import { requireAdmin } from "@/lib/auth";
import { invalidInput, route } from "@/lib/http";
import { insightQuerySchema } from "@/lib/insight";
import { costInsight } from "@/lib/observability";

/** GET /api/insight/cost?from=2026-01-01&to=2026-01-31 — what the model calls cost, per task, user and day. */
export const GET = route(async (request) => {
  await requireAdmin();
  const params = new URL(request.url).searchParams;
  const parsed = insightQuerySchema.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  if (!parsed.success) throw invalidInput(parsed.error, "insight");
  return Response.json(await costInsight(parsed.data));
});
