import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { deleteConversation, loadConversationView, renameConversation } from "@/lib/chat";
import { parseJson, parseParams, route } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const renameSchema = z.object({ title: z.string().trim().min(1, "Give the conversation a title.").max(120) });

export const GET = route<Context>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, paramsSchema, "chat");
  return Response.json(await loadConversationView(user.id, id));
});

export const PATCH = route<Context>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, paramsSchema, "chat");
  const { title } = await parseJson(request, renameSchema, { surface: "chat" });
  return Response.json({ conversation: await renameConversation(user.id, id, title) });
});

export const DELETE = route<Context>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, paramsSchema, "chat");
  await deleteConversation(user.id, id);
  return new Response(null, { status: 204 });
});
