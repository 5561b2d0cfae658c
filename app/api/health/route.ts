import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// Public on purpose, for load balancers: it reveals states and model names, no addresses or keys.
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "down" ? 503 : 200 });
}
