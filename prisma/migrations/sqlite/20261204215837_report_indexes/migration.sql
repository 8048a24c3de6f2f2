-- CreateIndex
CREATE INDEX "Submission_receivedAt_siteId_channel_idx" ON "Submission"("receivedAt", "siteId", "channel");

-- CreateIndex
CREATE INDEX "Publication_publishedAt_itemId_siteId_kind_category_idx" ON "Publication"("publishedAt", "itemId", "siteId", "kind", "category");

-- CreateIndex
CREATE INDEX "Publication_takenDownAt_siteId_idx" ON "Publication"("takenDownAt", "siteId");

