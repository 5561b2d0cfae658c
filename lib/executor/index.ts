export { type AnswerSegment, answerForHistory, DELIVERABLE_CLOSE, DELIVERABLE_OPEN, finalDeliverable, splitAnswer } from "./deliverable-format";
export {
  addVersion,
  appendVersionSql,
  type LatestDeliverable,
  latestVersion,
  latestVersionSql,
  listDeliverables,
  type NewVersion,
  ownedVersion,
  saveUserEdit,
  toSendView,
  toVersionView,
  type VersionRow,
  withVersionRetry,
} from "./deliverables";
export { describeModelError, type Execution, type ExecutionOutcome, startExecution } from "./execution";
export {
  buildExecutorSystemPrompt,
  buildReferenceMessage,
  buildSourceDeliverableMessage,
  type ExecutableTask,
  type ExecutorPromptInput,
} from "./prompt";
