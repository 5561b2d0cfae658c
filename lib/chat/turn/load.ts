import { type FollowUp, resolveFollowUp } from "@/lib/actions";
import type { HistoryMessage } from "@/lib/ai";
import { type SemanticRetrieval, semanticRetrieval } from "@/lib/embeddings";
import { answerForHistory, type LatestDeliverable } from "@/lib/executor";
import type { CatalogMessage } from "@/lib/i18n";
import { rareWordQueryOf } from "@/lib/learnings";
import { recentlyChosenTasks } from "@/lib/router";
import { settings } from "@/lib/settings";
import { enabledTasksAt, type Task, taskNameForHistory } from "@/lib/tasks";
import { openTurn } from "../queries";
import type { ChatRequest } from "./request";

/** What the later steps of a turn know once it is loaded. */
export interface Turn {
  request: ChatRequest;
  /** the signed-in user (their profile reaches the executor) */
  userId: string;
  conversationId: string;
  /** the user's message as stored (a retry's is the first copy) */
  userMessageId: string;
  /** a retry of a message whose complete answer is already saved: that answer's id; the turn replays it instead of calling a model */
  answeredId: string | null;
  /** the enabled tasks at this moment */
  tasks: Task[];
  /** the conversation's task before this message; null for none, or when it is no longer enabled */
  previous: Task | null;
  /** the newest version of the previous task's deliverable here */
  previousVersion: LatestDeliverable | null;
  /** the messages the models see, oldest first, answers without their deliverable markup */
  history: HistoryMessage[];
  /** the last two user messages: what the shortlist searches */
  recentUserText: string;
  /** the message's rarest words, for both learning searches (only they wait for it) */
  learningQuery: Promise<string | null>;
  /** the message's ranking by meaning (embed slot): one embedding call, 300 ms at most, never rejects */
  semantic: Promise<SemanticRetrieval>;
  /** the tasks most chosen lately: what fills a shortlist that few tasks match */
  recentlyChosen: string[];
  /** for the user along with the routing: the conversation's task is no longer available */
  notice?: CatalogMessage;
  /** a follow-up action's press, checked: the task it starts and the deliverable it starts from */
  followUp?: FollowUp;
}

/**
 * Load: stores the user's message before any model is called, and reads the conversation (the user's
 * own, else 404), its history, its current task's deliverable and the registry — one statement, and a
 * second only when the registry changed since this process last read it. A follow-up action's press is
 * checked first (one more read), so a refused one stores nothing.
 */
export async function loadTurn(userId: string, request: ChatRequest): Promise<Turn> {
  // a press that cannot be honoured is refused before anything is stored
  const followUp = request.action ? await resolveFollowUp(userId, request.conversationId, request.action) : undefined;
  const opened = await openTurn({ userId, conversationId: request.conversationId, idempotencyKey: request.messageId, text: request.text });
  const answered = opened.answeredId !== null;
  // an answered retry searches nothing: it calls no model, the embedding model included
  const learningQuery = answered ? Promise.resolve(null) : rareWordQueryOf(opened.lexemes);
  learningQuery.catch(() => {}); // awaited where it is used; a failure surfaces there
  // after the message is stored: an embedding model is a model too
  const semantic = semanticRetrieval(request.text, answered ? { slot: null } : {});
  const tasks = await enabledTasksAt(opened.registryVersion);
  // cached; read only when the registry is larger than a shortlist
  const recentlyChosen = tasks.length > settings().ROUTER_SHORTLIST_SIZE ? await recentlyChosenTasks() : [];
  const currentTaskId = opened.conversation.currentTaskId;
  const previous = tasks.find((t) => t.id === currentTaskId) ?? null;
  const dropped = currentTaskId && !previous ? await taskNameForHistory(currentTaskId) : null;
  const history = opened.history.filter((m) => m.content.trim());
  return {
    request,
    userId,
    conversationId: opened.conversation.id,
    userMessageId: opened.message.id,
    answeredId: opened.answeredId,
    tasks,
    previous,
    previousVersion: previous && opened.currentVersion,
    history: history.map((m) => ({ role: m.role, content: m.role === "assistant" ? answerForHistory(m.content) : m.content })),
    recentUserText: history
      .filter((m) => m.role === "user")
      .slice(-2)
      .map((m) => m.content)
      .join(" "),
    learningQuery,
    semantic,
    recentlyChosen,
    notice: dropped ? { key: "turn.taskUnavailable", values: { task: dropped } } : undefined,
    followUp,
  };
}
