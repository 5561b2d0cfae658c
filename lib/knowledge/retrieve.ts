import { db, Prisma } from "@/lib/db";
import { reciprocalRankFusion, type SemanticRetrieval } from "@/lib/embeddings";
import { lexemesSql, rarestWords, rarestWordsQuery, wordFrequencyCache } from "@/lib/learnings";

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
// how many of the rarest words a chunk must hold together when the rarest alone is too common
const TOGETHER_WORDS = 3;

/** How many chunks contain each word (lexeme); a document uploaded on another instance is found by its words within a minute. */
const chunkWordFrequencies = wordFrequencyCache("knowledgeWordStats", `SELECT "search" FROM "KnowledgeChunk"`);

/** After this process adds, replaces or deletes a document: its words are searchable at once. */
export function forgetChunkWordFrequencies() {
  chunkWordFrequencies.forget();
}

/**
 * The documents a task's executor may read: the organisation's and the task's own, never another task's.
 * A subquery, not a list of ids: the ranking statement checks it itself, and a long constant list costs
 * the planner more than the search (it estimates each id against the column's statistics).
 */
const readableDocuments = (taskId: string | null) => Prisma.sql`
  SELECT d."id" FROM "KnowledgeDocument" d
  WHERE d."scope" = 'organisation'
     OR (d."scope" = 'tasks' AND d."id" IN (SELECT t."documentId" FROM "KnowledgeDocumentTask" t WHERE t."taskId" = ${taskId}::text))`;

/** The readable documents (only when a ranking by meaning needs them) and the text's stemmed words, in one statement. */
async function readableDocumentsAndLexemes(taskId: string | null, text: string, withDocuments: boolean) {
  const documents = withDocuments ? Prisma.sql`ARRAY(${readableDocuments(taskId)})` : Prisma.sql`ARRAY[]::text[]`;
  const [row] = await db().$queryRaw<{ documents: string[]; lexemes: string[] }[]>`SELECT ${documents} AS "documents", ${lexemesSql(text)} AS "lexemes"`;
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
  const [{ documents, lexemes }, semantic] = await Promise.all([
    readableDocumentsAndLexemes(input.taskId, input.text, input.semantic !== undefined),
    input.semantic,
  ]);
  const query = rarestWordsQuery(lexemes, docs, { maxWords: QUERY_WORDS, maxMatches: MAX_MATCHES });
  const similar = semantic?.rankChunks(documents, limit) ?? [];
  if (!query && !similar.length) return [];
  const rarest = rarestWords(lexemes, docs).slice(0, QUERY_WORDS);
  // Matches are ranked by all the rarest words, so a chunk holding more of them comes first. When even the
  // rarest word is in more chunks than one search should rank (common words, a large collection), the
  // chunks that hold the rarest few together are searched first — a much smaller set, and the top of the
  // full ranking — and the rarest word's chunks only when those are fewer than the limit.
  const tiered = rarest.length > 1 && (docs.get(rarest[0]) ?? 0) > MAX_MATCHES;
  const rankBy = Prisma.sql`to_tsquery('simple', ${rarest.join(" | ")})`;
  const matching = (words: string | null, extra = Prisma.empty) => {
    const match = Prisma.sql`to_tsquery('simple', ${words ?? ""})`;
    const found = similar.length ? Prisma.sql`(c."search" @@ ${match} OR c."id" = ANY(${similar}::text[]))` : Prisma.sql`c."search" @@ ${match}`;
    // found through the GIN index (the query is a constant in the statement: a tsquery from a joined CTE
    // made the planner scan and detoast every chunk) and ranked in the same scan
    return Prisma.sql`
      SELECT c."id", c."documentId", c."tokens", c."position", ts_rank(c."search", ${rankBy}) AS "rank", c."search" @@ ${match} AS "matched"
      FROM "KnowledgeChunk" c
      WHERE ${found} AND c."documentId" = ANY(ARRAY(${readableDocuments(input.taskId)})) ${extra}
      ORDER BY "rank" DESC, c."position"
      LIMIT ${limit + similar.length}`;
  };
  const candidates = tiered
    ? Prisma.sql`
      together AS (${matching(rarest.slice(0, TOGETHER_WORDS).join(" & "))}),
      ranked AS (
        SELECT * FROM together
        UNION
        (${matching(query, Prisma.sql`AND (SELECT count(*) FILTER (WHERE "matched") FROM together) < ${limit}`)})
        ORDER BY "rank" DESC, "position"
        LIMIT ${limit + similar.length}
      )`
    : Prisma.sql`ranked AS (${matching(query)})`;
  // only the rows that come out of the ranking are read in full (text, document name)
  const rows = await db().$queryRaw<(RetrievedChunk & { rank: number; matched: boolean })[]>`
    WITH ${candidates}
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
