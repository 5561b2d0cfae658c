-- CreateIndex
CREATE INDEX "Learning_taskId_status_idx" ON "Learning"("taskId", "status");
