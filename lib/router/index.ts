export { deriveAction } from "./decide";
export { buildRouterPrompt, DEFAULT_ROUTER_HISTORY_TOKENS, NONE, type RoutableTask, routerTaskLine } from "./prompt";
export { type DecisionRecord, recentlyChosenTasks, saveDecision } from "./queries";
export { parseLeniently, type RouterResult, routeTurn } from "./route";
export { shortlistTasks } from "./shortlist";
