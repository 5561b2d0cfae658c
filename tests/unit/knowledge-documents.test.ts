import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http";
import { chunkDocument } from "@/lib/knowledge";
import { extractDocumentText, knowledgeFormatOf } from "@/lib/knowledge/extract";
import { docxOf, imageOnlyPdf, pdfOf } from "../support/knowledge-fixtures";

const SECTIONS = [
  { heading: "Email style", paragraphs: ["Greet customers by their first name.", "Sign every email with the full company name, Northwind Traders."] },
  { heading: "Product facts", paragraphs: ["The Falcon 9000 ships in three colours: slate, sand and moss."] },
];

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { code: (error as AppError).code, message: (error as AppError).message };
}

describe("knowledge documents: extraction", () => {
  it("reads a PDF's text, page by page", async () => {
    const bytes = new Uint8Array(await pdfOf(SECTIONS));
    const text = await extractDocumentText({ name: "guide.pdf", type: "application/pdf", bytes }, "pdf");
    expect(text).toContain("Greet customers by their first name.");
    expect(text).toContain("Falcon 9000 ships in three colours");
  });

  it("reads a DOCX with its headings as Markdown headings", async () => {
    const bytes = new Uint8Array(await docxOf(SECTIONS));
    const text = await extractDocumentText({ name: "guide.docx", type: "", bytes }, "docx");
    expect(text).toMatch(/^# Email style$/m);
    expect(text).toMatch(/^# Product facts$/m);
    expect(text).toContain("Sign every email with the full company name, Northwind Traders.");
  });

  it("refuses an encrypted PDF, an image-only PDF, a file with no text, a broken PDF and a wrong type, each with its own message", async () => {
    const encrypted = new Uint8Array(await pdfOf(SECTIONS, { userPassword: "secret" }));
    expect(await refusal(extractDocumentText({ name: "locked.pdf", type: "application/pdf", bytes: encrypted }, "pdf"))).toEqual({
      code: "bad_request:knowledge",
      message: "This PDF is protected by a password. Upload a copy without the password.",
    });
    const scanned = new Uint8Array(await imageOnlyPdf());
    expect((await refusal(extractDocumentText({ name: "scan.pdf", type: "application/pdf", bytes: scanned }, "pdf"))).message).toMatch(/only images of pages/);
    const blank = new TextEncoder().encode("   \n\n — \n");
    expect((await refusal(extractDocumentText({ name: "blank.txt", type: "text/plain", bytes: blank }, "text"))).message).toBe(
      "“blank.txt” has no text in it.",
    );
    const broken = new TextEncoder().encode("%PDF-1.7 this is not really a PDF");
    expect((await refusal(extractDocumentText({ name: "broken.pdf", type: "application/pdf", bytes: broken }, "pdf"))).message).toMatch(
      /PDF file could not be read/,
    );
    expect(() => knowledgeFormatOf({ name: "photo.png", type: "image/png" })).toThrow(/“photo.png” is not a PDF, DOCX, Markdown or plain text file/);
    expect(knowledgeFormatOf({ name: "notes.MD", type: "application/octet-stream" })).toBe("markdown");
  });
});

describe("knowledge documents: chunking", () => {
  it("starts a chunk at each heading and keeps the heading path", () => {
    const chunks = chunkDocument("# Guide\n\nIntro line.\n\n## Tone\n\nBe warm.\n\nBe brief.\n\n## Sign-off\n\n- Best regards\n- The team\n");
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ["Guide", "Intro line."],
      ["Guide › Tone", "Be warm.\n\nBe brief."],
      ["Guide › Sign-off", "- Best regards\n- The team"],
    ]);
  });

  it("gathers paragraphs up to the chunk size and cuts a paragraph longer than a chunk", () => {
    const paragraph = (n: number) => `Paragraph ${n} ${"word ".repeat(60).trim()}.`;
    const chunks = chunkDocument([1, 2, 3, 4, 5, 6].map(paragraph).join("\n\n"), 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(200);
    expect(chunks.map((c) => c.text).join("\n\n")).toBe([1, 2, 3, 4, 5, 6].map(paragraph).join("\n\n"));
    const long = chunkDocument("x".repeat(50) + " long sentence.".repeat(200), 100);
    expect(long.length).toBeGreaterThan(5);
    for (const chunk of long) expect(chunk.text.length).toBeLessThanOrEqual(400);
  });
});
