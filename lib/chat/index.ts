export {
  createConversation,
  deleteConversation,
  getOwnedConversation,
  listConversations,
  loadConversationView,
  renameConversation,
} from "./queries";
export { chatRequestSchema, type ChatRequest } from "./turn";
export { runTurn } from "./web";
export * from "./types";
export { chatPageData } from "./page-data";
