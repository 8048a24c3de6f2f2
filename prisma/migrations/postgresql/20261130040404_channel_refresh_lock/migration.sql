-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "refreshLockToken" TEXT,
ADD COLUMN     "refreshLockUntil" TIMESTAMP(3);

