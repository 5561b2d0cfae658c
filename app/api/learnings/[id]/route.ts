import { z } from "zod";
import { requireAdmin } from "@/lib/auth";
import { parseJson, parseParams, route } from "@/lib/http";
import { deleteLearning, learningUpdateSchema, updateLearning } from "@/lib/learnings";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** Edits the text of a learning, or disables / re-enables it. */
export const PATCH = route<Context>(async (request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, paramsSchema, "learning");
  const changes = await parseJson(request, learningUpdateSchema, { surface: "learning" });
  return Response.json({ learning: await updateLearning(id, changes) });
});

export const DELETE = route<Context>(async (_request, { params }) => {
  await requireAdmin();
  const { id } = parseParams(await params, paramsSchema, "learning");
  await deleteLearning(id);
  return new Response(null, { status: 204 });
});
