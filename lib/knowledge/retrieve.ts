import { db, Prisma } from "@/lib/db";
import { reciprocalRankFusion, type SemanticRetrieval } from "@/lib/embeddings";
import { lexemesSql, rarestWordsQuery, wordFrequencyCache } from "@/lib/learnings";

export interface RetrievedChunk {
  id: string;
  documentId: string;
  documentName: string;
  heading: string | null;
  text: string;
  tokens: number;
}

const CANDIDATES = 20;
// chunks one search may rank, summed over its words' document counts: bounds the time at any size
const MAX_MATCHES = 1_500;

/** How many chunks contain each word (lexeme); a document uploaded on another instance is found by its words within a minute. */
const chunkWordFrequencies = wordFrequencyCache("knowledgeWordStats", `SELECT "search" FROM "KnowledgeChunk"`);

/** After this process adds, replaces or deletes a document: its words are searchable at once. */
export function forgetChunkWordFrequencies() {
  chunkWordFrequencies.forget();
}

/** The documents a task's executor may read: the organisation's and the task's own (never another task's). */
async function readableDocuments(taskId: string | null): Promise<Set<string>> {
  const rows = await db().knowledgeDocument.findMany({
    where: { OR: [{ scope: "organisation" }, ...(taskId ? [{ scope: "tasks" as const, tasks: { some: { taskId } } }] : [])] },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

/**
 * The chunks most relevant to the text among the documents the task may read, by Postgres full-text
 * rank of the text's rarest words (fused with the ranking by meaning when the turn has one), kept
 * within a token budget, most relevant first.
 */
export async function relevantKnowledge(input: {
  taskId: string | null;
  text: string;
  budgetTokens: number;
  semantic?: Promise<SemanticRetrieval>;
  limit?: number;
}): Promise<RetrievedChunk[]> {
  if (input.budgetTokens <= 0 || !input.text.trim()) return [];
  const limit = input.limit ?? CANDIDATES;
  const [documents, [{ lexemes }], docs, semantic] = await Promise.all([
    readableDocuments(input.taskId),
    db().$queryRaw<{ lexemes: string[] }[]>`SELECT ${lexemesSql(input.text)} AS lexemes`,
    chunkWordFrequencies.get(),
    input.semantic,
  ]);
  if (!documents.size) return [];
  const query = rarestWordsQuery(lexemes, docs, { maxWords: 8, maxMatches: MAX_MATCHES });
  const similar = semantic?.rankChunks(documents, limit) ?? [];
  if (!query && !similar.length) return [];
  const ids = [...documents];
  const found = similar.length ? Prisma.sql`(c."search" @@ q OR c."id" = ANY(${similar}::text[]))` : Prisma.sql`c."search" @@ q`;
  const rows = await db().$queryRaw<(RetrievedChunk & { rank: number; matched: boolean })[]>`
    SELECT c."id", c."documentId", d."name" AS "documentName", c."heading", c."text", c."tokens",
      ts_rank(c."search", q) AS "rank", c."search" @@ q AS "matched"
    FROM "KnowledgeChunk" c JOIN "KnowledgeDocument" d ON d."id" = c."documentId", to_tsquery('simple', ${query ?? ""}) AS q
    WHERE c."documentId" = ANY(${ids}::text[]) AND ${found}
    ORDER BY "rank" DESC, c."position"
    LIMIT ${limit + similar.length}`;
  const byId = new Map(rows.map(({ rank: _, matched: __, ...row }) => [row.id, row]));
  const lexical = rows
    .filter((row) => row.matched)
    .slice(0, limit)
    .map((row) => row.id);
  const ranked = similar.length ? reciprocalRankFusion([lexical, similar.filter((id) => byId.has(id))]) : lexical;
  const kept: RetrievedChunk[] = [];
  let used = 0;
  for (const chunk of ranked.slice(0, limit).map((id) => byId.get(id)!)) {
    const cost = chunk.tokens + 12;
    if (used + cost > input.budgetTokens) continue;
    kept.push(chunk);
    used += cost;
  }
  return kept;
}
