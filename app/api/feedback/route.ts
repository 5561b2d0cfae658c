import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { AppError, parseJson, route } from "@/lib/http";
import { castVote, feedbackTargetSchema, listVotes, removeVote, voteSchema } from "@/lib/learnings";

/** The signed-in user's own votes in one of their conversations. */
export const GET = route(async (request) => {
  const user = await requireUser();
  const conversationId = z.string().min(1).max(64).safeParse(new URL(request.url).searchParams.get("conversationId"));
  if (!conversationId.success) throw new AppError("bad_request:feedback", { key: "bad_request.conversationIdRequired" });
  return Response.json({ votes: await listVotes(user.id, conversationId.data) });
});

/** Casts or changes the user's vote on an answer, a routing decision or a deliverable version. */
export const PUT = route(async (request) => {
  const user = await requireUser();
  const vote = await parseJson(request, voteSchema, { surface: "feedback" });
  return Response.json(await castVote(user.id, vote));
});

export const DELETE = route(async (request) => {
  const user = await requireUser();
  const target = await parseJson(request, z.object({ target: feedbackTargetSchema }), { surface: "feedback" });
  await removeVote(user.id, target.target);
  return new Response(null, { status: 204 });
});
