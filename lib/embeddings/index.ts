export { FUSION_DEPTH, reciprocalRankFusion } from "./fusion";
export { type SemanticRetrieval, semanticRetrieval } from "./query";
export { embeddingSyncSettled, scheduleEmbeddingSync, syncEmbeddings } from "./store";
export { queryEmbeddingText, taskEmbeddingText } from "./text";
export { nearest, unitVector, vectorFromBytes, vectorToBytes } from "./vectors";
