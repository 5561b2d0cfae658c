export { requireMetricsToken } from "./access";
export {
  type CostInsight,
  type CostLine,
  type CostSettings,
  costInsight,
  costPolicySchema,
  costSettings,
  enforceBudget,
  type ModelPriceInput,
  type ModelPriceView,
  modelPriceSchema,
  monthlySpend,
  monthStart,
  removeModelPrice,
  setModelPrice,
  setMonthlyBudget,
} from "./cost";
export { type Metrics, metrics, metricsExposition } from "./metrics";
export { inSpan, modelTelemetry, openSpan } from "./traces";
export { type UsageContext, usageRecorder, usageWritten, withUsageContext } from "./usage";
