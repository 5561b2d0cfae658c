import { z } from "zod";
import { sendRequestSchema, sendVersion } from "@/lib/actions/send";
import { requireUser } from "@/lib/auth";
import { parseJson, parseParams, route } from "@/lib/http";

type Context = { params: Promise<{ id: string; version: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64), version: z.coerce.number().int().min(1).max(1_000_000) });

/** Sends a version of one of the user's email deliverables as the send sheet shows it; 201 once, then 200 with the same record. */
export const POST = route<Context>(async (request, { params }) => {
  const user = await requireUser();
  const { id, version } = parseParams(await params, paramsSchema, "deliverable");
  const input = await parseJson(request, sendRequestSchema, { surface: "send" });
  const { send, replayed } = await sendVersion(user.id, id, version, input);
  return Response.json({ send }, { status: replayed ? 200 : 201 });
});
