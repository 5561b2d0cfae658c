-- One deliverable per task in a conversation: the single statement that saves an answer creates it on first use, and
-- two first versions written at once must not create two (the later one fails here and is retried).
-- The unique index starts with conversationId, so it also serves what the dropped index did.
-- DropIndex
DROP INDEX "Deliverable_conversationId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Deliverable_conversationId_taskId_key" ON "Deliverable"("conversationId", "taskId");
