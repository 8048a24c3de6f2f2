-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "replyRef" TEXT;

-- CreateTable
CREATE TABLE "ChatAccount" (
    "key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "accountId" TEXT,
    "credentials" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatAccount_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ChatCursor" (
    "key" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,

    CONSTRAINT "ChatCursor_pkey" PRIMARY KEY ("key")
);

