// follow-up actions (prompt chaining)
export { type FollowUp, type FollowUpPress, followUpButtons, resolveFollowUp } from "./follow-up";
