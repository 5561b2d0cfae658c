export { type DuplicateReason, type LikelyDuplicate, likelyDuplicates } from "./duplicates";
export { convertMojodexSpecs, isMojodexSpecFile, type MojodexNote } from "./mojodex";
export { type Placeholder, placeholdersIn } from "./placeholders";
export {
  createTask,
  deleteTask,
  duplicateTask,
  followUpTargets,
  getTask,
  listTasks,
  markRegistryChanged,
  seedDefaultTasks,
  setTaskEnabled,
  type Task,
  taskNameForHistory,
  updateTask,
  upsertTasks,
} from "./queries";
export { enabledTasks, enabledTasksAt, type RegistryTask, registryVersionSql } from "./registry";
export {
  type FollowUpAction,
  followUpActionSchema,
  followUpActionsOf,
  type InfoField,
  infoFieldSchema,
  localizeFollowUpLabel,
  localizeTask,
  TASK_SLUG_PATTERN,
  type TaskInput,
  type TaskTranslations,
  taskInputSchema,
  taskTranslationsSchema,
} from "./schema";
export { seedTasks } from "./seed-tasks";
export {
  exportRegistry,
  type ImportedTask,
  type ImportOptions,
  type ImportReport,
  importOptionsSchema,
  importRegistry,
  REGISTRY_FORMAT,
  registryFileSchema,
  toTaskInput,
} from "./transfer";
