-- AlterEnum
ALTER TYPE "DecisionSource" ADD VALUE 'action';

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "followUpActions" JSONB NOT NULL DEFAULT '[]';
