export { deleteLearning, learningFilterSchema, learningUpdateSchema, listLearnings, updateLearning } from "./admin";
export { castVote, type FeedbackTarget, feedbackTargetSchema, learnFromEdit, listVotes, removeVote, type Vote, voteSchema } from "./feedback";
export {
  forgetWordFrequencies,
  lexemesSql,
  type RetrievedLearning,
  rarestWords,
  rarestWordsQuery,
  rareWordQuery,
  rareWordQueryOf,
  relevantLearnings,
  wordFrequencyCache,
} from "./retrieve";
