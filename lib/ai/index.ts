export { parseModelSpec, providerSettings, type ModelSpec, type ProviderName, type SlotName } from "./config";
export { checkReachable, languageModel } from "./providers";
export { checkModelSlots, modelFor, resolveModelSlots, type SlotStatus } from "./slots";
export { estimateTokens, recentWithinBudget, type HistoryMessage } from "./tokens";
