import { splitAnswer } from "@/lib/executor/deliverable-format";
import type { ChatUIMessage, DeliverableVersionView, RoutingEvent } from "@/lib/chat/types";
import { FeedbackButtons, type FeedbackProps } from "./feedback-buttons";
import { Markdown } from "./markdown";
import { RoutingChip } from "./routing-chip";

interface Props {
  message: ChatUIMessage;
  streaming: boolean;
  stopped: boolean;
  onOpenDeliverable(deliverableId: string): void;
  /** absent while the answer is still streaming */
  feedback?: FeedbackProps;
}

export function MessageView({ message, streaming, stopped, onOpenDeliverable, feedback }: Props) {
  const text = message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
  if (message.role === "user") {
    return (
      <li className="flex justify-end">
        <div data-testid="user-message" className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-indigo-600 px-4 py-2 text-white">
          {text}
        </div>
      </li>
    );
  }
  const routing = message.parts.find((p) => p.type === "data-routing")?.data as RoutingEvent | undefined;
  const versions = message.parts.filter((p) => p.type === "data-deliverable").map((p) => p.data as DeliverableVersionView);
  const status = stopped ? "stopped" : message.metadata?.status;
  const segments = splitAnswer(text);
  let deliverableIndex = 0;
  return (
    <li className="flex flex-col gap-2" data-testid="assistant-message">
      <div className="max-w-full break-words">
        {segments.map((segment, i) => {
          if (segment.kind === "text") return <Markdown key={i} text={segment.text} />;
          const saved = segment.complete ? versions[deliverableIndex++] : undefined;
          return (
            <div key={i} className="my-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-700">
              <p className="text-sm font-medium">📄 {segment.title || "Deliverable"}</p>
              {saved ? (
                <button
                  type="button"
                  className="mt-1 min-h-11 text-sm text-indigo-600 underline"
                  onClick={() => onOpenDeliverable(saved.deliverableId)}
                >
                  Version {saved.version} saved — open
                </button>
              ) : (
                <p className="mt-1 line-clamp-3 text-sm text-zinc-500">{segment.complete ? segment.body : `Writing… ${segment.body.slice(-160)}`}</p>
              )}
            </div>
          );
        })}
        {!text && streaming && <p className="animate-pulse text-sm text-zinc-500">Thinking…</p>}
      </div>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        {routing && (
          <div className="flex items-center gap-1">
            <RoutingChip event={routing} />
            {feedback && routing.decisionId && (
              <FeedbackButtons
                type="decision"
                id={routing.decisionId}
                label="task choice"
                feedback={feedback}
              />
            )}
          </div>
        )}
        {status === "stopped" && <span className="self-center text-xs text-zinc-500">Stopped</span>}
        {status === "failed" && <span className="self-center text-xs text-red-600">Answer interrupted</span>}
        {feedback && text && (
          <FeedbackButtons
            type="message"
            id={message.id}
            label="answer"
            feedback={feedback}
          />
        )}
      </div>
    </li>
  );
}
