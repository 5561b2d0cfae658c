import { requireAdmin } from "@/lib/auth";
import { invalidInput, route } from "@/lib/http";
import { learningFilterSchema, listLearnings } from "@/lib/learnings";

export const GET = route(async (request) => {
  await requireAdmin();
  const filter = learningFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) throw invalidInput(filter.error, "learning");
  return Response.json({ learnings: await listLearnings(filter.data) });
});
