export { chatPageData } from "./page-data";
export {
  createConversation,
  deleteConversation,
  getOwnedConversation,
  listConversations,
  loadConversationView,
  renameConversation,
} from "./queries";
export { type ChatRequest, chatRequestSchema, startTurn, type TurnEvent, type TurnRouting } from "./turn";
export * from "./types";
export { runTurn } from "./web";
