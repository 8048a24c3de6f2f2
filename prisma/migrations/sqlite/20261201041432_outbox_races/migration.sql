-- DropIndex
DROP INDEX "Delivery_itemId_channelId_action_part_revisionHash_key";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "withdrawnAt" DATETIME;

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Alert_sentAt_createdAt_idx" ON "Alert"("sentAt", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_itemId_channelId_idx" ON "Delivery"("itemId", "channelId");

