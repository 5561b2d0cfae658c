import { createUIMessageStream, createUIMessageStreamResponse, type InferUIMessageChunk } from "ai";
import type { PublicUser } from "@/lib/auth";
import { isDatabaseUnreachable } from "@/lib/http";
import { errorText, type Locale } from "@/lib/i18n";
import { type ChatRequest, startTurn, type TurnEvent, type TurnOptions } from "./turn";
import type { ChatUIMessage } from "./types";

/**
 * The web channel's turn: the turn's events as the AI SDK's UI message stream, its texts in the
 * reader's language. A message the turn refuses outright (404, database down, no model) throws, for
 * route() to answer as a JSON error.
 */
export async function runTurn(user: PublicUser, request: ChatRequest, options: TurnOptions & { locale: Locale }): Promise<Response> {
  const turn = await startTurn(user.id, request, options);
  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      let textId = "text";
      await turn.answer((event) => {
        if (event.type === "start") textId = `text-${event.messageId}`;
        for (const chunk of uiChunks(event, textId, options.locale)) {
          try {
            writer.write(chunk);
          } catch {
            // the browser went away (stop or closed tab): keep going so the turn is still saved
          }
        }
      });
    },
    onError: (error) => {
      // the kind of failure only: messages can hold user content
      console.error("turn failed", error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error);
      return turnFailureText(error, options.locale);
    },
  });
  return createUIMessageStreamResponse({ stream });
}

/** The stream's error part for a turn that threw: a database that is down or busy asks for a Retry, as the 503 does. */
export function turnFailureText(error: unknown, locale: Locale): string {
  return errorText(locale, { key: isDatabaseUnreachable(error) ? "turn.databaseUnreachable" : "turn.failed" });
}

function uiChunks(event: TurnEvent, textId: string, locale: Locale): InferUIMessageChunk<ChatUIMessage>[] {
  switch (event.type) {
    case "start":
      return [{ type: "start", messageId: event.messageId }];
    case "routing": {
      const { notice, ...routing } = event.routing;
      return [{ type: "data-routing", id: "routing", data: { ...routing, notice: notice && errorText(locale, notice) } }];
    }
    case "text-start":
    case "text-end":
      return [{ type: event.type, id: textId }];
    case "text-delta":
      return [{ type: "text-delta", id: textId, delta: event.delta }];
    case "deliverable":
      return [{ type: "data-deliverable", id: event.version.versionId, data: event.version }];
    case "check":
      // one part per answer, updated in place as the check goes on
      return [{ type: "data-check", id: "check", data: event.check }];
    case "finish":
      return [
        ...(event.error
          ? [{ type: "error" as const, errorText: errorText(locale, { key: "turn.answerFailed", values: { reason: errorText(locale, event.error) } }) }]
          : []),
        { type: "finish", messageMetadata: { status: event.status, createdAt: event.createdAt.toISOString() } },
      ];
  }
}
