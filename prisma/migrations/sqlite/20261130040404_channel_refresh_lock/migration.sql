-- AlterTable
ALTER TABLE "Channel" ADD COLUMN "refreshLockToken" TEXT;
ALTER TABLE "Channel" ADD COLUMN "refreshLockUntil" DATETIME;

