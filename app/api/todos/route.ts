import { requireUser } from "@/lib/auth";
import { route } from "@/lib/http";
import { listTodos } from "@/lib/todos";

/** The signed-in user's to-dos. */
export const GET = route(async () => {
  const user = await requireUser();
  return Response.json({ todos: await listTodos(user.id) });
});
