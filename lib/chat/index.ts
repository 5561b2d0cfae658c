export {
  createConversation,
  deleteConversation,
  getOwnedConversation,
  listConversations,
  loadConversationView,
  renameConversation,
} from "./queries";
export { chatRequestSchema, runTurn, type ChatRequest } from "./turn";
export * from "./types";
export { chatPageData } from "./page-data";
