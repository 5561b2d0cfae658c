import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// Public on purpose, for load balancers: it reveals states and model names, no addresses or keys.
// 503 when the instance cannot serve (database down) or is restarting (draining), so traffic goes elsewhere.
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "down" || health.status === "draining" ? 503 : 200 });
}
