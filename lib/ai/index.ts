export { type ModelSpec, type ProviderName, parseModelSpec, providerSettings, type SlotName } from "./config";
export { checkReachable, embeddingModel, languageModel } from "./providers";
export { checkEmbeddingSlot, checkModelSlots, type EmbeddingSlot, embeddingSlot, modelFor, resolveModelSlots, type SlotStatus } from "./slots";
export { generateStructured } from "./structured";
export { estimateTokens, type HistoryMessage, recentWithinBudget } from "./tokens";
