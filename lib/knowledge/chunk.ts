import type { Heading, Root, RootContent } from "mdast";
import { toString as mdastText } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { estimateTokens } from "@/lib/ai";

export interface DocumentChunk {
  /** the nearest heading above the chunk, with its parents ("Tone › Greetings") */
  heading: string | null;
  text: string;
  tokens: number;
}

/** A chunk holds about this many tokens: big enough to carry a rule with its context, small enough that several fit a budget. */
export const CHUNK_TOKENS = 350;

/** Cuts a block longer than a chunk at line, then sentence, then word boundaries. */
function splitLong(block: string, maxChars: number): string[] {
  if (block.length <= maxChars) return [block];
  const pieces: string[] = [];
  let rest = block;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    const cut = Math.max(window.lastIndexOf("\n"), window.search(/[.!?]\s[^.!?]*$/) + 1, window.lastIndexOf(" "));
    const at = cut > maxChars / 2 ? cut : maxChars;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Splits a document's text (Markdown, or plain text read as Markdown) into chunks: a heading starts a
 * new chunk, and paragraphs under it are gathered until the next would pass CHUNK_TOKENS. Each chunk
 * keeps the source text of its blocks (lists, tables) and the path of headings it sits under.
 */
export function chunkDocument(source: string, maxTokens = CHUNK_TOKENS): DocumentChunk[] {
  const tree = unified().use(remarkParse).parse(source) as Root;
  const maxChars = maxTokens * 4;
  const chunks: DocumentChunk[] = [];
  const headings: string[] = [];
  let blocks: string[] = [];
  const heading = () => (headings.filter(Boolean).length ? headings.filter(Boolean).join(" › ") : null);
  const flush = () => {
    const text = blocks.join("\n\n").trim();
    if (text) chunks.push({ heading: heading(), text, tokens: estimateTokens(text) });
    blocks = [];
  };
  const sourceOf = (node: RootContent) =>
    node.position?.start.offset !== undefined && node.position.end.offset !== undefined
      ? source.slice(node.position.start.offset, node.position.end.offset)
      : mdastText(node);
  for (const node of tree.children) {
    if (node.type === "heading") {
      flush();
      const depth = (node as Heading).depth;
      headings.length = depth;
      headings[depth - 1] = mdastText(node).replace(/\s+/g, " ").trim();
      continue;
    }
    if (node.type === "thematicBreak" || node.type === "html" || node.type === "definition") continue;
    for (const piece of splitLong(sourceOf(node).trim(), maxChars)) {
      if (!piece) continue;
      if (blocks.length && estimateTokens([...blocks, piece].join("\n\n")) > maxTokens) flush();
      blocks.push(piece);
    }
  }
  flush();
  return chunks;
}
