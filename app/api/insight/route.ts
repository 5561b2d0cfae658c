import { requireAdmin } from "@/lib/auth";
import { invalidInput, route } from "@/lib/http";
import { insightQuerySchema, routingInsight } from "@/lib/insight";

/** GET /api/insight?from=2026-01-01&to=2026-01-31&bucket=day — the routing measures for admins. */
export const GET = route(async (request) => {
  await requireAdmin();
  const params = new URL(request.url).searchParams;
  const parsed = insightQuerySchema.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    bucket: params.get("bucket") ?? undefined,
  });
  if (!parsed.success) throw invalidInput(parsed.error, "insight");
  return Response.json(await routingInsight(parsed.data));
});
