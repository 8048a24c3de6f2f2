-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "replyRef" TEXT;

-- CreateTable
CREATE TABLE "ChatAccount" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "accountId" TEXT,
    "credentials" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChatCursor" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL
);

