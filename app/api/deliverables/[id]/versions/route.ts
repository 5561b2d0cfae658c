import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { saveUserEdit, toVersionView } from "@/lib/executor";
import { parseJson, parseParams, route } from "@/lib/http";
import { extractTodosLater } from "@/lib/todos";

type Context = { params: Promise<{ id: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const editSchema = z.object({
  title: z.string().trim().min(1, "Give the deliverable a title.").max(300),
  body: z.string().trim().min(1, "The deliverable cannot be empty.").max(100_000),
});

/** A manual edit: saved as a new version authored by the user, which the next turn's prompt uses. */
export const POST = route<Context>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, paramsSchema, "deliverable");
  const edit = await parseJson(request, editSchema, { surface: "deliverable" });
  const version = await saveUserEdit(user.id, id, edit);
  // the user's saved edit is final too: its action items replace the open, unedited to-dos (in the background)
  void extractTodosLater(version.id);
  return Response.json({ version: toVersionView(version) }, { status: 201 });
});
