export { CHUNK_TOKENS, chunkDocument, type DocumentChunk } from "./chunk";
export { deleteDocument, type KnowledgeDocumentView, type KnowledgeScopeInput, knowledgeScopeSchema, listDocuments, saveDocument } from "./documents";
export { KNOWLEDGE_FORMATS, type KnowledgeFormat, refuseOversizedDocument, type UploadedFile } from "./extract";
export { forgetChunkWordFrequencies, type RetrievedChunk, relevantKnowledge } from "./retrieve";
export { readKnowledgeUpload } from "./upload";
