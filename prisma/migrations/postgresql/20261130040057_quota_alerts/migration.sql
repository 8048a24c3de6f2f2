-- AlterTable
ALTER TABLE "ChannelQuota" ADD COLUMN     "exhaustedAt" TIMESTAMP(3);

