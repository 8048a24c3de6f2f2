-- AlterTable
ALTER TABLE "InboundUpdate" ADD COLUMN     "batchKey" TEXT,
ADD COLUMN     "payload" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "processedAt" TIMESTAMP(3),
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'done';

-- CreateIndex
CREATE INDEX "InboundUpdate_state_receivedAt_idx" ON "InboundUpdate"("state", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundUpdate_batchKey_idx" ON "InboundUpdate"("batchKey");

