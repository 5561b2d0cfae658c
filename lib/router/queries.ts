import { db, type DecisionSource, type RoutingAction } from "@/lib/db";

export interface DecisionRecord {
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
}

/**
 * Saves the decision for a user message and makes the chosen task the conversation's current one.
 * A retried message replaces its earlier decision. The common turn (a new message, the task unchanged)
 * is one insert: the per-turn cost is mostly round trips.
 */
export async function saveDecision(record: DecisionRecord, { retried, taskChanged }: { retried: boolean; taskChanged: boolean }) {
  if (!retried && !taskChanged) return db().routingDecision.create({ data: record });
  const [decision] = await db().$transaction([
    db().routingDecision.upsert({
      where: { messageId: record.messageId },
      create: record,
      update: { ...record, createdAt: new Date() },
    }),
    db().conversation.update({
      where: { id: record.conversationId },
      data: { currentTaskId: record.chosenTaskId },
    }),
  ]);
  return decision;
}
