import { db } from "@/lib/db";
import { AppError } from "@/lib/http";
import type { Locale } from "@/lib/i18n";
import { enabledTasks, followUpActionsOf, localizeFollowUpLabel, type Task } from "@/lib/tasks";

/** A follow-up action's button as a request names it: under which deliverable version, starting which task. */
export interface FollowUpPress {
  versionId: string;
  targetSlug: string;
}

/** A checked press: the task it starts, and the deliverable that task starts from. */
export interface FollowUp {
  target: Task;
  /** the deliverable version the button was under */
  source: { versionId: string; taskName: string; title: string; body: string };
}

/**
 * Checks a follow-up action's press before anything is stored: the version must be in this
 * conversation of this user (someone else's answers as one that does not exist), the target must be
 * one of its task's follow-up actions, and that task enabled now.
 */
export async function resolveFollowUp(userId: string, conversationId: string, press: FollowUpPress): Promise<FollowUp> {
  const version = await db().deliverableVersion.findUnique({
    where: { id: press.versionId },
    select: {
      id: true,
      title: true,
      body: true,
      deliverable: {
        select: { conversationId: true, conversation: { select: { userId: true } }, task: { select: { name: true, followUpActions: true } } },
      },
    },
  });
  if (!version || version.deliverable.conversation.userId !== userId || version.deliverable.conversationId !== conversationId) {
    throw new AppError("not_found:deliverable", { key: "not_found.followUpVersion" });
  }
  const source = version.deliverable.task;
  if (!source || !followUpActionsOf(source).some((action) => action.target === press.targetSlug)) {
    throw new AppError("bad_request:action", { key: "bad_request.notAFollowUp", values: { task: press.targetSlug } });
  }
  const target = (await enabledTasks()).find((task) => task.slug === press.targetSlug);
  if (!target) throw new AppError("conflict:action", { key: "conflict.followUpUnavailable", values: { task: press.targetSlug } });
  return { target, source: { versionId: version.id, taskName: source.name, title: version.title, body: version.body } };
}

/** A task's follow-up buttons for a reader of `locale`: those whose task is enabled, in the order the admin set. */
export function followUpButtons(task: { followUpActions: unknown }, enabledSlugs: Set<string>, locale: Locale) {
  return followUpActionsOf(task)
    .filter((action) => enabledSlugs.has(action.target))
    .map((action) => ({ label: localizeFollowUpLabel(action, locale), targetSlug: action.target }));
}
