"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type {
  ChatRequestBody,
  ChatUIMessage,
  ConversationSummary,
  DeliverableVersionView,
  DeliverableView,
  RoutingEvent,
  TaskRef,
  VoteView,
} from "@/lib/chat/types";
import { voteKey } from "@/lib/chat/types";
import { Composer } from "./composer";
import { ConversationList } from "./conversation-list";
import { DeliverablePanel } from "./deliverable-panel";
import { MessageView } from "./message-view";

interface Props {
  initial: { conversation: ConversationSummary; messages: ChatUIMessage[]; deliverables: DeliverableView[] } | null;
  /** the user's own votes in this conversation */
  votes: VoteView[];
  conversations: ConversationSummary[];
  tasks: TaskRef[];
  /** shown when there are no messages yet */
  emptyState: ReactNode;
  /** set when no model can answer; sending is disabled */
  modelProblem: string | null;
}

/** The server's error body is JSON with a message; stream errors are plain text. */
function readableError(error: Error): string {
  try {
    return (JSON.parse(error.message) as { message?: string }).message ?? error.message;
  } catch {
    return error.message || "Something went wrong.";
  }
}

export function ChatView({ initial, votes: initialVotes, conversations: initialConversations, tasks, emptyState, modelProblem }: Props) {
  const [chatId] = useState(() => initial?.conversation.id ?? crypto.randomUUID());
  const conversationId = useRef<string | null>(initial?.conversation.id ?? null);
  const [conversations, setConversations] = useState(initialConversations);
  const [deliverables, setDeliverables] = useState<DeliverableView[]>(initial?.deliverables ?? []);
  const [activeDeliverable, setActiveDeliverable] = useState<string | null>(initial?.deliverables[0]?.id ?? null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [stopped, setStopped] = useState<Set<string>>(new Set());
  const [createError, setCreateError] = useState<string | null>(null);
  const [votes, setVotes] = useState(() => new Map(initialVotes.map((v) => [voteKey(v.target.type, v.target.id), v])));
  const feedback = {
    tasks,
    votes,
    onVote(key: string, vote: VoteView | null) {
      setVotes((map) => {
        const next = new Map(map);
        if (vote) next.set(key, vote);
        else next.delete(key);
        return next;
      });
    },
  };
  const lastRouting = useRef<RoutingEvent | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest({ messages, body }) {
          const last = messages.findLast((m) => m.role === "user")!;
          const payload: ChatRequestBody = {
            conversationId: conversationId.current!,
            messageId: last.id,
            text: last.parts.map((p) => (p.type === "text" ? p.text : "")).join(""),
            taskSlug: (body as { taskSlug?: string } | undefined)?.taskSlug,
          };
          return { body: payload };
        },
      }),
    [],
  );

  const { messages, sendMessage, status, stop, regenerate, error } = useChat<ChatUIMessage>({
    id: chatId,
    messages: initial?.messages ?? [],
    transport,
    onData(part) {
      if (part.type === "data-routing") lastRouting.current = part.data;
      if (part.type === "data-deliverable") addVersion(part.data, lastRouting.current?.task ?? null);
    },
    onFinish() {
      // the server titled the conversation and moved it to the top: show its list as it is now
      void fetch("/api/conversations")
        .then((response) => (response.ok ? response.json() : null))
        .then((body: { conversations: ConversationSummary[] } | null) => body && setConversations(body.conversations))
        .catch(() => {});
    },
  });
  const busy = status === "submitted" || status === "streaming";

  function addVersion(version: DeliverableVersionView, task: TaskRef | null) {
    setDeliverables((list) => {
      const existing = list.find((d) => d.id === version.deliverableId);
      if (existing) {
        if (existing.versions.some((v) => v.versionId === version.versionId)) return list;
        const updated = { ...existing, versions: [...existing.versions, version] };
        return [updated, ...list.filter((d) => d.id !== version.deliverableId)];
      }
      return [{ id: version.deliverableId, kind: "", task, versions: [version] }, ...list];
    });
    setActiveDeliverable(version.deliverableId);
  }

  // Escape closes the drawer and the sheet, as it would any dialog
  useEffect(() => {
    if (!drawerOpen && !sheetOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setDrawerOpen(false);
      setSheetOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [drawerOpen, sheetOpen]);

  // keep the newest message in view while it streams, unless the user scrolled up to read
  useEffect(() => {
    const el = scroller.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 200) el.scrollTop = el.scrollHeight;
  }, [messages]);

  async function send(text: string, taskSlug?: string): Promise<boolean> {
    setCreateError(null);
    if (!conversationId.current) {
      const response = await fetch("/api/conversations", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
      if (!response?.ok) {
        setCreateError("Could not start a conversation. Check your connection; your text is still in the box.");
        return false;
      }
      const { conversation } = (await response.json()) as { conversation: ConversationSummary };
      conversationId.current = conversation.id;
      setConversations((list) => [conversation, ...list]);
      window.history.replaceState(null, "", `/c/${conversation.id}`);
    }
    void sendMessage({ text }, { body: { taskSlug } });
    return true;
  }

  function stopAnswer() {
    const last = messages.at(-1);
    if (last?.role === "assistant") setStopped((set) => new Set(set).add(last.id));
    void stop();
  }

  function openDeliverable(id: string) {
    setActiveDeliverable(id);
    setSheetOpen(true);
  }

  const panel = (onClose?: () => void) => (
    <DeliverablePanel
      deliverables={deliverables}
      activeId={activeDeliverable}
      onSelect={setActiveDeliverable}
      onSaved={(version) => addVersion(version, deliverables.find((d) => d.id === version.deliverableId)?.task ?? null)}
      feedback={feedback}
      onClose={onClose}
    />
  );
  const list = (onNavigate?: () => void) => (
    <ConversationList conversations={conversations} activeId={conversationId.current} onChanged={setConversations} onNavigate={onNavigate} />
  );

  return (
    <div className="flex h-full min-h-0">
      <div className="hidden w-72 shrink-0 border-r border-zinc-200 md:block dark:border-zinc-800">{list()}</div>

      {drawerOpen && (
        <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true" aria-label="Conversations">
          <div aria-hidden="true" className="absolute inset-0 bg-black/40" onClick={() => setDrawerOpen(false)} />
          <div className="absolute inset-y-0 left-0 flex w-[85%] max-w-xs flex-col bg-white shadow-xl dark:bg-zinc-950">
            <div className="flex justify-end px-2 pt-2">
              <Button variant="ghost" aria-label="Close conversations" onClick={() => setDrawerOpen(false)}>
                ✕
              </Button>
            </div>
            <div className="min-h-0 flex-1">{list(() => setDrawerOpen(false))}</div>
          </div>
        </div>
      )}

      <section className="flex min-w-0 flex-1 flex-col" aria-label="Chat">
        <div className="flex items-center gap-2 border-b border-zinc-200 px-2 py-1 md:hidden dark:border-zinc-800">
          <Button variant="ghost" onClick={() => setDrawerOpen(true)} aria-label="Open conversations">
            ☰
          </Button>
          <span className="min-w-0 flex-1 truncate text-sm font-medium">
            {conversations.find((c) => c.id === conversationId.current)?.title ?? "New conversation"}
          </span>
          {deliverables.length > 0 && (
            <Button variant="secondary" className="lg:hidden" onClick={() => setSheetOpen(true)}>
              Deliverable
            </Button>
          )}
        </div>
        {deliverables.length > 0 && (
          <div className="hidden justify-end border-b border-zinc-200 px-2 py-1 md:flex lg:hidden dark:border-zinc-800">
            <Button variant="secondary" onClick={() => setSheetOpen(true)}>
              Deliverable
            </Button>
          </div>
        )}

        <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto overflow-x-hidden px-4">
          {messages.length === 0 ? (
            emptyState
          ) : (
            <ol className="mx-auto flex max-w-3xl flex-col gap-5 py-4" aria-label="Messages" aria-live="polite">
              {messages.map((message, i) => (
                <MessageView
                  key={message.id}
                  message={message}
                  streaming={busy && i === messages.length - 1}
                  stopped={stopped.has(message.id)}
                  onOpenDeliverable={openDeliverable}
                  feedback={busy && i === messages.length - 1 ? undefined : feedback}
                />
              ))}
              {status === "submitted" && messages.at(-1)?.role === "user" && (
                <li className="animate-pulse text-sm text-zinc-500" aria-label="Working">
                  Working out the task…
                </li>
              )}
            </ol>
          )}
          {(error || createError) && (
            <div role="alert" className="mx-auto mb-4 flex max-w-3xl flex-wrap items-center gap-3 rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
              <span className="flex-1">{createError ?? readableError(error!)}</span>
              {error && (
                <Button variant="secondary" onClick={() => void regenerate()}>
                  Retry
                </Button>
              )}
            </div>
          )}
        </div>

        {modelProblem && messages.length > 0 && (
          <p role="status" className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            {modelProblem}
          </p>
        )}
        <Composer tasks={tasks} busy={busy} disabled={!!modelProblem} onSend={send} onStop={stopAnswer} />
      </section>

      {deliverables.length > 0 && (
        <div className="hidden w-[28rem] shrink-0 border-l border-zinc-200 lg:block dark:border-zinc-800">{panel()}</div>
      )}
      {sheetOpen && (
        <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Deliverable">
          <div aria-hidden="true" className="absolute inset-0 bg-black/40" onClick={() => setSheetOpen(false)} />
          <div className="absolute inset-x-0 bottom-0 h-[85dvh] overflow-hidden rounded-t-2xl bg-white shadow-xl dark:bg-zinc-950">
            {panel(() => setSheetOpen(false))}
          </div>
        </div>
      )}
    </div>
  );
}
