import { z } from "zod";
import { requireAdmin } from "@/lib/auth";
import { parseParams, route } from "@/lib/http";
import { duplicateTask } from "@/lib/tasks";

type Context = { params: Promise<{ id: string }> };

export const POST = route<Context>(async (_request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, z.object({ id: z.string().min(1).max(64) }), "task");
  return Response.json({ task: await duplicateTask(id) }, { status: 201 });
});
