import { followUpButtons } from "@/lib/actions";
import { checkModelSlots } from "@/lib/ai";
import { errorText, type Locale } from "@/lib/i18n";
import { listVotes } from "@/lib/learnings";
import { enabledTasks, localizeTask } from "@/lib/tasks";
import { listConversations, loadConversationView } from "./queries";
import type { LocalizedTask } from "./types";

/**
 * What the chat page needs, loaded in parallel: the conversation (if any), the list, the enabled tasks
 * as a reader of `locale` sees them, and the model slots that cannot answer, with what to set in words.
 */
export async function chatPageData(userId: string, locale: Locale, conversationId?: string) {
  const [initial, votes, conversations, tasks, slots] = await Promise.all([
    conversationId ? loadConversationView(userId, conversationId) : null,
    conversationId ? listVotes(userId, conversationId) : [],
    listConversations(userId),
    enabledTasks(),
    checkModelSlots(),
  ]);
  const enabledSlugs = new Set(tasks.map((task) => task.slug));
  return {
    initial,
    votes,
    conversations,
    tasks: tasks.map(
      (task): LocalizedTask => ({
        slug: task.slug,
        icon: task.icon,
        ...localizeTask(task, locale),
        followUpActions: followUpButtons(task, enabledSlugs, locale),
      }),
    ),
    brokenSlots: slots.flatMap((slot) => (slot.problem ? [{ ...slot, problem: errorText(locale, slot.problem) }] : [])),
  };
}
