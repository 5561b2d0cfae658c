-- CreateEnum
CREATE TYPE "UsagePurpose" AS ENUM ('route', 'answer', 'check', 'todos', 'other');

-- CreateTable
CREATE TABLE "ModelUsage" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "slot" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "purpose" "UsagePurpose" NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "userId" TEXT,
    "conversationId" TEXT,
    "taskId" TEXT,

    CONSTRAINT "ModelUsage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelPrice" (
    "model" TEXT NOT NULL,
    "inputPerMillion" DECIMAL(14,6) NOT NULL,
    "outputPerMillion" DECIMAL(14,6) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("model")
);

-- CreateTable
CREATE TABLE "CostPolicy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "monthlyBudgetPerUser" DECIMAL(14,6),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CostPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelUsage_createdAt_idx" ON "ModelUsage"("createdAt");

-- CreateIndex
CREATE INDEX "ModelUsage_userId_createdAt_idx" ON "ModelUsage"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "ModelUsage" ADD CONSTRAINT "ModelUsage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
