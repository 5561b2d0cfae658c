import { AppError, invalidInput } from "@/lib/http";
import { settings } from "@/lib/settings";
import { type KnowledgeScopeInput, knowledgeScopeSchema } from "./documents";
import { refuseOversizedDocument, type UploadedFile } from "./extract";

/** Room for the multipart framing and the scope fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * An upload form (multipart/form-data): `file`, `scope` ("organisation" or "tasks") and `taskIds`
 * (repeatable). A body larger than the size limit is refused from its declared length, before it is read.
 */
export async function readKnowledgeUpload(request: Request): Promise<{ file: UploadedFile; scope: KnowledgeScopeInput }> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("unsupported_media_type:knowledge", { key: "unsupported_media_type.knowledgeMultipart" });
  }
  const maxBytes = settings().KNOWLEDGE_MAX_BYTES;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes + FORM_OVERHEAD_BYTES) refuseOversizedDocument(declared, maxBytes);
  const form = await request.formData().catch(() => {
    throw new AppError("bad_request:knowledge", { key: "bad_request.uploadUnreadable" });
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("bad_request:knowledge", { key: "bad_request.noDocument", fields: { file: ["bad_request.attachDocument"] } });
  refuseOversizedDocument(file.size, maxBytes);
  const scope = knowledgeScopeSchema.safeParse({ scope: form.get("scope") ?? "organisation", taskIds: form.getAll("taskIds") });
  if (!scope.success) throw invalidInput(scope.error, "knowledge");
  return { file: { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }, scope: scope.data };
}
