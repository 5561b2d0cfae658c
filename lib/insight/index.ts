export {
  routingInsight,
  type BucketInsight,
  type InsightMeasures,
  type RoutingInsight,
  type RoutingInsightInput,
  type TargetRating,
  type TaskInsight,
} from "./queries";
export { DECISION_SOURCES, LATENCY_TARGET_MS, NO_TASK, RATING_TARGETS, ROUTING_ACTIONS, type RatingTarget } from "./constants";
export {
  insightQuerySchema,
  parseInsightDate,
  INSIGHT_BUCKETS,
  DEFAULT_RANGE_DAYS,
  MAX_RANGE_DAYS,
  MAX_DAILY_RANGE_DAYS,
  type InsightBucket,
  type InsightQuery,
} from "./schema";
