import { requireAdmin } from "@/lib/auth";
import { route } from "@/lib/http";
import { listDocuments, readKnowledgeUpload, saveDocument } from "@/lib/knowledge";

export const dynamic = "force-dynamic";

/** The organisation's knowledge documents, with their scope and indexing state (admins). */
export const GET = route(async () => {
  await requireAdmin();
  return Response.json({ documents: await listDocuments() });
});

/** multipart/form-data: file (PDF, DOCX, Markdown or text), scope (organisation | tasks), taskIds (repeatable). */
export const POST = route(async (request) => {
  const admin = await requireAdmin();
  const upload = await readKnowledgeUpload(request);
  return Response.json({ document: await saveDocument({ ...upload, uploadedById: admin.id }) }, { status: 201 });
});
