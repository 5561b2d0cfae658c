import { ownedVersion } from "@/lib/executor";
import { toDocx } from "./docx";
import { toPdf } from "./pdf";

export const EXPORT_FORMATS = ["docx", "pdf", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
};

/** A version as Markdown, the way the panel copies it: its title as the first heading. */
const markdownOf = (title: string, body: string) => `# ${title}\n\n${body}\n`;

/** A file name from a title: letters and digits of any script kept, the rest folded into dashes. */
function fileNameOf(title: string, format: ExportFormat): string {
  const stem =
    title
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "deliverable";
  return `${stem}.${format}`;
}

/** Content-Disposition for a download: an ASCII name for old clients, the real one in RFC 5987's filename*. */
export function attachmentHeader(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "") || "deliverable";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

interface ExportedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** One of the user's deliverable versions as a file in the format asked for. */
export async function exportVersion(userId: string, deliverableId: string, version: number, format: ExportFormat): Promise<ExportedFile> {
  const row = await ownedVersion(userId, deliverableId, version);
  const content =
    format === "docx" ? await toDocx(row.title, row.body) : format === "pdf" ? await toPdf(row.title, row.body) : Buffer.from(markdownOf(row.title, row.body));
  return { fileName: fileNameOf(row.title, format), contentType: CONTENT_TYPES[format], content };
}
