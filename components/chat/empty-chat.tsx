"use client";

import { useTranslations } from "next-intl";
import { useChatTasks } from "./chat-tasks";

/**
 * The first screen of a conversation: what to do, one example, and the tasks the assistant can do in
 * the reader's words. A card puts its task on the composer (shown there as a removable chip; the card
 * again takes it off); nothing is sent until the user writes and sends, and without a card the router
 * chooses.
 */
export function EmptyChat({ chosen, onPickTask }: { chosen: string; onPickTask(slug: string): void }) {
  const t = useTranslations("chat.empty");
  const tasks = useChatTasks();
  return (
    <section aria-labelledby="empty-chat-title" className="flex flex-col gap-8">
      <div className="flex flex-col gap-2 sm:text-center">
        <h1 id="empty-chat-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
          {t("heading")}
        </h1>
        <p className="text-muted-foreground sm:mx-auto sm:max-w-xl">{t("intro")}</p>
      </div>
      {tasks.length ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm font-medium text-muted-foreground sm:text-center">{t("tasksIntro")}</p>
          <ul className="grid gap-3 sm:grid-cols-2" aria-label={t("tasks")}>
            {tasks.map((task) => (
              <li key={task.slug}>
                <button
                  type="button"
                  aria-pressed={task.slug === chosen}
                  onClick={() => onPickTask(task.slug === chosen ? "" : task.slug)}
                  className="flex h-full min-h-11 w-full flex-col items-start gap-1 rounded-xl border border-border bg-background p-4 text-left transition-colors hover:border-input hover:bg-surface aria-pressed:border-primary aria-pressed:bg-accent"
                >
                  <span className="flex items-center gap-2 text-sm font-semibold">
                    {task.icon && (
                      <span aria-hidden="true" className="text-base">
                        {task.icon}
                      </span>
                    )}
                    {task.name}
                  </span>
                  {task.description && <span className="line-clamp-3 text-sm text-muted-foreground">{task.description}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="rounded-xl border border-dashed border-input p-4 text-sm text-muted-foreground">{t("noTasks")}</p>
      )}
    </section>
  );
}
