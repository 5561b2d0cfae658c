import path from "node:path";
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from "docx";
import pdfmake from "pdfmake";
import roboto from "pdfmake/fonts/Roboto.js";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";

// Knowledge documents made by the tests themselves (docx for Word files, pdfmake for PDFs), so that
// every fixture's text is known and nothing is checked in as a binary.

let fontsSet = false;
function pdf(definition: Omit<TDocumentDefinitions, "defaultStyle">): Promise<Buffer> {
  if (!fontsSet) {
    const fontDir = path.dirname(roboto.Roboto.normal);
    pdfmake.setFonts(roboto);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDir);
    fontsSet = true;
  }
  return pdfmake.createPdf({ ...definition, defaultStyle: { font: "Roboto" } } as TDocumentDefinitions).getBuffer();
}

/** A PDF of sections: each a heading and its paragraphs. */
export function pdfOf(sections: { heading: string; paragraphs: string[] }[], options: { userPassword?: string } = {}): Promise<Buffer> {
  const content: Content[] = sections.flatMap(
    (s) => [{ text: s.heading, fontSize: 16, bold: true, margin: [0, 12, 0, 6] }, ...s.paragraphs.map((p) => ({ text: p, margin: [0, 0, 0, 8] }))] as Content[],
  );
  return pdf({
    content,
    ...(options.userPassword ? { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner` } : {}),
  } as TDocumentDefinitions);
}

/** A PDF whose pages hold only drawings: what a scan without text recognition looks like to a text extractor. */
export function imageOnlyPdf(): Promise<Buffer> {
  return pdf({ content: [{ canvas: [{ type: "rect", x: 0, y: 0, w: 300, h: 400, color: "#888888" }] }] });
}

/** A Word document of sections: each a heading (Heading 1) and its paragraphs. */
export function docxOf(sections: { heading: string; paragraphs: string[] }[]): Promise<Buffer> {
  const children = sections.flatMap((s) => [
    new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }),
    ...s.paragraphs.map((p) => new Paragraph({ text: p, alignment: AlignmentType.LEFT })),
  ]);
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
