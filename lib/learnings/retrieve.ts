import { estimateTokens } from "@/lib/ai";
import { db, type LearningKind, type LearningScope, Prisma, processCache } from "@/lib/db";
import { reciprocalRankFusion, type SemanticRetrieval } from "@/lib/embeddings";
import { inSpan, metrics } from "@/lib/observability";

export interface RetrievedLearning {
  id: string;
  kind: LearningKind;
  taskId: string | null;
  inputExcerpt: string;
  expectedOutput: string;
  rank: number;
}

const QUERY_WORDS = 5;
// learnings one search may rank, summed over its words' document counts
const MAX_MATCHES = 1_500;
// short enough that a learning written on another instance is searchable by its new words within a minute
const STATS_TTL_MS = 60_000;

/**
 * How many rows of a full-text column contain each word (lexeme), per process, read again after
 * STATS_TTL_MS or when forgotten. `searchQuery` is a fixed statement selecting the tsvector column.
 */
export function wordFrequencyCache(key: string, searchQuery: string) {
  return processCache(key, STATS_TTL_MS, async () => {
    const rows = await db().$queryRawUnsafe<{ word: string; ndoc: number }[]>(`SELECT word, ndoc FROM ts_stat($$${searchQuery}$$)`);
    return new Map(rows.map((r) => [r.word, Number(r.ndoc)]));
  });
}

/** How many active learnings contain each word (lexeme). */
const wordFrequencies = wordFrequencyCache("learningWordStats", `SELECT "search" FROM "Learning" WHERE "status" = 'active'`);

/** Forgets the word counts after this process writes a learning, so its words are searchable at once. */
export function forgetWordFrequencies() {
  wordFrequencies.forget();
}

/** The text's stemmed words (lexemes) as an array expression, so that a turn can read them in a statement it sends anyway. */
export const lexemesSql = (text: string) => Prisma.sql`tsvector_to_array(to_tsvector('english', ${text.slice(0, 4_000)}))`;

type QueryLimits = { maxWords?: number; maxMatches?: number };

/**
 * The text's rarest words that learnings contain, as an OR for to_tsquery. Common words ("email",
 * "meeting") match most learnings and would make every query rank thousands of rows; the rare ones
 * find the relevant learnings through the GIN index. Words are added rarest first while the learnings
 * they appear in stay under `maxMatches`, so a search ranks a bounded set however many learnings there
 * are. A word no learning contains is left out, and lexemes are letters and digits only, so the query
 * cannot be malformed.
 */
export async function rareWordQuery(text: string, limits: QueryLimits = {}): Promise<string | null> {
  const [{ lexemes }] = await db().$queryRaw<{ lexemes: string[] }[]>`SELECT ${lexemesSql(text)} AS lexemes`;
  return rareWordQueryOf(lexemes, limits);
}

/** rareWordQuery for lexemes already read (lexemesSql). */
export async function rareWordQueryOf(lexemes: string[], limits: QueryLimits = {}): Promise<string | null> {
  return rarestWordsQuery(lexemes, await wordFrequencies.get(), limits);
}

/**
 * The lexemes a collection contains, rarest first (by how many of its rows hold each, from ts_stat).
 * Lexemes are letters and digits only, so a query built of them cannot be malformed.
 */
export const rarestWords = (lexemes: string[], docs: Map<string, number>) =>
  lexemes.filter((w) => /^[\p{L}\p{N}]+$/u.test(w) && (docs.get(w) ?? 0) > 0).sort((a, b) => docs.get(a)! - docs.get(b)!);

/**
 * The OR query of the lexemes' rarest words in a collection, given how many of its rows hold each word
 * (ts_stat): what rareWordQuery does for learnings, for any full-text column (knowledge chunks too).
 */
