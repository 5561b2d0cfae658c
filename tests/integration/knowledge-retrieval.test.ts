import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { relevantKnowledge, saveDocument } from "@/lib/knowledge";
import { testDatabaseKind } from "../support/database";
import { withLibDatabase } from "../support/lib-database";

/**
 * Knowledge retrieval when the request's words are common in the collection (lib/knowledge/retrieve.ts):
 * each of them is in more chunks than one search ranks, so the chunks holding the rarest few together
 * are searched first, and the rarest word's chunks only when those are too few. The collection is made
 * so that ranking by one word alone puts other chunks first.
 */
withLibDatabase();

// three words, each in more than 300 chunks, together in only two
const ALONE = 310;
const section = (i: number, text: string) => `## Note ${i}\n\n${text}`;
const notes = [
  ...Array.from({ length: ALONE }, (_, i) => section(i, "The quokka quokka quokka sleeps in the shade.")),
  ...Array.from({ length: ALONE }, (_, i) => section(ALONE + i, "A narwhal narwhal narwhal dives under the ice.")),
  ...Array.from({ length: ALONE }, (_, i) => section(2 * ALONE + i, "The axolotl axolotl axolotl regrows a limb.")),
  section(3 * ALONE, "Harbour log: the quokka, the narwhal and the axolotl shared one tank."),
  section(3 * ALONE + 1, "Census: one quokka, one narwhal, one axolotl counted on the pier."),
  // a common word alone, in more than 300 chunks too, never with the quokka
  ...Array.from({ length: 305 }, (_, i) => section(3 * ALONE + 2 + i, "The zebu grazes by the river.")),
].join("\n\n");

const markdown = (name: string, text: string) => ({ name, type: "text/markdown", bytes: new TextEncoder().encode(text) });

describe(`knowledge retrieval with common words on ${testDatabaseKind()}`, () => {
  let ownTask: string;
  let otherTask: string;

  beforeAll(async () => {
    const admin = await createUser({ email: `knowledge-${randomUUID()}@example.test`, password: "password-knowledge" });
    const tasks = await db().task.findMany({ where: { deletedAt: null }, select: { id: true }, orderBy: { slug: "asc" }, take: 2 });
    [ownTask, otherTask] = tasks.map((t) => t.id);
    const saved = await saveDocument({ file: markdown("Field notes.md", notes), scope: { scope: "organisation", taskIds: [] }, uploadedById: admin.id });
    expect(saved.chunks).toBe(3 * ALONE + 2 + 305);
    // another task's document holding all three words, more often than any readable chunk
    await saveDocument({
      file: markdown("Other task.md", "## Secret\n\nquokka narwhal axolotl quokka narwhal axolotl quokka narwhal axolotl"),
      scope: { scope: "tasks", taskIds: [otherTask] },
      uploadedById: admin.id,
    });
  });

  it("puts the chunks holding the rarest words together first, not those repeating one of them", async () => {
    const found = await relevantKnowledge({ taskId: ownTask, text: "What do we know about the quokka, the narwhal and the axolotl?", budgetTokens: 10_000 });
    expect(found.slice(0, 2).map((chunk) => chunk.text)).toEqual(
      expect.arrayContaining([expect.stringContaining("shared one tank"), expect.stringContaining("counted on the pier")]),
    );
    // the together tier held two chunks, fewer than the limit: the rarest word's chunks fill the rest
    expect(found.length).toBeGreaterThan(2);
    expect(found.every((chunk) => chunk.documentName === "Field notes.md")).toBe(true);
  });

  it("falls back to the rarest word's chunks when no chunk holds the words together", async () => {
    const found = await relevantKnowledge({ taskId: ownTask, text: "Is the zebu friends with the quokka?", budgetTokens: 10_000 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((chunk) => chunk.text.includes("zebu"))).toBe(true);
  });

  it("gives the task whose document it is that document's chunk first", async () => {
    const found = await relevantKnowledge({ taskId: otherTask, text: "What do we know about the quokka, the narwhal and the axolotl?", budgetTokens: 10_000 });
    expect(found[0]).toMatchObject({ documentName: "Other task.md", heading: "Secret" });
  });
});
