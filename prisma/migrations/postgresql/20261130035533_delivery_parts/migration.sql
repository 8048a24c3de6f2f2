-- DropIndex
DROP INDEX "Delivery_itemId_channelId_action_revisionHash_key";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "part" TEXT NOT NULL DEFAULT 'post';

-- CreateTable
CREATE TABLE "ChannelQuota" (
    "channelId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "used" INTEGER NOT NULL,
    "warnedAt" TIMESTAMP(3),

    CONSTRAINT "ChannelQuota_pkey" PRIMARY KEY ("channelId","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_itemId_channelId_action_part_revisionHash_key" ON "Delivery"("itemId", "channelId", "action", "part", "revisionHash");

-- AddForeignKey
ALTER TABLE "ChannelQuota" ADD CONSTRAINT "ChannelQuota_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

