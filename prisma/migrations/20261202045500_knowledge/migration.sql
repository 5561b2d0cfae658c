-- CreateEnum
CREATE TYPE "KnowledgeScope" AS ENUM ('organisation', 'tasks');

-- AlterTable
ALTER TABLE "DeliverableVersion" ADD COLUMN     "knowledgeSources" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "company" TEXT,
ADD COLUMN     "jobTitle" TEXT,
ADD COLUMN     "preferredTone" TEXT,
ADD COLUMN     "signature" TEXT;

-- CreateTable
CREATE TABLE "KnowledgeDocument" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "scope" "KnowledgeScope" NOT NULL,
    "uploadedById" TEXT,
    "embeddingError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeDocumentTask" (
    "documentId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,

    CONSTRAINT "KnowledgeDocumentTask_pkey" PRIMARY KEY ("documentId","taskId")
);

-- Full-text search over a chunk's heading (weighted higher) and text, as a generated column like the
-- learnings' one: the same on PGlite and Postgres, no trigger
CREATE TABLE "KnowledgeChunk" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "heading" TEXT,
    "text" TEXT NOT NULL,
    "tokens" INTEGER NOT NULL,
    "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("heading", '')), 'A') || to_tsvector('english', "text")) STORED,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeChunkEmbedding" (
    "chunkId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "vector" BYTEA NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
    "embeddedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnowledgeChunkEmbedding_pkey" PRIMARY KEY ("chunkId")
);

-- CreateIndex
CREATE INDEX "KnowledgeDocument_scope_idx" ON "KnowledgeDocument"("scope");

-- CreateIndex
CREATE INDEX "KnowledgeDocumentTask_taskId_idx" ON "KnowledgeDocumentTask"("taskId");

-- CreateIndex
CREATE INDEX "KnowledgeChunk_documentId_position_idx" ON "KnowledgeChunk"("documentId", "position");

-- CreateIndex
CREATE INDEX "KnowledgeChunk_search_idx" ON "KnowledgeChunk" USING GIN ("search");

-- CreateIndex
CREATE INDEX "KnowledgeChunkEmbedding_model_embeddedAt_idx" ON "KnowledgeChunkEmbedding"("model", "embeddedAt");

-- AddForeignKey
ALTER TABLE "KnowledgeDocument" ADD CONSTRAINT "KnowledgeDocument_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeDocumentTask" ADD CONSTRAINT "KnowledgeDocumentTask_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "KnowledgeDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeDocumentTask" ADD CONSTRAINT "KnowledgeDocumentTask_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeChunk" ADD CONSTRAINT "KnowledgeChunk_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "KnowledgeDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeChunkEmbedding" ADD CONSTRAINT "KnowledgeChunkEmbedding_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "KnowledgeChunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
