-- CreateIndex
CREATE INDEX "Submission_state_receivedAt_id_idx" ON "Submission"("state", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Submission_state_siteId_receivedAt_idx" ON "Submission"("state", "siteId", "receivedAt");

-- CreateIndex
CREATE INDEX "Submission_channel_chatId_idx" ON "Submission"("channel", "chatId");

-- CreateIndex
CREATE INDEX "Item_state_createdAt_id_idx" ON "Item"("state", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Item_state_step_siteId_createdAt_idx" ON "Item"("state", "step", "siteId", "createdAt");

-- CreateIndex
CREATE INDEX "Item_state_scheduledAt_idx" ON "Item"("state", "scheduledAt");

-- CreateIndex
CREATE INDEX "Item_createdAt_id_idx" ON "Item"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_state_deadlineAt_idx" ON "Delivery"("state", "deadlineAt");

