import { requireUser } from "@/lib/auth";
import { parseJson, parseParams, route } from "@/lib/http";
import { deleteTodo, todoIdSchema, todoPatchSchema, updateTodo } from "@/lib/todos";

type Context = { params: Promise<{ id: string }> };

/** Done or undone, or a change of what, owner or due date; someone else's to-do answers 404. */
export const PATCH = route<Context>(async (request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, todoIdSchema, "todo");
  const patch = await parseJson(request, todoPatchSchema, { surface: "todo" });
  return Response.json({ todo: await updateTodo(user.id, id, patch) });
});

export const DELETE = route<Context>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, todoIdSchema, "todo");
  await deleteTodo(user.id, id);
  return new Response(null, { status: 204 });
});
