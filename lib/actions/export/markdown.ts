import type { PhrasingContent, Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

/** A deliverable's Markdown as a syntax tree (CommonMark with GitHub's tables, task lists and strikethrough). */
function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown);
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
