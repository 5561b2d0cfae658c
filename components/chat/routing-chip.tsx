import type { RoutingEvent } from "@/lib/chat/types";

export function routingLabel(event: RoutingEvent): string {
  switch (event.action) {
    case "start":
      return `Started: ${event.task?.name ?? "task"}`;
    case "continue":
      return "Continuing";
    case "switch":
      return `Switched to: ${event.task?.name ?? "task"}`;
    case "end":
      return "Task finished";
    case "none":
      return "No task";
  }
}

/** The small line under an assistant turn that says what the router (or the user) decided. */
export function RoutingChip({ event }: { event: RoutingEvent }) {
  const title = event.action === "continue" && event.task ? `Continuing: ${event.task.name}` : undefined;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span
        data-testid="routing-chip"
        title={title}
        className="inline-flex items-center gap-1 rounded-full border border-zinc-200 bg-zinc-50 px-2.5 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      >
        {event.task?.icon && event.action !== "end" && <span aria-hidden="true">{event.task.icon}</span>}
        {routingLabel(event)}
        {event.source === "user" && <span className="text-zinc-500">· chosen by you</span>}
      </span>
      {event.notice && <span className="text-xs text-amber-700 dark:text-amber-400">{event.notice}</span>}
    </div>
  );
}
