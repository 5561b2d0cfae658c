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
  buildKnowledgeMessage,
  buildReferenceMessage,
  buildSourceDeliverableMessage,
  buildUserProfileMessage,
  type ExecutableTask,
  type ExecutorPromptInput,
  type UserProfile,
} from "./prompt";
