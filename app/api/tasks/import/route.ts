import { z } from "zod";
import { pageLocale, requireAdmin } from "@/lib/auth";
import { invalidInput, parseJson, route } from "@/lib/http";
import { importRegistry } from "@/lib/tasks";

/** The admin's choices, as query parameters: the body stays the file itself (`curl --data @export.json`). */
const querySchema = z.object({
  dryRun: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  enable: z.array(z.string()),
  disable: z.array(z.string()),
  skip: z.array(z.string()),
});

/**
 * A Switchboard registry export, or Mojodex task specs (one or a list); the format is recognised.
 * `?dryRun=true` answers what the import would create or update, with likely duplicates and template
 * text, and writes nothing; `enable`, `disable` and `skip` (repeatable, task slugs) carry the admin's
 * choices. New tasks start disabled.
 */
export const POST = route(async (request) => {
  await requireAdmin();
  const params = new URL(request.url).searchParams;
  const query = querySchema.safeParse({
    dryRun: params.get("dryRun") ?? undefined,
    enable: params.getAll("enable"),
    disable: params.getAll("disable"),
    skip: params.getAll("skip"),
  });
  if (!query.success) throw invalidInput(query.error, "import");
  const body = await parseJson(request, z.unknown(), { surface: "import", maxBytes: 2 * 1024 * 1024 });
  return Response.json(await importRegistry(body, query.data, await pageLocale()));
});
