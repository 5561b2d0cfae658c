import {
  AlignmentType,
  Document,
  HeadingLevel,
  type ILevelsOptions,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { ListItem, RootContent } from "mdast";
import { documentBlocks, type Run, runsOf } from "./markdown";

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
const ORDERED = "ordered-list";

const textRuns = (runs: Run[]): ParagraphChild[] =>
  runs.map(
    (run) =>
      new TextRun({
        text: run.text === "\n" ? "" : run.text,
        break: run.text === "\n" ? 1 : undefined,
        bold: run.bold,
        italics: run.italics,
        strike: run.strike,
        font: run.code ? "Courier New" : undefined,
      }),
  );

/** Where a paragraph sits: in a list (its depth, and which ordered list for its numbering) or not. */
interface ListPlace {
  level: number;
  ordered: boolean;
  /** each ordered list counts from its own start */
  instance: number;
}

class DocxWriter {
  private instances = 0;

  blocks(nodes: RootContent[], list?: ListPlace): (Paragraph | Table)[] {
    return nodes.flatMap((node) => this.block(node, list));
  }

  private paragraph(children: ParagraphChild[], list?: ListPlace, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) {
    const listing = list
      ? list.ordered
        ? { numbering: { reference: ORDERED, level: list.level, instance: list.instance } }
        : { bullet: { level: list.level } }
      : {};
    return new Paragraph({ children, ...listing, ...extra });
  }

  private block(node: RootContent, list?: ListPlace): (Paragraph | Table)[] {
    switch (node.type) {
      case "heading":
        return [new Paragraph({ heading: HEADINGS[node.depth - 1], children: textRuns(runsOf(node.children)) })];
      case "paragraph":
        return [this.paragraph(textRuns(runsOf(node.children)), list)];
      case "list": {
        const place: ListPlace = {
          level: list ? list.level + 1 : 0,
          ordered: Boolean(node.ordered),
          instance: node.ordered ? ++this.instances : 0,
        };
        return node.children.flatMap((item) => this.item(item, place));
      }
      case "table":
        return [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: node.children.map(
              (row, index) =>
                new TableRow({
                  tableHeader: index === 0 || undefined,
                  children: row.children.map(
                    (cell) =>
                      new TableCell({
                        children: [new Paragraph({ children: textRuns(runsOf(cell.children, index === 0 ? { bold: true } : {})) })],
                      }),
                  ),
                }),
            ),
          }),
          new Paragraph({}),
        ];
      case "blockquote":
        return this.blocks(node.children, list);
      case "code":
        return node.value.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, font: "Courier New" })] }));
      case "thematicBreak":
        return [new Paragraph({ border: { bottom: { style: "single", size: 6, color: "999999", space: 1 } }, children: [] })];
      case "html":
        return [this.paragraph([new TextRun(node.value)], list)];
      default:
        return [];
    }
  }

  /** A list item: its first paragraph carries the number or bullet, what follows is indented under it. */
  private item(item: ListItem, place: ListPlace): (Paragraph | Table)[] {
    const [first, ...rest] = item.children;
    const check = item.checked === true ? "☑ " : item.checked === false ? "☐ " : "";
    const lead =
      first?.type === "paragraph"
        ? [this.paragraph([...(check ? [new TextRun(check)] : []), ...textRuns(runsOf(first.children))], place)]
        : this.blocks(first ? [first] : [], place);
    // a nested list goes one level deeper; another paragraph of the item follows it unnumbered
    const following = rest.flatMap((child) => this.block(child, child.type === "list" ? place : undefined));
    return [...lead, ...following];
  }
}

const levels: ILevelsOptions[] = Array.from({ length: 9 }, (_, level) => ({
  level,
  format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3],
  text: `%${level + 1}.`,
  alignment: AlignmentType.START,
  style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
}));

/** A deliverable version as a Word document: headings, nested lists, tables and simple emphasis kept. */
export async function toDocx(title: string, body: string): Promise<Buffer> {
  const document = new Document({
    title,
    creator: "Switchboard",
    numbering: { config: [{ reference: ORDERED, levels }] },
    sections: [{ children: new DocxWriter().blocks(documentBlocks(title, body)) }],
  });
  return Packer.toBuffer(document);
}
