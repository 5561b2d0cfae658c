export {
  infoFieldSchema,
  localizeTask,
  taskInputSchema,
  taskTranslationsSchema,
  TASK_SLUG_PATTERN,
  type InfoField,
  type TaskInput,
  type TaskTranslations,
} from "./schema";
export {
  createTask,
  deleteTask,
  duplicateTask,
  getTask,
  listTasks,
  markRegistryChanged,
  seedDefaultTasks,
  setTaskEnabled,
  taskNameForHistory,
  updateTask,
  upsertTasks,
  type Task,
} from "./queries";
export { enabledTasks, enabledTasksAt, registryVersionSql, type RegistryTask } from "./registry";
export { seedTasks } from "./seed-tasks";
export { convertMojodexSpecs, isMojodexSpecFile, type MojodexNote } from "./mojodex";
export { likelyDuplicates, type DuplicateReason, type LikelyDuplicate } from "./duplicates";
export { placeholdersIn, type Placeholder } from "./placeholders";
export {
  exportRegistry,
  importOptionsSchema,
  importRegistry,
  registryFileSchema,
  REGISTRY_FORMAT,
  toTaskInput,
  type ImportedTask,
  type ImportOptions,
  type ImportReport,
} from "./transfer";
