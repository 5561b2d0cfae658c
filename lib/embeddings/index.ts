export { FUSION_DEPTH, reciprocalRankFusion, RRF_K } from "./fusion";
export { LEXICAL_ONLY, QUERY_TIMEOUT_MS, semanticRetrieval, type SemanticRetrieval } from "./query";
export { embeddingSyncSettled, scheduleEmbeddingSync, syncEmbeddings } from "./store";
export { contentHash, learningEmbeddingText, queryEmbeddingText, taskEmbeddingText, type EmbeddableTask } from "./text";
export { nearest, unitVector, vectorFromBytes, vectorToBytes } from "./vectors";
