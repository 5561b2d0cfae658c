-- CreateEnum
CREATE TYPE "VersionCheck" AS ENUM ('passed', 'revised', 'failed_after_revision', 'error');

-- AlterTable
ALTER TABLE "DeliverableVersion" ADD COLUMN     "check" "VersionCheck",
ADD COLUMN     "checkNotes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "extractTodos" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "qualityCheck" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Todo" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deliverableId" TEXT NOT NULL,
    "versionId" TEXT,
    "what" TEXT NOT NULL,
    "owner" TEXT,
    "due" DATE,
    "doneAt" TIMESTAMP(3),
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Todo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Todo_userId_doneAt_idx" ON "Todo"("userId", "doneAt");

-- CreateIndex
CREATE INDEX "Todo_deliverableId_idx" ON "Todo"("deliverableId");

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DeliverableVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Installations seeded before this migration: tasks that write minutes turn their action items into to-dos.
UPDATE "Task" SET "extractTodos" = true WHERE "outputKind" = 'minutes';
