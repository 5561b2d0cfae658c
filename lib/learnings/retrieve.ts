import { db, type LearningKind, type LearningScope } from "@/lib/db";
import { estimateTokens } from "@/lib/chat/tokens";

export interface RetrievedLearning {
  id: string;
  kind: LearningKind;
  inputExcerpt: string;
  expectedOutput: string;
  rank: number;
}

/** An OR of the text's words, for to_tsquery; words are letters and digits only, so the query cannot be malformed. */
export function orQuery(text: string, maxWords = 40): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, maxWords);
  return words.length ? words.join(" | ") : null;
}

/**
 * The active learnings of a scope (and task, for task learnings) most relevant to the text, by
 * Postgres full-text rank over a GIN index, kept within a token budget. Relevance, not recency.
 */
export async function relevantLearnings(input: {
  scope: LearningScope;
  taskId?: string | null;
  text: string;
  budgetTokens: number;
  /** the conversation being answered: its own learnings would only repeat what the prompt already holds */
  excludeConversationId?: string;
  limit?: number;
}): Promise<RetrievedLearning[]> {
  const query = orQuery(input.text);
  if (!query || input.budgetTokens <= 0) return [];
  const taskFilter = input.scope === "task" ? (input.taskId ?? "") : null;
  const rows = await db().$queryRaw<RetrievedLearning[]>`
    SELECT "id", "kind", "inputExcerpt", "expectedOutput", ts_rank_cd("search", q) AS "rank"
    FROM "Learning", to_tsquery('english', ${query}) AS q
    WHERE "scope" = ${input.scope}::"LearningScope"
      AND "status" = 'active'
      AND (${taskFilter}::text IS NULL OR "taskId" = ${taskFilter})
      AND "conversationId" IS DISTINCT FROM ${input.excludeConversationId ?? null}::text
      AND "search" @@ q
    ORDER BY "rank" DESC, "createdAt" DESC
    LIMIT ${input.limit ?? 20}`;
  const kept: RetrievedLearning[] = [];
  let used = 0;
  for (const row of rows) {
    const cost = estimateTokens(row.inputExcerpt) + estimateTokens(row.expectedOutput) + 8;
    if (used + cost > input.budgetTokens) continue;
    kept.push(row);
    used += cost;
  }
  return kept;
}
