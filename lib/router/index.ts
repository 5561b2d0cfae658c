export { deriveAction } from "./decide";
export { buildRouterPrompt, NONE, routerTaskLine, DEFAULT_ROUTER_HISTORY_TOKENS, type RoutableTask } from "./prompt";
export { DEFAULT_ROUTER_TIMEOUT_MS, parseLeniently, routeTurn, type RouterResult } from "./route";
export { saveDecision, type DecisionRecord } from "./queries";
export { DEFAULT_SHORTLIST_SIZE, DEFAULT_SHORTLIST_THRESHOLD, shortlistTasks } from "./shortlist";
