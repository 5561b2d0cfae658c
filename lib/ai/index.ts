export { parseModelSpec, providerSettings, type ModelSpec, type ProviderName, type SlotName } from "./config";
export { checkReachable, embeddingModel, languageModel } from "./providers";
export { checkEmbeddingSlot, checkModelSlots, embeddingSlot, modelFor, resolveModelSlots, type EmbeddingSlot, type SlotStatus } from "./slots";
export { estimateTokens, recentWithinBudget, type HistoryMessage } from "./tokens";
