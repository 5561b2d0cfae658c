import { db } from "@/lib/db";
import type { Locale } from "@/lib/i18n";
import { enabledTasks, type FollowUpAction, followUpActionsOf, localizeFollowUpLabel } from "@/lib/tasks";

/** The follow-up actions of the task that wrote a deliverable version, in the order the admin set. */
async function followUpActionsOfVersion(versionId: string): Promise<FollowUpAction[]> {
  const row = await db().deliverableVersion.findUnique({
    where: { id: versionId },
    select: { deliverable: { select: { task: { select: { followUpActions: true } } } } },
  });
  return row?.deliverable.task ? followUpActionsOf(row.deliverable.task) : [];
}

/**
 * A version's follow-up buttons for a reader of `locale`, as the web shows them (only those whose task
 * is enabled). A button carries the action's position, not its task's slug: Telegram allows 64 bytes.
 */
export async function followUpChoices(versionId: string, locale: Locale): Promise<{ index: number; label: string }[]> {
  const [actions, tasks] = await Promise.all([followUpActionsOfVersion(versionId), enabledTasks()]);
  const enabled = new Set(tasks.map((task) => task.slug));
  return actions.flatMap((action, index) => (enabled.has(action.target) ? [{ index, label: localizeFollowUpLabel(action, locale) }] : []));
}

/** The action a pressed button names, with its label as the user's message; null when the task no longer has it. */
export async function pressedFollowUp(versionId: string, index: number, locale: Locale): Promise<{ targetSlug: string; label: string } | null> {
  const action = (await followUpActionsOfVersion(versionId))[index];
  return action ? { targetSlug: action.target, label: localizeFollowUpLabel(action, locale) } : null;
}
