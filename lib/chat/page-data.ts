import { getLocale } from "next-intl/server";
import { checkModelSlots } from "@/lib/ai";
import { errorText } from "@/lib/i18n";
import { listVotes } from "@/lib/learnings";
import { enabledTasks } from "@/lib/tasks";
import { listConversations, loadConversationView } from "./queries";

/** What the chat page needs, loaded in parallel: the conversation (if any), the list, tasks and model state. */
export async function chatPageData(userId: string, conversationId?: string) {
  const [initial, votes, conversations, tasks, checked, locale] = await Promise.all([
    conversationId ? loadConversationView(userId, conversationId) : null,
    conversationId ? listVotes(userId, conversationId) : [],
    listConversations(userId),
    enabledTasks(),
    checkModelSlots(),
    getLocale(),
  ]);
  // what to set, in the reader's language
  const slots = checked.map((slot) => ({ ...slot, problem: slot.problem && errorText(locale, slot.problem) }));
  const broken = slots.find((s) => s.problem);
  return {
    initial,
    votes,
    conversations,
    tasks,
    slots,
    modelProblem: broken?.problem ? errorText(locale, { key: "models.cannotAnswer", values: { problem: broken.problem } }) : null,
  };
}
