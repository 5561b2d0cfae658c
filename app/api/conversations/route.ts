import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { createConversation, listConversations } from "@/lib/chat";
import { parseJson, route } from "@/lib/http";

const createSchema = z.object({ title: z.string().trim().min(1).max(120).optional() }).default({});

export const GET = route(async (request) => {
  const user = await requireUser();
  const query = new URL(request.url).searchParams.get("q")?.trim().slice(0, 120) || undefined;
  return Response.json({ conversations: await listConversations(user.id, query) });
});

export const POST = route(async (request) => {
  const user = await requireUser();
  const { title } = await parseJson(request, createSchema, { surface: "chat" });
  return Response.json({ conversation: await createConversation(user.id, title) }, { status: 201 });
});
