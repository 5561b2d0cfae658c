import type { DecisionSource, RoutingAction } from "@/lib/db";

// Plain values shared with client components: nothing here may import the database.

/** The router latency the Mojodex study aimed for, at the median. */
export const LATENCY_TARGET_MS = 300;

/** The label of turns routed to no task. */
export const NO_TASK = "No task";

export const ROUTING_ACTIONS = ["start", "continue", "switch", "end", "none"] as const satisfies readonly RoutingAction[];
export const DECISION_SOURCES = ["router", "user"] as const satisfies readonly DecisionSource[];

/** What users rate with thumbs: an answer, the router's task choice, a deliverable version. */
export const RATING_TARGETS = ["answer", "taskChoice", "version"] as const;
export type RatingTarget = (typeof RATING_TARGETS)[number];
