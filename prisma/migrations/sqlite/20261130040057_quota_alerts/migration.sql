-- AlterTable
ALTER TABLE "ChannelQuota" ADD COLUMN "exhaustedAt" DATETIME;

