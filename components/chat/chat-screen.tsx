import type { chatPageData } from "@/lib/chat";
import { ChatView } from "./chat-view";

/** The chat page's body for a new or an existing conversation. */
export function ChatScreen({ data }: { data: Awaited<ReturnType<typeof chatPageData>> }) {
  return (
    <ChatView
      key={data.initial?.conversation.id ?? "new"}
      initial={data.initial}
      votes={data.votes}
      conversations={data.conversations}
      tasks={data.tasks}
      brokenSlots={data.brokenSlots}
    />
  );
}
