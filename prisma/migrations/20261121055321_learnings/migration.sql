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

-- CreateIndex
CREATE INDEX "Learning_search_idx" ON "Learning" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "Learning" ADD CONSTRAINT "Learning_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Learning" ADD CONSTRAINT "Learning_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over learnings, maintained by a trigger so it works the same on PGlite and Postgres.
-- The 'english' configuration stems English words; other languages still match word for word.
CREATE FUNCTION learning_search_update() RETURNS trigger AS $$
BEGIN
  NEW."search" := to_tsvector('english', coalesce(NEW."inputExcerpt", '') || ' ' || coalesce(NEW."expectedOutput", ''));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER learning_search_update
BEFORE INSERT OR UPDATE OF "inputExcerpt", "expectedOutput" ON "Learning"
FOR EACH ROW EXECUTE FUNCTION learning_search_update();
