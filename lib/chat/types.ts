// Shapes shared by the server and the browser. No server-only imports here (types only).
import type { UIMessage } from "ai";
import type { SlotStatus } from "@/lib/ai";
import type { DeliverableVersionView, VersionCheckName } from "@/lib/executor/types";
import type { RoutingActionName } from "@/lib/router/decide";
import type { TaskRef } from "@/lib/tasks/schema";

// the shapes of the rooms below that the chat's messages carry
export type { DeliverableVersionView, DeliverableView, VersionCheckName } from "@/lib/executor/types";
export type { RoutingActionName } from "@/lib/router/decide";
export type { TaskRef } from "@/lib/tasks/schema";

/** An enabled task as the reader sees it: name and description in their language (never the router's text). */
export interface LocalizedTask extends TaskRef {
  description: string;
  /** the buttons under its finished deliverables: labels in the reader's language, enabled target tasks only */
  followUpActions: { label: string; targetSlug: string }[];
}

/** What the router (or the user's explicit choice) decided for one user turn; shown as the chip. */
export interface RoutingEvent {
  decisionId: string | null;
  action: RoutingActionName;
  /** router: the router model; user: the picker or a /slug command; action: a follow-up action's button */
  source: "router" | "user" | "action";
  task: TaskRef | null;
  previousTask: TaskRef | null;
  /** a short notice for the user, e.g. that the current task was disabled */
  notice?: string;
}

export interface ChatMessageMetadata {
  status?: "complete" | "stopped" | "failed";
  createdAt?: string;
}

/**
 * The quality check's progress on an answer's deliverable (issue 15): checking, revising (with what was
 * missing), done; a revised answer replaces the streamed text.
 */
export type CheckState = { state: "checking" } | { state: "revising"; missing: string[] } | { state: "done"; check: VersionCheckName; answer?: string };

export type ChatDataParts = {
  routing: RoutingEvent;
  deliverable: DeliverableVersionView;
  check: CheckState;
};

export type ChatUIMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: string;
  currentTask: TaskRef | null;
  /** where it happens: the web app, or a linked Slack or Telegram thread (issue 17) */
  channel: "web" | "slack" | "telegram";
}

/** Body of POST /api/chat: only the new message; the server holds the history. */
export interface ChatRequestBody {
  conversationId: string;
  /** the client's id for this message, also its idempotency key: a retry never stores it twice */
  messageId: string;
  text: string;
  /** an explicit task choice from the picker; overrides the router for this turn */
  taskSlug?: string;
  /** a follow-up action's button: starts its task with this deliverable version as context (text is its label) */
  action?: FollowUpRequest;
}

/** Which follow-up action was pressed: under which deliverable version, starting which task. */
export interface FollowUpRequest {
  versionId: string;
  targetSlug: string;
}

export const MAX_MESSAGE_CHARS = 20_000;

export type FeedbackTargetType = "message" | "decision" | "version";

export interface VoteView {
  target: { type: FeedbackTargetType; id: string };
  rating: "up" | "down";
  comment: string | null;
  correction: string | null;
}

export const voteKey = (type: FeedbackTargetType, id: string) => `${type}:${id}`;

/** A model slot that cannot answer, with what to set in the reader's language. */
export type BrokenSlot = Omit<SlotStatus, "problem"> & { problem: string };
