import { z } from "zod";
import { requireAdmin } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";
import { importRegistry } from "@/lib/tasks";

/** A Switchboard registry export, or Mojodex task specs (one or a list); the format is recognised. */
export const POST = route(async (request) => {
  await requireAdmin();
  const body = await parseJson(request, z.unknown(), { surface: "import", maxBytes: 2 * 1024 * 1024 });
  return Response.json(await importRegistry(body));
});
