export { deleteLearning, learningFilterSchema, learningUpdateSchema, listLearnings, updateLearning } from "./admin";
export { castVote, feedbackTargetSchema, learnFromEdit, listVotes, removeVote, voteSchema, type FeedbackTarget, type Vote } from "./feedback";
export { forgetWordFrequencies, lexemesSql, rareWordQuery, rareWordQueryOf, relevantLearnings, type RetrievedLearning } from "./retrieve";
