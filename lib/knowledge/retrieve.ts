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
const QUERY_WORDS = 5;
// chunks one search may rank, summed over its words' document counts: bounds the time at any size
// (chunks are longer than learnings, so fewer are ranked)
const MAX_MATCHES = 300;

/** How many chunks contain each word (lexeme); a document uploaded on another instance is found by its words within a minute. */
const chunkWordFrequencies = wordFrequencyCache("knowledgeWordStats", `SELECT "search" FROM "KnowledgeChunk"`);

/** After this process adds, replaces or deletes a document: its words are searchable at once. */
export function forgetChunkWordFrequencies() {
  chunkWordFrequencies.forget();
}

/**
 * The documents a task's executor may read — the organisation's and the task's own, never another
 * task's — and the text's stemmed words, in one statement: a turn waits for one round trip, not two.
 */
async function readableDocumentsAndLexemes(taskId: string | null, text: string) {
  const [row] = await db().$queryRaw<{ documents: string[]; lexemes: string[] }[]>`
    SELECT ARRAY(
      SELECT d."id" FROM "KnowledgeDocument" d
      WHERE d."scope" = 'organisation'
         OR (d."scope" = 'tasks' AND d."id" IN (SELECT t."documentId" FROM "KnowledgeDocumentTask" t WHERE t."taskId" = ${taskId}::text))
    ) AS "documents", ${lexemesSql(text)} AS "lexemes"`;
  return { documents: new Set(row.documents), lexemes: row.lexemes };
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
  // no chunk has a word (no document uploaded, as far as this process knows): every turn of an organisation
  // without documents is spared the queries below
  const docs = await chunkWordFrequencies.get();
  if (!docs.size) return [];
  const [{ documents, lexemes }, semantic] = await Promise.all([readableDocumentsAndLexemes(input.taskId, input.text), input.semantic]);
  if (!documents.size) return [];
  const query = rarestWordsQuery(lexemes, docs, { maxWords: QUERY_WORDS, maxMatches: MAX_MATCHES });
  const similar = semantic?.rankChunks(documents, limit) ?? [];
  if (!query && !similar.length) return [];
  const ids = [...documents];
  const words = Prisma.sql`to_tsquery('simple', ${query ?? ""})`;
  const found = similar.length ? Prisma.sql`(c."search" @@ ${words} OR c."id" = ANY(${similar}::text[]))` : Prisma.sql`c."search" @@ ${words}`;
  // The readable chunks with the words, found through the GIN index (the rarest-words query bounds them
  // to about MAX_MATCHES; the query is a constant in the statement, since a tsquery from a joined CTE
  // made the planner scan and detoast every chunk), ranked in the same scan, and only the rows that come
  // out of the ranking read in full (text, document name).
  const rows = await db().$queryRaw<(RetrievedChunk & { rank: number; matched: boolean })[]>`
    WITH ranked AS (
      SELECT c."id", c."documentId", c."tokens", c."position", ts_rank(c."search", ${words}) AS "rank", c."search" @@ ${words} AS "matched"
      FROM "KnowledgeChunk" c
      WHERE ${found} AND c."documentId" = ANY(${ids}::text[])
      ORDER BY "rank" DESC, c."position"
      LIMIT ${limit + similar.length}
    )
    SELECT r."id", r."documentId", d."name" AS "documentName", c."heading", c."text", r."tokens", r."rank", r."matched"
    FROM ranked r JOIN "KnowledgeChunk" c ON c."id" = r."id" JOIN "KnowledgeDocument" d ON d."id" = r."documentId"
    ORDER BY r."rank" DESC, r."position"`;
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
