import path from "node:path";
import type { RootContent } from "mdast";
import pdfmake from "pdfmake";
import roboto from "pdfmake/fonts/Roboto.js";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { documentBlocks, type Run, runsOf } from "./markdown";

// Roboto ships with pdfmake (Latin, Greek and Cyrillic, accents included): nothing is fetched, and the
// PDF reads the same wherever it is opened. pdfmake is loaded from node_modules at run time
// (next.config's serverExternalPackages), so its font list names files next to its own code; pdfmake may
// read those files and nothing else, and fetch nothing.
let fontsSet = false;
function setFonts() {
  if (fontsSet) return;
  const fontDir = path.dirname(roboto.Roboto.normal);
  pdfmake.setFonts(roboto);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDir);
  fontsSet = true;
}

const HEADING_SIZES = [20, 16, 14, 12, 11, 11];

const inline = (runs: Run[]) =>
  runs.map((run) => ({
    text: run.text,
    bold: run.bold,
    italics: run.italics,
    decoration: run.strike ? ("lineThrough" as const) : undefined,
    background: run.code ? "#eeeeee" : undefined,
  }));

function block(node: RootContent): Content[] {
  switch (node.type) {
    case "heading":
      return [{ text: inline(runsOf(node.children)), fontSize: HEADING_SIZES[node.depth - 1], bold: true, margin: [0, node.depth === 1 ? 0 : 10, 0, 6] }];
    case "paragraph":
      return [{ text: inline(runsOf(node.children)), margin: [0, 0, 0, 8] }];
    case "list": {
      // each item: its paragraphs and nested lists stacked under one bullet or number
      const items = node.children.map((item): Content => {
        const parts = item.children.flatMap((child) => (child.type === "paragraph" ? [{ text: inline(runsOf(child.children)) } as Content] : block(child)));
        const check = item.checked === true ? "☑ " : item.checked === false ? "☐ " : "";
        if (check && parts[0] && typeof parts[0] === "object" && "text" in parts[0]) parts[0] = { text: [check, ...(parts[0].text as [])] };
        return parts.length === 1 ? parts[0] : { stack: parts };
      });
      return [node.ordered ? { ol: items, start: node.start ?? 1, margin: [0, 0, 0, 8] } : { ul: items, margin: [0, 0, 0, 8] }];
    }
    case "table":
      return [
        {
          table: {
            headerRows: 1,
            widths: node.children[0]?.children.map(() => "*") ?? [],
            body: node.children.map((row, index) => row.children.map((cell) => ({ text: inline(runsOf(cell.children, index === 0 ? { bold: true } : {})) }))),
          },
          margin: [0, 0, 0, 10],
        },
      ];
    case "blockquote":
      return [{ stack: node.children.flatMap(block), margin: [16, 0, 0, 8], italics: true }];
    case "code":
      return [{ text: node.value, background: "#eeeeee", margin: [0, 0, 0, 8], preserveLeadingSpaces: true }];
    case "thematicBreak":
      return [{ canvas: [{ type: "line", x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 0.5, lineColor: "#999999" }], margin: [0, 4, 0, 10] }];
    case "html":
      return [{ text: node.value, margin: [0, 0, 0, 8] }];
    default:
      return [];
  }
}

/** A deliverable version as a PDF (A4): headings, nested lists, tables and simple emphasis kept. */
export async function toPdf(title: string, body: string): Promise<Buffer> {
  setFonts();
  const definition: TDocumentDefinitions = {
    info: { title, creator: "Switchboard" },
    pageSize: "A4",
    pageMargins: [40, 48, 40, 48],
    defaultStyle: { font: "Roboto", fontSize: 10.5, lineHeight: 1.25 },
    content: documentBlocks(title, body).flatMap(block),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
