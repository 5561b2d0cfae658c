export { infoFieldSchema, taskInputSchema, TASK_SLUG_PATTERN, type InfoField, type TaskInput } from "./schema";
export { listTasks, seedDefaultTasks } from "./queries";
export { seedTasks } from "./seed-tasks";
