import { z } from "zod";
import { embeddingSlot } from "@/lib/ai";
import { db, type KnowledgeScope } from "@/lib/db";
import { scheduleEmbeddingSync } from "@/lib/embeddings";
import { AppError } from "@/lib/http";
import { settings } from "@/lib/settings";
import { chunkDocument } from "./chunk";
import { extractDocumentText, knowledgeFormatOf, refuseOversizedDocument, type UploadedFile } from "./extract";
import { forgetChunkWordFrequencies } from "./retrieve";

/** Who may be given a document: every task's executor, or only the chosen tasks'. */
export const knowledgeScopeSchema = z
  .object({
    scope: z.enum(["organisation", "tasks"]),
    taskIds: z.array(z.string().trim().min(1).max(64)).max(200).default([]),
  })
  .refine((value) => value.scope === "organisation" || value.taskIds.length > 0, { path: ["taskIds"], message: "fields.knowledgeTasksRequired" });
export type KnowledgeScopeInput = z.infer<typeof knowledgeScopeSchema>;

export interface KnowledgeDocumentView {
  id: string;
  name: string;
  format: string;
  bytes: number;
  scope: KnowledgeScope;
  tasks: { id: string; name: string; slug: string }[];
  chunks: number;
  /** chunks that have a vector of the configured embedding model (null: no embedding model) */
  embeddedChunks: number | null;
  embeddingError: string | null;
  uploadedBy: string | null;
  updatedAt: Date;
}

/** Every document, newest change first, with its scope and how far it is indexed. */
export async function listDocuments(embeddingModel: string | null = embeddingSlot()?.id ?? null): Promise<KnowledgeDocumentView[]> {
  const documents = await db().knowledgeDocument.findMany({
    orderBy: { updatedAt: "desc" },
    include: {
      tasks: { include: { task: { select: { id: true, name: true, slug: true } } } },
      uploadedBy: { select: { name: true, email: true } },
      _count: { select: { chunks: true } },
    },
  });
  const embedded = embeddingModel
    ? await db().knowledgeChunk.groupBy({ by: ["documentId"], where: { embedding: { model: embeddingModel } }, _count: { _all: true } })
    : [];
  const embeddedBy = new Map(embedded.map((row) => [row.documentId, row._count._all]));
  return documents.map((d) => ({
    id: d.id,
    name: d.name,
    format: d.format,
    bytes: d.bytes,
    scope: d.scope,
    tasks: d.tasks.map((t) => t.task),
    chunks: d._count.chunks,
    embeddedChunks: embeddingModel ? (embeddedBy.get(d.id) ?? 0) : null,
    embeddingError: embeddingModel ? d.embeddingError : null,
    uploadedBy: d.uploadedBy ? (d.uploadedBy.name ?? d.uploadedBy.email) : null,
    updatedAt: d.updatedAt,
  }));
}

/**
 * Reads, checks and chunks an uploaded file, then stores it — as a new document, or in place of an
 * existing one (`replaceId`): its old chunks and tasks are swapped for the new ones in one transaction,
 * so retrieval sees either the old text or the new, never a mix. Everything that can be refused (type,
 * size, an encrypted or image-only PDF, no text, an unknown task) is refused before anything is written.
 */
export async function saveDocument(input: {
  file: UploadedFile;
  scope: KnowledgeScopeInput;
  uploadedById: string;
  replaceId?: string;
}): Promise<KnowledgeDocumentView> {
  const { file, scope } = input;
  const format = knowledgeFormatOf(file);
  refuseOversizedDocument(file.bytes.byteLength, settings().KNOWLEDGE_MAX_BYTES);
  if (input.replaceId && !(await db().knowledgeDocument.findUnique({ where: { id: input.replaceId }, select: { id: true } }))) {
    throw new AppError("not_found:knowledge");
  }
  const taskIds = scope.scope === "tasks" ? [...new Set(scope.taskIds)] : [];
  const known = taskIds.length ? await db().task.count({ where: { id: { in: taskIds }, deletedAt: null } }) : 0;
  if (known !== taskIds.length)
    throw new AppError("bad_request:knowledge", { key: "bad_request.fields", fields: { taskIds: ["fields.knowledgeUnknownTask"] } });
  const chunks = chunkDocument(await extractDocumentText(file, format));
  const name = file.name.trim().slice(0, 200) || "document";
  const id = await db().$transaction(async (tx) => {
    const data = { name, format, bytes: file.bytes.byteLength, scope: scope.scope, uploadedById: input.uploadedById, embeddingError: null };
    let documentId: string;
    if (input.replaceId) {
      // the row lock makes two replacements of one document run one after the other
      const replaced = await tx.knowledgeDocument.updateMany({ where: { id: input.replaceId }, data });
      if (!replaced.count) throw new AppError("not_found:knowledge");
      documentId = input.replaceId;
      await tx.knowledgeChunk.deleteMany({ where: { documentId } });
      await tx.knowledgeDocumentTask.deleteMany({ where: { documentId } });
    } else {
      documentId = (await tx.knowledgeDocument.create({ data, select: { id: true } })).id;
    }
    if (taskIds.length) await tx.knowledgeDocumentTask.createMany({ data: taskIds.map((taskId) => ({ documentId, taskId })) });
    await tx.knowledgeChunk.createMany({ data: chunks.map((chunk, position) => ({ documentId, position, ...chunk })) });
    return documentId;
  });
  forgetChunkWordFrequencies();
  scheduleEmbeddingSync();
  const saved = (await listDocuments()).find((d) => d.id === id);
  if (!saved) throw new AppError("not_found:knowledge");
  return saved;
}

/** Deletes a document with its chunks (and their vectors). */
export async function deleteDocument(id: string): Promise<void> {
  const { count } = await db().knowledgeDocument.deleteMany({ where: { id } });
  if (!count) throw new AppError("not_found:knowledge");
  forgetChunkWordFrequencies();
}
