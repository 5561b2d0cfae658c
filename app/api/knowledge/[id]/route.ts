import { z } from "zod";
import { requireAdmin } from "@/lib/auth";
import { parseParams, route } from "@/lib/http";
import { deleteDocument, readKnowledgeUpload, saveDocument } from "@/lib/knowledge";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** Replaces the document's file (and scope) in one swap: the same form as an upload. */
export const PUT = route<Context>(async (request, context) => {
  const admin = await requireAdmin();
  const { id } = parseParams(await context.params, paramsSchema, "knowledge");
  const upload = await readKnowledgeUpload(request);
  return Response.json({ document: await saveDocument({ ...upload, uploadedById: admin.id, replaceId: id }) });
});

export const DELETE = route<Context>(async (_request, context) => {
  await requireAdmin();
  const { id } = parseParams(await context.params, paramsSchema, "knowledge");
  await deleteDocument(id);
  return new Response(null, { status: 204 });
});
