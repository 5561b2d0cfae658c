"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { ArrowDown, FileText, Loader2, PanelLeft, RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useStickToBottom } from "use-stick-to-bottom";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { IconButton } from "@/components/ui/icon-button";
import { Notice } from "@/components/ui/notice";
import type {
  BrokenSlot,
  ChatRequestBody,
  ChatUIMessage,
  ConversationSummary,
  DeliverableVersionView,
  DeliverableView,
  LocalizedTask,
  RoutingEvent,
  TaskRef,
  VoteView,
} from "@/lib/chat/types";
import { voteKey } from "@/lib/chat/types";
import { ChatTasksProvider } from "./chat-tasks";
import { Composer } from "./composer";
import { ConversationList } from "./conversation-list";
import { DeliverablePanel } from "./deliverable-panel";
import { EmptyChat } from "./empty-chat";
import type { FollowUpPress } from "./follow-up-actions";
import { MessageView } from "./message-view";
import { ModelSetupNotice } from "./model-setup-notice";

interface Props {
  initial: { conversation: ConversationSummary; messages: ChatUIMessage[]; deliverables: DeliverableView[] } | null;
  /** the user's own votes in this conversation */
  votes: VoteView[];
  conversations: ConversationSummary[];
  /** the enabled tasks in the reader's language */
  tasks: LocalizedTask[];
  /** model slots that cannot answer: sending is disabled while there is one */
  brokenSlots: BrokenSlot[];
}

/** The server's error body is JSON with a message; stream errors are plain text. */
function readableError(error: Error): string | null {
  try {
    return (JSON.parse(error.message) as { message?: string }).message ?? null;
  } catch {
    return error.message || null;
  }
}

/** Whether a media query matches (Tailwind's md and lg widths below); false while rendering on the server. */
function useMediaQuery(media: string) {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(media);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(media).matches,
    () => false,
  );
}

