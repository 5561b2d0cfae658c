import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// Markdown → HTML for the email's HTML part. Raw HTML in the text is dropped by remark-rehype, and what
// is left goes through GitHub's sanitizing schema (no scripts, no event handlers, safe links only). A line
// break stays one, as in the deliverable panel (a signature's lines).
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkBreaks).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

/** The email's HTML part: the Markdown rendered and sanitized, in a minimal document. */
export function emailHtml(markdown: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>${String(processor.processSync(markdown))}</body></html>`;
}
