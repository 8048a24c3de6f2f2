-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "lang" TEXT NOT NULL DEFAULT 'vi';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "code" TEXT;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "techRequired" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ChatCard" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "step" TEXT,
    "revisionHash" TEXT,
    "action" TEXT,
    "personId" TEXT,
    "previewId" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundUpdate" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboundUpdate_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ChatCard_subjectId_idx" ON "ChatCard"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatCard_platform_chatId_messageId_key" ON "ChatCard"("platform", "chatId", "messageId");

-- CreateIndex
CREATE INDEX "Identity_platform_username_idx" ON "Identity"("platform", "username");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_code_key" ON "Submission"("code");

