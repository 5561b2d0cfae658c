import { createHash } from "node:crypto";

/** Longer texts are cut: embedding models read a few thousand tokens at most. */
const MAX_CHARS = 8_000;

interface EmbeddableTask {
  name: string;
  /** what users are told the task does */
  description?: string | null;
  /** when the task applies (what the router reads) */
  routerDescription: string;
  /** typical requests written by admins, in any language (when the registry has them) */
  exampleRequests?: readonly string[] | null;
}

const joined = (parts: (string | null | undefined)[]) =>
  [...new Set(parts.map((part) => part?.replace(/\s+/g, " ").trim()).filter((part): part is string => !!part))].join("\n").slice(0, MAX_CHARS);

/** The text a task is found by meaning with: its name, both descriptions and its example requests. */
export function taskEmbeddingText(task: EmbeddableTask): string {
  return joined([task.name, task.routerDescription, task.description, ...(task.exampleRequests ?? [])]);
}

/** The text a learning is found by: the conversation excerpt it was made from (what a later turn resembles). */
export function learningEmbeddingText(learning: { inputExcerpt: string }): string {
  return learning.inputExcerpt.trim().slice(0, MAX_CHARS);
}

/** The text a knowledge chunk is found by: the headings it sits under and its text. */
export function chunkEmbeddingText(chunk: { heading: string | null; text: string }): string {
  return joined([chunk.heading, chunk.text]);
}

/** The text a turn is looked up with. */
export function queryEmbeddingText(text: string): string {
  return text.trim().slice(0, MAX_CHARS);
}

/** sha-256 of an embedded text: an unchanged text is never sent to the model again. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
