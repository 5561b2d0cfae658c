export { attachmentHeader, EXPORT_FORMATS, exportVersion } from "./export";
