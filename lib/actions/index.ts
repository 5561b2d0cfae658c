// follow-up actions (prompt chaining)
export { type FollowUp, type FollowUpPress, followUpButtons, resolveFollowUp } from "./follow-up";
// the quality check
export { type CheckedTask, checkDeliverable, type QualityCheckResult, qualityCheckSchema, revisionRequest } from "./quality-check";
