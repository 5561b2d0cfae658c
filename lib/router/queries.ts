import { type DecisionSource, db, processCache, type Retrieval, type RoutingAction } from "@/lib/db";

export interface DecisionRecord {
  /** chosen by the caller, so the turn can show the decision while it is being saved */
  id: string;
  conversationId: string;
  messageId: string;
  previousTaskId: string | null;
  chosenTaskId: string | null;
  action: RoutingAction;
  source: DecisionSource;
  model: string | null;
  latencyMs: number;
  promptTokens: number | null;
  validFormat: boolean;
  rawOutput: string | null;
  /** how the shortlist and learnings were found (lexical when not given) */
  retrieval?: Retrieval;
  /** why retrieval fell back to words alone */
  retrievalNote?: string | null;
}

/**
 * Saves the decision for a user message and makes the chosen task the conversation's current one, in
 * one statement (a turn's database time is mostly round trips). A retried message replaces its earlier
 * decision; the new id carries its votes along (the foreign key cascades on update).
 */
export async function saveDecision(record: DecisionRecord): Promise<void> {
  const now = new Date();
  await db().$executeRaw`
    WITH decision AS (
      INSERT INTO "RoutingDecision" ("id", "conversationId", "messageId", "previousTaskId", "chosenTaskId", "action", "source",
        "model", "latencyMs", "promptTokens", "validFormat", "rawOutput", "retrieval", "retrievalNote", "createdAt")
      VALUES (${record.id}, ${record.conversationId}, ${record.messageId}, ${record.previousTaskId}, ${record.chosenTaskId},
        ${record.action}::"RoutingAction", ${record.source}::"DecisionSource", ${record.model}, ${record.latencyMs}, ${record.promptTokens},
        ${record.validFormat}, ${record.rawOutput}, ${record.retrieval ?? "lexical"}::"Retrieval", ${record.retrievalNote ?? null}, ${now})
      ON CONFLICT ("messageId") DO UPDATE SET
        "id" = EXCLUDED."id", "previousTaskId" = EXCLUDED."previousTaskId", "chosenTaskId" = EXCLUDED."chosenTaskId", "action" = EXCLUDED."action",
        "source" = EXCLUDED."source", "model" = EXCLUDED."model", "latencyMs" = EXCLUDED."latencyMs",
        "promptTokens" = EXCLUDED."promptTokens", "validFormat" = EXCLUDED."validFormat", "rawOutput" = EXCLUDED."rawOutput",
        "retrieval" = EXCLUDED."retrieval", "retrievalNote" = EXCLUDED."retrievalNote", "createdAt" = EXCLUDED."createdAt"
    )
    UPDATE "Conversation" SET "currentTaskId" = ${record.chosenTaskId}, "updatedAt" = ${now}
    WHERE "id" = ${record.conversationId} AND "currentTaskId" IS DISTINCT FROM ${record.chosenTaskId}`;
}

const RECENT_DECISIONS = 1_000;
const RECENT_TTL_MS = 60_000;

const recentChoices = processCache("recentlyChosenTasks", RECENT_TTL_MS, async () => {
  const rows = await db().$queryRaw<{ slug: string }[]>`
    SELECT t."slug" FROM (SELECT "chosenTaskId" FROM "RoutingDecision" ORDER BY "createdAt" DESC LIMIT ${RECENT_DECISIONS}) d
    JOIN "Task" t ON t."id" = d."chosenTaskId"
    GROUP BY t."slug" ORDER BY count(*) DESC, t."slug" LIMIT 100`;
  return rows.map((r) => r.slug);
});

/**
 * The tasks chosen in the last 1,000 routing decisions, most often first (slugs): what fills a shortlist
 * when few tasks match the turn. Cached per process for a minute; it only orders the tasks that no
 * word of the turn found.
 */
export function recentlyChosenTasks(): Promise<string[]> {
  return recentChoices.get();
}
