-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "noticeIds" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "origin" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "textParts" TEXT;

-- CreateTable
CREATE TABLE "ChatAlias" (
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "aliasOf" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatAlias_pkey" PRIMARY KEY ("platform","chatId")
);

