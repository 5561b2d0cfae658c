-- CreateEnum
CREATE TYPE "LearningKind" AS ENUM ('routing', 'example', 'avoid');

-- DropForeignKey
ALTER TABLE "Learning" DROP CONSTRAINT "Learning_feedbackId_fkey";

-- AlterTable
ALTER TABLE "Learning" ADD COLUMN     "conversationId" TEXT,
ADD COLUMN     "deliverableId" TEXT,
ADD COLUMN     "kind" "LearningKind" NOT NULL,
ADD COLUMN     "search" tsvector;

-- CreateIndex
CREATE UNIQUE INDEX "Learning_deliverableId_key" ON "Learning"("deliverableId");

-- AddForeignKey
ALTER TABLE "Learning" ADD CONSTRAINT "Learning_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Learning" ADD CONSTRAINT "Learning_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over what led to each learning (the request side: a new request is matched against
-- past ones), as a generated column, so it is the same on PGlite and Postgres and
-- needs no trigger. The english configuration stems English words, and other languages still match
-- word for word. (No semicolons inside statements or comments here: the Postgres adapter splits
-- migration scripts on them.)
ALTER TABLE "Learning" DROP COLUMN "search";
ALTER TABLE "Learning" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("inputExcerpt", ''))) STORED;
CREATE INDEX "Learning_search_idx" ON "Learning" USING GIN ("search");
