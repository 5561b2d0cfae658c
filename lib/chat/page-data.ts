import { checkModelSlots } from "@/lib/ai";
import { listVotes } from "@/lib/learnings";
import { enabledTasks } from "@/lib/tasks";
import { listConversations, loadConversationView } from "./queries";

/** What the chat page needs, loaded in parallel: the conversation (if any), the list, tasks and model state. */
export async function chatPageData(userId: string, conversationId?: string) {
  const [initial, votes, conversations, tasks, slots] = await Promise.all([
    conversationId ? loadConversationView(userId, conversationId) : null,
    conversationId ? listVotes(userId, conversationId) : [],
    listConversations(userId),
    enabledTasks(),
    checkModelSlots(),
  ]);
  const broken = slots.find((s) => s.problem);
  return {
    initial,
    votes,
    conversations,
    tasks,
    slots,
    modelProblem: broken ? `The assistant cannot answer until a model is configured: ${broken.problem}` : null,
  };
}