async function createConversation(): Promise<ConversationSummary | null> {
  try {
    const response = await fetch("/api/conversations", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    return response.ok ? ((await response.json()) as { conversation: ConversationSummary }).conversation : null;
  } catch {
    return null;
  }
}

/**
 * A sheet takes the focus itself rather than its first button: that is a close button, whose tooltip
 * would pop up at once and take the first Escape. Tab reaches the controls from there.
 */
function focusSheet(event: Event) {
  event.preventDefault();
  (event.currentTarget as HTMLElement).focus();
}

export function ChatView({ initial, votes: initialVotes, conversations: initialConversations, tasks, brokenSlots }: Props) {
  const t = useTranslations("chat");
  const [chatId] = useState(() => initial?.conversation.id ?? crypto.randomUUID());
  const conversationId = useRef<string | null>(initial?.conversation.id ?? null);
  const [conversations, setConversations] = useState(initialConversations);
  const [deliverables, setDeliverables] = useState<DeliverableView[]>(initial?.deliverables ?? []);
  const [activeDeliverable, setActiveDeliverable] = useState<string | null>(initial?.deliverables[0]?.id ?? null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [stopped, setStopped] = useState<Set<string>>(new Set());
  const [createError, setCreateError] = useState<string | null>(null);
  const [answered, setAnswered] = useState(false);
  // the first message creates the conversation: until it exists, a second Enter must not create another
  const [starting, setStarting] = useState(false);
  const [taskChoice, setTaskChoice] = useState("");
  const composerInput = useRef<HTMLTextAreaElement>(null);
  // the list is a sidebar from md and the deliverable a column from lg; below, each opens as a sheet
  const md = useMediaQuery("(min-width: 768px)");
  const lg = useMediaQuery("(min-width: 1024px)");
  const modelProblem = brokenSlots[0]?.problem ?? null;
  const [votes, setVotes] = useState(() => new Map(initialVotes.map((v) => [voteKey(v.target.type, v.target.id), v])));
  const feedback = {
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
  // what the last message was sent with (a task choice, a follow-up action): a retry sends it again
  const lastChoice = useRef<Pick<ChatRequestBody, "taskSlug" | "action">>({});
  // opens at the newest message and follows the answer while it streams, until the reader scrolls up;
  // instant rather than the spring: a spring trails fast streaming by several lines
  const { scrollRef, contentRef, isAtBottom, scrollToBottom } = useStickToBottom({ initial: "instant", resize: "instant" });

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
            taskSlug: (body as ChatRequestBody | undefined)?.taskSlug,
            action: (body as ChatRequestBody | undefined)?.action,
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
      setAnswered(true);
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
      return [{ id: version.deliverableId, kind: version.kind ?? "", task, versions: [version] }, ...list];
    });
    setActiveDeliverable(version.deliverableId);
  }

  async function send(text: string, taskSlug?: string, action?: ChatRequestBody["action"]): Promise<boolean> {
    setCreateError(null);
    setAnswered(false);
    if (!conversationId.current) {
      if (starting) return false;
      setStarting(true);
      const conversation = await createConversation();
      setStarting(false);
      if (!conversation) {
        setCreateError(t("screen.startFailed"));
        return false;
      }
      conversationId.current = conversation.id;
      setConversations((list) => [conversation, ...list]);
      window.history.replaceState(null, "", `/c/${conversation.id}`);
    }
    lastChoice.current = { taskSlug, action };
    void sendMessage({ text }, { body: lastChoice.current });
    // whoever sends wants to see the answer, even after scrolling up to read
    void scrollToBottom();
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

  /** A follow-up button: its label is the user's message, and its task starts from the version it was under. */
  function pressFollowUp({ label, versionId, targetSlug }: FollowUpPress) {
    setSheetOpen(false);
    void send(label, undefined, { versionId, targetSlug });
  }
  const followUp = { onPress: pressFollowUp, disabled: busy || starting || !!modelProblem };
  const latestVersionIds = new Set(deliverables.flatMap((d) => d.versions.at(-1)?.versionId ?? []));

  function pickTask(slug: string) {
    setTaskChoice(slug);
    composerInput.current?.focus();
  }

  const panel = (onClose?: () => void) => (
    <DeliverablePanel
      deliverables={deliverables}
      activeId={activeDeliverable}
      onSelect={setActiveDeliverable}
      onSaved={(version) => addVersion(version, deliverables.find((d) => d.id === version.deliverableId)?.task ?? null)}
      feedback={feedback}
      followUp={followUp}
      onClose={onClose}
    />
  );
  const list = (onNavigate?: () => void) => (
    <ConversationList conversations={conversations} activeId={conversationId.current} onChanged={setConversations} onNavigate={onNavigate} />
  );
  const title = conversations.find((c) => c.id === conversationId.current)?.title ?? t("screen.newConversation");
  const failure = createError ?? (error ? (readableError(error) ?? t("screen.failed")) : null);

  return (
    <ChatTasksProvider value={tasks}>
      <div className="flex h-full min-h-0">
        <div className="hidden w-72 shrink-0 border-r border-border bg-surface md:block">{list()}</div>
        <Dialog open={drawerOpen && !md} onOpenChange={setDrawerOpen}>
          <DialogContent side="left" title={t("screen.conversations")} closeLabel={t("screen.closeConversations")} onOpenAutoFocus={focusSheet}>
            <div className="min-h-0 flex-1">{list(() => setDrawerOpen(false))}</div>
          </DialogContent>
        </Dialog>

        <section className="flex min-w-0 flex-1 flex-col" aria-label={t("screen.label")}>
          <div className="flex h-12 shrink-0 items-center gap-2 border-b border-border px-2 sm:px-4">
            <IconButton label={t("screen.openConversations")} tooltipSide="right" className="md:hidden" onClick={() => setDrawerOpen(true)}>
              <PanelLeft />
            </IconButton>
            {messages.length > 0 ? (
              <h1 className="min-w-0 flex-1 truncate text-sm font-medium">{title}</h1>
            ) : (
              <p className="min-w-0 flex-1 truncate text-sm font-medium">{title}</p>
            )}
            {deliverables.length > 0 && (
              <Button variant="secondary" size="sm" className="pointer-coarse:min-h-11 lg:hidden" onClick={() => setSheetOpen(true)}>
                <FileText aria-hidden="true" />
                {t("screen.openDeliverable")}
              </Button>
            )}
          </div>

          <div className="relative flex min-h-0 flex-1 flex-col">
            {messages.length === 0 ? (
              // the first screen reads from the top; it scrolls on its own when it is taller than the screen
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
              <section className="min-h-0 flex-1 overflow-y-auto" tabIndex={0} aria-label={t("screen.conversation")}>
                <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6 sm:py-10">
                  <ModelSetupNotice brokenSlots={brokenSlots} />
                  <EmptyChat chosen={taskChoice} onPickTask={pickTask} />
                  {createError && <Notice tone="danger">{createError}</Notice>}
                </div>
              </section>
            ) : (
              // overflow on both axes: the stick-to-bottom hook recognises its scroller by `overflow: auto`
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
              <section ref={scrollRef} className="min-h-0 flex-1 overflow-auto" tabIndex={0} aria-label={t("screen.conversation")}>
                <div ref={contentRef} className="mx-auto max-w-3xl px-4 py-6">
                  <ol className="flex flex-col gap-6" aria-label={t("screen.messages")}>
                    {messages.map((message, i) => (
                      <MessageView
                        key={message.id}
                        message={message}
                        streaming={busy && i === messages.length - 1}
                        stopped={stopped.has(message.id)}
                        onOpenDeliverable={openDeliverable}
                        feedback={busy && i === messages.length - 1 ? undefined : feedback}
                        followUp={{ ...followUp, latestVersionIds }}
                      />
                    ))}
                    {status === "submitted" && messages.at(-1)?.role === "user" && (
                      <li className="flex items-center gap-2 text-sm text-muted-foreground">
                        <Loader2 aria-hidden="true" className="size-4 animate-spin" />
                        {t("screen.routing")}
                      </li>
                    )}
                  </ol>
                  {failure && (
                    <Notice tone="danger" className="mt-6 items-center">
                      <div className="flex flex-wrap items-center gap-3">
                        <span className="min-w-0 flex-1">{failure}</span>
                        {error && (
                          <Button variant="secondary" size="sm" onClick={() => void regenerate({ body: lastChoice.current })}>
                            <RotateCcw aria-hidden="true" />
                            {t("screen.retry")}
                          </Button>
                        )}
                      </div>
                    </Notice>
                  )}
                </div>
              </section>
            )}
            {messages.length > 0 && !isAtBottom && (
              <Button
                variant="secondary"
                size="sm"
                className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md pointer-coarse:min-h-11"
                onClick={() => void scrollToBottom()}
              >
                <ArrowDown aria-hidden="true" />
                {t("screen.jumpToLatest")}
              </Button>
            )}
          </div>

          <p role="status" className="sr-only">
            {busy ? t("screen.answering") : answered ? t("screen.answered") : ""}
          </p>
          {modelProblem && messages.length > 0 && (
            <Notice tone="warning" className="mx-auto mb-1 w-[calc(100%-1.5rem)] max-w-3xl">
              {t("screen.modelProblem", { problem: modelProblem })}
            </Notice>
          )}
          <Composer
            taskChoice={taskChoice}
            onTaskChoice={setTaskChoice}
            busy={busy}
            disabled={!!modelProblem || starting}
            onSend={send}
            onStop={stopAnswer}
            textareaRef={composerInput}
          />
        </section>

        {deliverables.length > 0 && <div className="hidden w-[26rem] shrink-0 border-l border-border lg:block xl:w-[30rem]">{panel()}</div>}
        <Dialog open={sheetOpen && !lg} onOpenChange={setSheetOpen}>
          <DialogContent
            side={md ? "right" : "bottom"}
            title={t("deliverable.label")}
            hideTitle
            closeLabel={t("deliverable.close")}
            onOpenAutoFocus={focusSheet}
          >
            {panel(() => setSheetOpen(false))}
          </DialogContent>
        </Dialog>
      </div>
    </ChatTasksProvider>
  );
}
