import { z } from "zod";
import { attachmentHeader, EXPORT_FORMATS, exportVersion } from "@/lib/actions/export";
import { requireUser } from "@/lib/auth";
import { invalidInput, parseParams, route } from "@/lib/http";

type Context = { params: Promise<{ id: string; version: string }> };
const paramsSchema = z.object({ id: z.string().min(1).max(64), version: z.coerce.number().int().min(1).max(1_000_000) });
const querySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

/** A version of one of the user's deliverables as a file: ?format=docx, pdf or md. */
export const GET = route<Context>(async (request, { params }) => {
  const user = await requireUser();
  const { id, version } = parseParams(await params, paramsSchema, "deliverable");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidInput(query.error, "export");
  const file = await exportVersion(user.id, id, version, query.data.format);
  return new Response(new Uint8Array(file.content), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": attachmentHeader(file.fileName),
      "content-length": String(file.content.length),
      "cache-control": "private, no-store",
    },
  });
});
