-- CreateEnum
CREATE TYPE "Retrieval" AS ENUM ('fused', 'lexical', 'lexical_fallback');

-- AlterTable
ALTER TABLE "RoutingDecision" ADD COLUMN     "retrieval" "Retrieval" NOT NULL DEFAULT 'lexical',
ADD COLUMN     "retrievalNote" TEXT;

-- CreateTable
CREATE TABLE "TaskEmbedding" (
    "taskId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "vector" BYTEA NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
    "embeddedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskEmbedding_pkey" PRIMARY KEY ("taskId")
);

-- CreateTable
CREATE TABLE "LearningEmbedding" (
    "learningId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "vector" BYTEA NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
    "embeddedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearningEmbedding_pkey" PRIMARY KEY ("learningId")
);

-- CreateIndex
CREATE INDEX "TaskEmbedding_model_embeddedAt_idx" ON "TaskEmbedding"("model", "embeddedAt");

-- CreateIndex
CREATE INDEX "LearningEmbedding_model_embeddedAt_idx" ON "LearningEmbedding"("model", "embeddedAt");

-- AddForeignKey
ALTER TABLE "TaskEmbedding" ADD CONSTRAINT "TaskEmbedding_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningEmbedding" ADD CONSTRAINT "LearningEmbedding_learningId_fkey" FOREIGN KEY ("learningId") REFERENCES "Learning"("id") ON DELETE CASCADE ON UPDATE CASCADE;
