import { embed } from "ai";
import { type EmbeddingSlot, embeddingSlot } from "@/lib/ai";
import type { LearningScope, Retrieval } from "@/lib/db";
import { modelTelemetry } from "@/lib/observability";
import { FUSION_DEPTH } from "./fusion";
import { cachedVectors, scheduleEmbeddingSync } from "./store";
import { queryEmbeddingText } from "./text";
import { nearest, unitVector } from "./vectors";

/** The longest a turn waits for its query embedding (and, the first time, for the cached vectors). */
const QUERY_TIMEOUT_MS = 300;

/** A turn's ranking by meaning, or why there is none; what the routing decision records. */
export interface SemanticRetrieval {
  mode: Retrieval;
  /** why retrieval fell back to words alone (lexical_fallback only) */
  note: string | null;
  /** these tasks, most similar to the turn first; tasks without an embedding are left out (empty unless fused) */
  rankTasks<T extends { id: string }>(tasks: readonly T[], limit?: number): T[];
  /** ids of the learnings of a scope (and task) most similar to the turn (empty unless fused) */
  rankLearnings(filter: { scope: LearningScope; taskId?: string | null }, limit?: number): string[];
  /** ids of the knowledge chunks of these documents most similar to the turn (empty unless fused) */
  rankChunks(documentIds: ReadonlySet<string>, limit?: number): string[];
}

const without = (mode: Retrieval, note: string | null = null): SemanticRetrieval => ({
  mode,
  note,
  rankTasks: () => [],
  rankLearnings: () => [],
  rankChunks: () => [],
});

/** No embed slot: words alone. */
const LEXICAL_ONLY = without("lexical");

/**
 * Embeds the turn's text once (one `embed` call bounded by `timeoutMs`) and ranks the cached task and
 * learning vectors against it. Never throws and never waits longer than the timeout: a failure or a
 * late answer gives lexical_fallback with the reason. Without an embed slot, lexical.
 */
export async function semanticRetrieval(
  text: string,
  { timeoutMs = QUERY_TIMEOUT_MS, slot }: { timeoutMs?: number; slot?: EmbeddingSlot | null } = {},
): Promise<SemanticRetrieval> {
  const started = performance.now();
  let embedSlot: EmbeddingSlot | null;
  try {
    embedSlot = slot === undefined ? embeddingSlot() : slot;
  } catch (error) {
    return without("lexical_fallback", `settings: ${(error as Error).message.slice(0, 200)}`);
  }
  if (!embedSlot) return LEXICAL_ONLY;
  // first use, and then once a minute: embed what is missing (also what failed before), in the background
  scheduleEmbeddingSync({ onlyWhenDue: true });
  const deadline = AbortSignal.timeout(timeoutMs);
  const late = new Promise<never>((_, reject) => deadline.addEventListener("abort", () => reject(deadline.reason), { once: true }));
  late.catch(() => {});
  try {
    const [query, tasks, learnings, chunks] = await Promise.race([
      Promise.all([
        embed({
          model: embedSlot.model,
          value: queryEmbeddingText(text),
          abortSignal: deadline,
          maxRetries: 0,
          telemetry: modelTelemetry("switchboard.embed_query"),
        }),
        cachedVectors("task", embedSlot.id),
        cachedVectors("learning", embedSlot.id),
        cachedVectors("chunk", embedSlot.id),
      ]),
      late,
    ]);
    const vector = unitVector(query.embedding);
    return {
      mode: "fused",
      note: null,
      rankTasks: (candidates, limit = FUSION_DEPTH) => {
        const entries = candidates.flatMap((task) => {
          const entry = tasks.get(task.id);
          return entry ? [{ vector: entry.vector, item: task }] : [];
        });
        return nearest(vector, entries, limit);
      },
      rankLearnings: ({ scope, taskId }, limit = FUSION_DEPTH) => {
        const entries: { vector: Float32Array; item: string }[] = [];
        for (const entry of learnings.values()) {
          if (entry.scope === scope && (scope !== "task" || entry.taskId === taskId)) entries.push({ vector: entry.vector, item: entry.id });
        }
        return nearest(vector, entries, limit);
      },
      rankChunks: (documentIds, limit = FUSION_DEPTH) => {
        const entries: { vector: Float32Array; item: string }[] = [];
        for (const entry of chunks.values()) {
          if (entry.documentId && documentIds.has(entry.documentId)) entries.push({ vector: entry.vector, item: entry.id });
        }
        return nearest(vector, entries, limit);
      },
    };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const note = deadline.aborted
      ? `timeout: no embedding within ${timeoutMs} ms`
      : `error after ${ms} ms: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
    return without("lexical_fallback", note);
  }
}
