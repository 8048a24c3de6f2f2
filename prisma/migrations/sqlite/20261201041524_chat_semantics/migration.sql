-- Written by hand: Prisma proposed rebuilding "Submission", which SQLite's migration runner does inside a
-- transaction where turning foreign keys off has no effect (Item.submissionId would be set to NULL).
-- Adding columns needs no rebuild.
ALTER TABLE "Submission" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Submission" ADD COLUMN "textParts" TEXT;
ALTER TABLE "Submission" ADD COLUMN "noticeIds" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Submission" ADD COLUMN "origin" TEXT;

-- CreateTable
CREATE TABLE "ChatAlias" (
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "aliasOf" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "chatId")
);
