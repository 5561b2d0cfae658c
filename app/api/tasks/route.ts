import { requireAdmin } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";
import { createTask, listTasks, taskInputSchema } from "@/lib/tasks";

export const GET = route(async (request) => {
  await requireAdmin();
  const params = new URL(request.url).searchParams;
  const search = params.get("search")?.trim().slice(0, 120) || undefined;
  const enabled = params.get("enabled");
  const tasks = await listTasks({ search });
  return Response.json({ tasks: enabled === "true" || enabled === "false" ? tasks.filter((t) => String(t.enabled) === enabled) : tasks });
});

export const POST = route(async (request) => {
  await requireAdmin();
  const input = await parseJson(request, taskInputSchema, { surface: "task" });
  return Response.json({ task: await createTask(input) }, { status: 201 });
});
