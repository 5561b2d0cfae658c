import { requireAdmin } from "@/lib/auth";
import { route } from "@/lib/http";
import { exportRegistry } from "@/lib/tasks";

export const GET = route(async () => {
  await requireAdmin();
  const file = await exportRegistry();
  return Response.json(file, {
    headers: { "content-disposition": `attachment; filename="switchboard-tasks-${file.exportedAt.slice(0, 10)}.json"` },
  });
});
