export { DECISION_SOURCES, LATENCY_TARGET_MS, NO_TASK, RATING_TARGETS, type RatingTarget, ROUTING_ACTIONS } from "./constants";
export {
  type BucketInsight,
  type InsightMeasures,
  type RoutingInsight,
  type RoutingInsightInput,
  routingInsight,
  type TargetRating,
  type TaskInsight,
} from "./queries";
export {
  DEFAULT_RANGE_DAYS,
  INSIGHT_BUCKETS,
  type InsightBucket,
  type InsightQuery,
  insightQuerySchema,
  MAX_DAILY_RANGE_DAYS,
  MAX_RANGE_DAYS,
  parseInsightDate,
} from "./schema";
