export { deriveAction } from "./decide";
export { buildRouterPrompt, NONE, routerTaskLine, DEFAULT_ROUTER_HISTORY_TOKENS, type RoutableTask } from "./prompt";
export { parseLeniently, routeTurn, type RouterResult } from "./route";
export { recentlyChosenTasks, saveDecision, type DecisionRecord } from "./queries";
export { shortlistTasks } from "./shortlist";
