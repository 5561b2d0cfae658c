import { z } from "zod";
import { requireAdmin } from "@/lib/auth";
import { parseJson, parseParams, route } from "@/lib/http";
import { deleteTask, getTask, setTaskEnabled, taskInputSchema, updateTask } from "@/lib/tasks";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const GET = route<Context>(async (_request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, paramsSchema, "task");
  return Response.json({ task: await getTask(id) });
});

/** Replaces the whole definition. */
export const PUT = route<Context>(async (request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, paramsSchema, "task");
  const input = await parseJson(request, taskInputSchema, { surface: "task" });
  return Response.json({ task: await updateTask(id, input) });
});

/** Enables or disables the task. */
export const PATCH = route<Context>(async (request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, paramsSchema, "task");
  const { enabled } = await parseJson(request, z.object({ enabled: z.boolean() }), { surface: "task" });
  return Response.json({ task: await setTaskEnabled(id, enabled) });
});

export const DELETE = route<Context>(async (_request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, paramsSchema, "task");
  return Response.json(await deleteTask(id));
});
