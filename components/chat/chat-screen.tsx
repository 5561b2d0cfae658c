import type { chatPageData } from "@/lib/chat";
import { ChatView } from "./chat-view";
import { EmptyChat } from "./empty-chat";
import { ModelSetupNotice } from "./model-setup-notice";

/** The chat page's body for a new or an existing conversation. */
export function ChatScreen({ data }: { data: Awaited<ReturnType<typeof chatPageData>> }) {
  return (
    <ChatView
      key={data.initial?.conversation.id ?? "new"}
      initial={data.initial}
      votes={data.votes}
      conversations={data.conversations}
      tasks={data.tasks.map((t) => ({ slug: t.slug, name: t.name, icon: t.icon }))}
      modelProblem={data.modelProblem}
      emptyState={
        <div className="mx-auto max-w-3xl py-4">
          <ModelSetupNotice slots={data.slots} />
          <EmptyChat tasks={data.tasks} />
        </div>
      }
    />
  );
}
