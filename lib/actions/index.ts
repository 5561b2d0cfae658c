// ── issue 15 (todos-check): the quality check ──
export { type CheckedTask, checkDeliverable, type QualityCheckResult, qualityCheckSchema, revisionRequest } from "./quality-check";
// ── end issue 15 (todos-check) ──
