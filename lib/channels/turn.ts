import { type ChatRequest, type DeliverableVersionView, startTurn, type TurnRouting } from "@/lib/chat";
import { splitAnswer } from "@/lib/executor";
import type { CatalogMessage } from "@/lib/i18n";

/** A finished turn as a channel posts it: the routing, the answer's text, the deliverable version it wrote. */
export interface ChannelReply {
  answerId: string | null;
  routing: TurnRouting | null;
  /** the answer without its deliverable block (the deliverable is posted on its own, formatted) */
  text: string;
  version: DeliverableVersionView | null;
  status: "complete" | "stopped" | "failed";
  error?: CatalogMessage;
}

/** How long a channel's turn may take before it is stopped (the platform already has its 200). */
const CHANNEL_TURN_TIMEOUT_MS = 5 * 60_000;

/**
 * One message from a channel through the same turn pipeline as the web: saving, routing, execution and
 * learnings happen there; this only gathers the turn's events into what the channel posts once.
 */
export async function runChannelTurn(userId: string, request: ChatRequest): Promise<ChannelReply> {
  const turn = await startTurn(userId, request, { signal: AbortSignal.timeout(CHANNEL_TURN_TIMEOUT_MS) });
  const reply: ChannelReply = { answerId: null, routing: null, text: "", version: null, status: "failed" };
  let answer = "";
  await turn.answer((event) => {
    switch (event.type) {
      case "start":
        reply.answerId = event.messageId;
        break;
      case "routing":
        reply.routing = event.routing;
        break;
      case "text-delta":
        answer += event.delta;
        break;
      case "check":
        // a revised answer replaces the streamed one
        if (event.check.state === "done" && event.check.answer) answer = event.check.answer;
        break;
      case "deliverable":
        reply.version = event.version;
        break;
      case "finish":
        reply.status = event.status;
        reply.error = event.error;
        break;
    }
  });
  reply.text = splitAnswer(answer)
    .flatMap((segment) => (segment.kind === "text" && segment.text.trim() ? [segment.text.trim()] : []))
    .join("\n\n");
  return reply;
}
