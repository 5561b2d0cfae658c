export type RoutingActionName = "start" | "continue" | "switch" | "end" | "none";

/**
 * The action implied by the task that was running and the task chosen for this turn (null = none):
 * start, continue, switch, end (a task was running and none applies now), or none.
 */
export function deriveAction(previous: string | null, chosen: string | null): RoutingActionName {
  if (previous === null) return chosen === null ? "none" : "start";
  if (chosen === null) return "end";
  return chosen === previous ? "continue" : "switch";
}
