import { requireAdmin } from "@/lib/auth";
import { route } from "@/lib/http";
import { listTasks } from "@/lib/tasks";

export const GET = route(async () => {
  await requireAdmin();
  return Response.json({ tasks: await listTasks() });
});
