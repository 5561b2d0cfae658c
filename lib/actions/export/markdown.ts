import type { PhrasingContent, Root, RootContent } from "mdast";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkBreaks);

/**
 * A deliverable's Markdown as a syntax tree (CommonMark with GitHub's tables, task lists and
 * strikethrough), a line break kept as one, as in the deliverable panel (a signature's lines).
 */
function parseMarkdown(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}

/** A run of text with the emphasis it carries, which both document formats can draw. */
export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
}

/** Inline content flattened into runs: bold, italic, struck and code kept; links keep their text. */
export function runsOf(nodes: PhrasingContent[], style: Omit<Run, "text"> = {}): Run[] {
  return nodes.flatMap((node): Run[] => {
    switch (node.type) {
      case "text":
        return [{ ...style, text: node.value }];
      case "inlineCode":
        return [{ ...style, code: true, text: node.value }];
      case "strong":
        return runsOf(node.children, { ...style, bold: true });
      case "emphasis":
        return runsOf(node.children, { ...style, italics: true });
      case "delete":
        return runsOf(node.children, { ...style, strike: true });
      case "link":
      case "linkReference":
        return runsOf(node.children, style);
      case "break":
        return [{ ...style, text: "\n" }];
      case "image":
      case "imageReference":
        return node.alt ? [{ ...style, text: node.alt }] : [];
      case "html":
        // raw HTML is kept as the text it is, never interpreted
        return [{ ...style, text: node.value }];
      default:
        return [];
    }
  });
}

/** The blocks of a document: the title as its first heading, then the body's. */
export function documentBlocks(title: string, body: string): RootContent[] {
  return [{ type: "heading", depth: 1, children: [{ type: "text", value: title }] }, ...parseMarkdown(body).children];
}
