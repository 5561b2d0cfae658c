export { answerForHistory, DELIVERABLE_CLOSE, DELIVERABLE_OPEN, finalDeliverable, splitAnswer, type AnswerSegment } from "./deliverable-format";
export { buildExecutorSystemPrompt, buildReferenceMessage, type ExecutableTask, type ExecutorPromptInput } from "./prompt";
export { describeModelError, startExecution, type Execution, type ExecutionOutcome } from "./execution";
export { addVersion, appendVersionSql, latestVersion, latestVersionSql, listDeliverables, saveUserEdit, toVersionView, withVersionRetry, type LatestDeliverable, type NewVersion, type VersionRow } from "./deliverables";
