export { extractTodosFromVersion, extractTodosLater } from "./background";
export { type ActionItem, actionItemsSchema, extractActionItems } from "./extract";
export { deleteTodo, listTodos, replaceExtractedTodos, updateTodo } from "./queries";
export { type TodoPatch, todoIdSchema, todoPatchSchema } from "./schema";
export type { TodoView } from "./types";
