-- DropIndex
DROP INDEX "Delivery_itemId_channelId_action_part_revisionHash_key";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_sentAt_createdAt_idx" ON "Alert"("sentAt", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_itemId_channelId_idx" ON "Delivery"("itemId", "channelId");

