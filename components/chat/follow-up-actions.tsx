"use client";

import { CornerDownRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FollowUpRequest } from "@/lib/chat/types";
import { useChatTasks } from "./chat-tasks";

/** A follow-up action's press: the request's part, and its label, which is shown as the user's message. */
export type FollowUpPress = FollowUpRequest & { label: string };

export interface FollowUpProps {
  onPress(press: FollowUpPress): void;
  /** while an answer streams, no new turn can start */
  disabled: boolean;
}

/**
 * The buttons under a finished deliverable of a task with follow-up actions: each starts another task
 * in this conversation from this version. Nothing when the task has none (or none whose task is enabled).
 */
export function FollowUpActions({
  taskSlug,
  versionId,
  followUp,
  className,
}: {
  taskSlug: string | undefined;
  versionId: string;
  followUp: FollowUpProps;
  className?: string;
}) {
  const t = useTranslations("chat.followUp");
  const actions = useChatTasks().find((task) => task.slug === taskSlug)?.followUpActions ?? [];
  if (!actions.length) return null;
  return (
    <fieldset data-testid="follow-up-actions" className={cn("flex flex-wrap gap-2", className)}>
      <legend className="sr-only">{t("label")}</legend>
      {actions.map((action) => (
        <Button
          key={action.targetSlug}
          variant="secondary"
          size="sm"
          // a finger needs 44 px: on touch screens the button grows to it
          className="h-auto whitespace-normal py-1.5 text-left pointer-coarse:min-h-11"
          disabled={followUp.disabled}
          onClick={() => followUp.onPress({ versionId, targetSlug: action.targetSlug, label: action.label })}
        >
          <CornerDownRight aria-hidden="true" />
          {action.label}
        </Button>
      ))}
    </fieldset>
  );
}