export function rarestWordsQuery(
  lexemes: string[],
  docs: Map<string, number>,
  { maxWords = QUERY_WORDS, maxMatches = MAX_MATCHES }: QueryLimits = {},
): string | null {
  const words: string[] = [];
  let matches = 0;
  for (const word of rarestWords(lexemes, docs)) {
    if (words.length === maxWords || (words.length && matches + docs.get(word)! > maxMatches)) break;
    words.push(word);
    matches += docs.get(word)!;
  }
  return words.length ? words.join(" | ") : null;
}

/**
 * The active learnings of a scope (and task, for task learnings) most relevant to the text, by
 * Postgres full-text rank over a GIN index — fused with the ranking by meaning when the turn has one —
 * kept within a token budget. Relevance, not recency. Traced as retrieval and counted (issue 18).
 */
export async function relevantLearnings(input: Parameters<typeof findRelevantLearnings>[0]): Promise<RetrievedLearning[]> {
  return inSpan("turn.retrieval", { "switchboard.scope": input.scope }, async (span) => {
    const found = await findRelevantLearnings(input);
    span.setAttribute("switchboard.learnings", found.length);
    metrics().learningsRetrieved.inc({ scope: input.scope }, found.length);
    return found;
  });
}

async function findRelevantLearnings(input: {
  scope: LearningScope;
  taskId?: string | null;
  text: string;
  budgetTokens: number;
  /** the text's rareWordQuery, when the caller already has it (a turn searches twice with the same text) */
  query?: Promise<string | null>;
  /** the turn's ranking by meaning (lib/embeddings), fused with the full-text one by reciprocal rank fusion */
  semantic?: Promise<SemanticRetrieval>;
  /** the conversation being answered: its own learnings would only repeat what the prompt already holds */
  excludeConversationId?: string;
  limit?: number;
}): Promise<RetrievedLearning[]> {
  if (input.budgetTokens <= 0) return [];
  const limit = input.limit ?? 20;
  const [query, semantic] = await Promise.all([input.query ?? rareWordQuery(input.text), input.semantic]);
  const similar = semantic?.rankLearnings({ scope: input.scope, taskId: input.taskId }, limit) ?? [];
  if (!query && !similar.length) return [];
  const taskFilter = input.scope === "task" ? (input.taskId ?? "") : null;
  // the lexemes are already stemmed: 'simple' keeps them as they are; the similar learnings come first
  // so that the limit never cuts them, and each row says whether its words matched
  const found = similar.length ? Prisma.sql`("search" @@ q OR "id" = ANY(${similar}::text[]))` : Prisma.sql`"search" @@ q`;
  const similarFirst = similar.length ? Prisma.sql`"id" = ANY(${similar}::text[]) DESC,` : Prisma.empty;
  const rows = await db().$queryRaw<(RetrievedLearning & { matched: boolean })[]>`
    SELECT "id", "kind", "taskId", "inputExcerpt", "expectedOutput", ts_rank("search", q) AS "rank", "search" @@ q AS "matched"
    FROM "Learning", to_tsquery('simple', ${query ?? ""}) AS q
    WHERE "scope" = ${input.scope}::"LearningScope"
      AND "status" = 'active'
      AND (${taskFilter}::text IS NULL OR "taskId" = ${taskFilter})
      AND "conversationId" IS DISTINCT FROM ${input.excludeConversationId ?? null}::text
      AND ${found}
    ORDER BY ${similarFirst} "rank" DESC, "createdAt" DESC
    LIMIT ${limit + similar.length}`;
  const byId = new Map(rows.map(({ matched: _, ...row }) => [row.id, row]));
  const lexical = rows
    .filter((row) => row.matched)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map((row) => row.id);
  const ranked = similar.length ? reciprocalRankFusion([lexical, similar.filter((id) => byId.has(id))]) : lexical;
  const kept: RetrievedLearning[] = [];
  let used = 0;
  for (const row of ranked.slice(0, limit).map((id) => byId.get(id)!)) {
    const cost = estimateTokens(row.inputExcerpt) + estimateTokens(row.expectedOutput) + 8;
    if (used + cost > input.budgetTokens) continue;
    kept.push(row);
    used += cost;
  }
  return kept;
}
