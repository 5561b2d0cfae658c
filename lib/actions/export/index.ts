export { attachmentHeader, EXPORT_FORMATS, type ExportedFile, type ExportFormat, exportVersion, fileNameOf, markdownOf } from "./export";
export { parseMarkdown } from "./markdown";
