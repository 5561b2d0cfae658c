import path from "node:path";
import { AppError } from "@/lib/http";

export const KNOWLEDGE_FORMATS = ["pdf", "docx", "markdown", "text"] as const;
export type KnowledgeFormat = (typeof KNOWLEDGE_FORMATS)[number];

/** By file extension first (browsers often send DOCX and Markdown as application/octet-stream), then by type. */
const BY_EXTENSION: Record<string, KnowledgeFormat> = { ".pdf": "pdf", ".docx": "docx", ".md": "markdown", ".markdown": "markdown", ".txt": "text" };
const BY_TYPE: Record<string, KnowledgeFormat> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/markdown": "markdown",
  "text/plain": "text",
};

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const refused = (key: string, values?: Record<string, string | number>) => new AppError("bad_request:knowledge", { key: `bad_request.${key}`, values });

/** The document's format, or a clear refusal: only PDF, DOCX, Markdown and plain text are read. */
export function knowledgeFormatOf(file: { name: string; type: string }): KnowledgeFormat {
  const format = BY_EXTENSION[path.extname(file.name).toLowerCase()] ?? BY_TYPE[file.type.split(";")[0].trim().toLowerCase()];
  if (!format) throw new AppError("unsupported_media_type:knowledge", { key: "unsupported_media_type.knowledgeFormat", values: { name: file.name } });
  return format;
}

/** Refuses a file over the size limit before anything is read. */
export function refuseOversizedDocument(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) {
    throw new AppError("payload_too_large:knowledge", {
      key: "payload_too_large.knowledge",
      values: { megabytes: Math.round(maxBytes / ((1024 * 1024) / 10)) / 10 },
    });
  }
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // a copy: pdf.js takes the buffer over
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    if ((error as Error)?.name === "PasswordException") throw refused("pdfEncrypted");
    throw refused("documentUnreadable", { format: "PDF" });
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    // pages apart by a blank line, so a page break also ends a paragraph
    const joined = text.map((page) => page.trim()).join("\n\n");
    if (!joined.trim()) throw refused("pdfImageOnly");
    return joined;
  } finally {
    await pdf.destroy().catch(() => {});
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import("mammoth")).default;
  try {
    // Markdown keeps the headings, which chunking splits on
    const { value } = await (mammoth as unknown as { convertToMarkdown: typeof mammoth.convertToHtml }).convertToMarkdown({ buffer: Buffer.from(bytes) });
    // mammoth escapes punctuation for Markdown ("\." "\-"); the model reads it better plain
    return value.replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1");
  } catch {
    throw refused("documentUnreadable", { format: "DOCX" });
  }
}

function plainText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw refused("documentNotUtf8");
  }
}

/** The document's text (Markdown for DOCX and Markdown files); refuses a file with no text in it. */
export async function extractDocumentText(file: UploadedFile, format: KnowledgeFormat): Promise<string> {
  const text = format === "pdf" ? await pdfText(file.bytes) : format === "docx" ? await docxText(file.bytes) : plainText(file.bytes);
  // NUL bytes cannot be stored in Postgres text
  const cleaned = text.replaceAll(String.fromCharCode(0), "").replace(/\r\n?/g, "\n");
  if (!/[\p{L}\p{N}]/u.test(cleaned)) throw refused("documentNoText", { name: file.name });
  return cleaned;
}
