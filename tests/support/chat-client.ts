import { randomUUID } from "node:crypto";
import type { ChatRequestBody, ChatUIMessage, DeliverableVersionView, DeliverableView, RoutingEvent } from "@/lib/chat/types";
import type { HttpClient } from "./http-client";

/** One chunk of the AI SDK UI message stream, as the browser receives it. */
export interface UiChunk {
  type: string;
  [key: string]: unknown;
}

/** What one POST /api/chat answered: the collected stream, or the JSON error when it was refused. */
export interface TurnResult {
  status: number;
  /** the JSON body of a refused request (4xx/5xx before streaming) */
  error?: { code: string; message: string; fields?: Record<string, string[]> };
  chunks: UiChunk[];
  routing?: RoutingEvent;
  /** every text-delta, concatenated in order */
  text: string;
  deliverables: DeliverableVersionView[];
  /** the errorText of an error chunk, when there is one */
  errorText?: string;
  finish?: UiChunk;
  /** true when the stream ended with `data: [DONE]` */
  done: boolean;
}

/** Parses a UI message stream (server-sent events, one `data: {json}` line per chunk). */
export function parseUiMessageStream(raw: string): Omit<TurnResult, "status" | "error"> {
  const result: Omit<TurnResult, "status" | "error"> = { chunks: [], text: "", deliverables: [], done: false };
  for (const line of raw.split(/\r?\n/)) {
    if (!line.startsWith("data:")) continue;
    const payload = line.slice(5).trim();
    if (payload === "[DONE]") {
      result.done = true;
      continue;
    }
    const chunk = JSON.parse(payload) as UiChunk;
    result.chunks.push(chunk);
    switch (chunk.type) {
      case "data-routing":
        result.routing = chunk.data as RoutingEvent;
        break;
      case "text-delta":
        result.text += chunk.delta as string;
        break;
      case "data-deliverable":
        result.deliverables.push(chunk.data as DeliverableVersionView);
        break;
      case "error":
        result.errorText = chunk.errorText as string;
        break;
      case "finish":
        result.finish = chunk;
        break;
    }
  }
  return result;
}

/** Posts one user turn to /api/chat and reads the whole streamed answer. */
export async function sendTurn(
  client: HttpClient,
  body: Omit<ChatRequestBody, "messageId"> & { messageId?: string },
): Promise<TurnResult & { messageId: string }> {
  const messageId = body.messageId ?? randomUUID();
  const response = await client.post("/api/chat", { ...body, messageId });
  const raw = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  if (!response.ok || !contentType.includes("text/event-stream")) {
    let error: TurnResult["error"];
    try {
      error = JSON.parse(raw);
    } catch {
      error = { code: "unparsed", message: raw.slice(0, 500) };
    }
    return { status: response.status, error, chunks: [], text: "", deliverables: [], done: false, messageId };
  }
  return { status: response.status, messageId, ...parseUiMessageStream(raw) };
}

export interface ConversationView {
  conversation: { id: string; title: string; updatedAt: string; currentTask: { slug: string; name: string; icon: string | null } | null };
  messages: ChatUIMessage[];
  deliverables: DeliverableView[];
}

export async function createConversation(client: HttpClient, title?: string): Promise<string> {
  const response = await client.post("/api/conversations", title ? { title } : {});
  if (response.status !== 201) throw new Error(`creating a conversation answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { conversation: { id: string } }).conversation.id;
}

export async function getConversation(client: HttpClient, id: string): Promise<ConversationView> {
  const response = await client.get(`/api/conversations/${id}`);
  if (response.status !== 200) throw new Error(`GET conversation answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ConversationView;
}

/** The text of a UI message (its text parts joined). */
export function textOf(message: ChatUIMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

/** The routing chip stored with each assistant message, in order (undefined where there is none). */
export function routingsOf(view: ConversationView): (RoutingEvent | undefined)[] {
  return view.messages
    .filter((m) => m.role === "assistant")
    .map((m) => (m.parts.find((p) => p.type === "data-routing") as { data: RoutingEvent } | undefined)?.data);
}
