"use client";

import { Copy, FileText, Loader2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { IconButton } from "@/components/ui/icon-button";
import { toast } from "@/components/ui/toaster";
import type { ChatUIMessage, CheckState, DeliverableVersionView, RoutingEvent } from "@/lib/chat/types";
import { splitAnswer } from "@/lib/executor/deliverable-format";
import { type FeedbackProps, ThumbsVote } from "./feedback-buttons";
import { FollowUpActions, type FollowUpProps } from "./follow-up-actions";
import { Markdown } from "./markdown";
import { RoutingChip } from "./routing-chip";

interface Props {
  message: ChatUIMessage;
  streaming: boolean;
  stopped: boolean;
  onOpenDeliverable(deliverableId: string): void;
  /** absent while the answer is still streaming */
  feedback?: FeedbackProps;
  /** the follow-up buttons, under the newest version of each deliverable (by id) */
  followUp?: FollowUpProps & { latestVersionIds: Set<string> };
}

export function MessageView({ message, streaming, stopped, onOpenDeliverable, feedback, followUp }: Props) {
  const t = useTranslations("chat");
  const format = useFormatter();
  // issue 15: a deliverable the quality check had revised replaces the text that streamed
  const check = message.parts.find((p) => p.type === "data-check")?.data as CheckState | undefined;
  const text = (check?.state === "done" && check.answer) || message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
  if (message.role === "user") {
    return (
      <li className="flex justify-end">
        <div data-testid="user-message" className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-md bg-muted px-4 py-2.5">
          {text}
        </div>
      </li>
    );
  }
  const routing = message.parts.find((p) => p.type === "data-routing")?.data as RoutingEvent | undefined;
  const versions = message.parts.filter((p) => p.type === "data-deliverable").map((p) => p.data as DeliverableVersionView);
  const status = stopped ? "stopped" : message.metadata?.status;
  const createdAt = message.metadata?.createdAt;
  const segments = splitAnswer(text);
  let deliverableIndex = 0;

  async function copyAnswer() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t("message.copied"));
    } catch {
      toast.error(t("message.copyFailed"));
    }
  }

  return (
    <li className="flex flex-col gap-2" data-testid="assistant-message">
      <div className="min-w-0 break-words">
        {/* the segments are cut from one streaming text in order, so a segment's position is its identity */}
        {segments.map((segment, i) => {
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          if (segment.kind === "text") return <Markdown key={i} text={segment.text} />;
          const saved = segment.complete ? versions[deliverableIndex++] : undefined;
          const title = segment.title || t("message.deliverable");
          const card = (
            <div className="flex items-center gap-3 rounded-xl border border-border bg-surface p-3">
              <span className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                {saved || segment.complete ? (
                  <FileText aria-hidden="true" className="size-4" />
                ) : (
                  <Loader2 aria-hidden="true" className="size-4 animate-spin" />
                )}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{title}</p>
                {saved ? (
                  <p className="text-xs text-muted-foreground">{t("message.versionSaved", { version: saved.version })}</p>
                ) : (
                  <p className="line-clamp-2 text-xs text-muted-foreground">
                    {segment.complete ? segment.body : `${t("message.writing")} ${segment.body.slice(-160)}`}
                  </p>
                )}
              </div>
              {saved && (
                <Button variant="secondary" size="sm" onClick={() => onOpenDeliverable(saved.deliverableId)}>
                  {t("message.open")}
                </Button>
              )}
            </div>
          );
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <div key={i} className="my-3">
              {card}
              {saved && feedback && followUp?.latestVersionIds.has(saved.versionId) && (
                <FollowUpActions taskSlug={routing?.task?.slug} versionId={saved.versionId} followUp={followUp} className="mt-2" />
              )}
            </div>
          );
        })}
        {(check?.state === "checking" || check?.state === "revising") && (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status" data-testid="quality-check-status">
            <Loader2 aria-hidden="true" className="size-4 animate-spin" />
            {t(`check.${check.state}`)}
          </p>
        )}
        {!text && streaming && (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 aria-hidden="true" className="size-4 animate-spin" />
            {t("screen.thinking")}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {routing && <RoutingChip event={routing} feedback={feedback} />}
        {status === "stopped" && <Badge tone="outline">{t("message.stopped")}</Badge>}
        {status === "failed" && <Badge tone="danger">{t("message.failed")}</Badge>}
        {feedback && text && (
          <div className="-my-1 ml-auto flex items-center">
            {createdAt && (
              <time dateTime={createdAt} className="mr-1 text-xs tabular-nums text-muted-foreground">
                {format.dateTime(new Date(createdAt), { hour: "numeric", minute: "2-digit" })}
              </time>
            )}
            <IconButton label={t("message.copy")} className="text-muted-foreground hover:text-foreground" onClick={() => void copyAnswer()}>
              <Copy />
            </IconButton>
            <ThumbsVote
              type="message"
              id={message.id}
              feedback={feedback}
              labels={{ good: t("feedback.goodAnswer"), bad: t("feedback.badAnswer"), dialog: t("feedback.answerTitle") }}
            />
          </div>
        )}
      </div>
    </li>
  );
}
