"use client";

import { ChevronDown, ThumbsDown, ThumbsUp, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Tooltip } from "@/components/ui/tooltip";
import type { RoutingEvent } from "@/lib/chat/types";
import { useTaskName } from "./chat-tasks";
import { FeedbackDialog, type FeedbackProps, useVote } from "./feedback-buttons";

// the same height whether it can be rated yet or not, so the row does not jump when the answer ends
const chipClass =
  "inline-flex min-h-8 max-w-full items-center gap-1 rounded-full border border-border bg-surface px-2.5 py-0.5 text-xs font-medium text-foreground pointer-coarse:min-h-11";

/** What the router (or the user) decided for a turn, in the reader's words. */
function useRoutingLabel() {
  const t = useTranslations("chat.routing");
  const taskName = useTaskName();
  return (event: RoutingEvent) => {
    const task = event.task ? taskName(event.task) : "";
    switch (event.action) {
      case "start":
        return t("start", { task });
      case "continue":
        return t("continue");
      case "switch":
        return t("switch", { task });
      case "end":
        return t("end");
      case "none":
        return t("none");
    }
  };
}

interface Props {
  event: RoutingEvent;
  /** absent while the answer streams: the decision is shown but cannot be rated yet */
  feedback?: FeedbackProps;
}

/**
 * The small chip under an assistant turn that says which task the router (or the user) chose. Once the
 * answer is complete it is also where the choice is rated: "Right task" or "Wrong task — should have
 * been…", which asks for the right one in a dialog.
 */
export function RoutingChip({ event, feedback }: Props) {
  const t = useTranslations("chat.routing");
  const taskName = useTaskName();
  const label = useRoutingLabel()(event);
  const content = (
    <>
      {event.task?.icon && event.action !== "end" && <span aria-hidden="true">{event.task.icon}</span>}
      {label}
      {event.source === "user" && <span className="text-muted-foreground">{t("chosenByYou")}</span>}
      {event.source === "action" && <span className="text-muted-foreground">{t("chosenByAction")}</span>}
    </>
  );
  const detail = event.action === "continue" && event.task ? t("continueTitle", { task: taskName(event.task) }) : undefined;
  const notice = event.notice && <span className="text-xs text-warning-text">{event.notice}</span>;

  if (!feedback || !event.decisionId) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="routing-chip" title={detail} className={chipClass}>
          {content}
        </span>
        {notice}
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <RatableChip decisionId={event.decisionId} chosen={event.task?.slug ?? "none"} feedback={feedback} label={detail ?? label} detail={detail}>
        {content}
      </RatableChip>
      {notice}
    </div>
  );
}

interface RatableProps {
  decisionId: string;
  /** the task chosen for the turn ("none" for no task): not offered as the correction */
  chosen: string;
  feedback: FeedbackProps;
  label: string;
  /** what the chip's short text leaves out ("Continuing: Meeting minutes"), shown in its tooltip */
  detail?: string;
  children: ReactNode;
}

function RatableChip({ decisionId, chosen, feedback, label, detail, children }: RatableProps) {
  const t = useTranslations("chat.routing");
  const tf = useTranslations("chat.feedback");
  const { vote, busy, up, down, clear } = useVote("decision", decisionId, feedback);
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const name = vote?.rating === "up" ? t("chipRight", { label }) : vote?.rating === "down" ? t("chipWrong", { label }) : t("chip", { label });

  return (
    <>
      <DropdownMenu>
        <Tooltip content={detail ? t("chip", { label: detail }) : t("question")}>
          <DropdownMenuTrigger
            ref={trigger}
            data-testid="routing-chip"
            aria-label={name}
            disabled={busy}
            className={cn(chipClass, "cursor-pointer hover:bg-muted data-[state=open]:bg-muted")}
          >
            {children}
            {vote?.rating === "up" && <ThumbsUp aria-hidden="true" className="size-3 fill-current text-success-text" />}
            {vote?.rating === "down" && <ThumbsDown aria-hidden="true" className="size-3 fill-current text-destructive" />}
            <ChevronDown aria-hidden="true" className="size-3 text-muted-foreground" />
          </DropdownMenuTrigger>
        </Tooltip>
        {/* the dialog that opens from the menu takes focus; it gives it back to the chip when it closes */}
        <DropdownMenuContent align="start" onCloseAutoFocus={(event) => asking && event.preventDefault()}>
          <DropdownMenuLabel>{t("question")}</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={vote?.rating ?? ""} onValueChange={(rating) => rating === "up" && void up()}>
            <DropdownMenuRadioItem value="up">
              <ThumbsUp aria-hidden="true" />
              {t("right")}
            </DropdownMenuRadioItem>
            <DropdownMenuRadioItem value="down" onSelect={() => setAsking(true)}>
              <ThumbsDown aria-hidden="true" />
              {t("wrong")}
            </DropdownMenuRadioItem>
          </DropdownMenuRadioGroup>
          {vote && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => void clear()}>
                <Undo2 aria-hidden="true" />
                {t("clear")}
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <FeedbackDialog
        open={asking}
        onOpenChange={setAsking}
        title={tf("taskTitle")}
        askTask
        chosen={chosen}
        initial={vote}
        busy={busy}
        onSubmit={down}
        returnFocus={trigger}
      />
    </>
  );
}
