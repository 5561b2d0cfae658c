/**
 * A provider-independent token estimate (about four characters a token for English and Spanish).
 * Budgets use it so that prompt size is bounded the same way for every model.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface HistoryMessage {
  role: "user" | "assistant";
  content: string;
}

/**
 * The most recent messages that fit in the budget, oldest first. The newest message is always kept,
 * cut to the budget if it alone is larger.
 */
export function recentWithinBudget<M extends HistoryMessage>(messages: M[], budgetTokens: number): M[] {
  const kept: M[] = [];
  if (budgetTokens <= 0) return kept;
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const cost = estimateTokens(messages[i].content) + 4;
    if (kept.length && used + cost > budgetTokens) break;
    if (!kept.length && cost > budgetTokens) {
      kept.push({ ...messages[i], content: messages[i].content.slice(-budgetTokens * 4) });
      break;
    }
    kept.push(messages[i]);
    used += cost;
  }
  return kept.reverse();
}
