-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "code" TEXT;

-- CreateTable
CREATE TABLE "ChatCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InboundUpdate" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "lang" TEXT NOT NULL DEFAULT 'vi',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Person" ("createdAt", "displayName", "email", "id") SELECT "createdAt", "displayName", "email", "id" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE TABLE "new_Item" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "state" TEXT NOT NULL,
    "step" TEXT,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "chairmanRequired" BOOLEAN NOT NULL DEFAULT false,
    "techRequired" BOOLEAN NOT NULL DEFAULT false,
    "scheduledAt" DATETIME,
    "publishedAt" DATETIME,
    "correctedAt" DATETIME,
    "takenDownAt" DATETIME,
    "originatorId" TEXT NOT NULL,
    "submissionId" TEXT,
    "publishedRevisionId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Item_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Item" ("category", "chairmanRequired", "code", "correctedAt", "createdAt", "id", "kind", "originatorId", "publishedAt", "publishedRevisionId", "scheduledAt", "sensitive", "siteId", "state", "step", "submissionId", "takenDownAt", "updatedAt", "version") SELECT "category", "chairmanRequired", "code", "correctedAt", "createdAt", "id", "kind", "originatorId", "publishedAt", "publishedRevisionId", "scheduledAt", "sensitive", "siteId", "state", "step", "submissionId", "takenDownAt", "updatedAt", "version" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";
CREATE UNIQUE INDEX "Item_code_key" ON "Item"("code");
CREATE UNIQUE INDEX "Item_submissionId_key" ON "Item"("submissionId");
CREATE INDEX "Item_siteId_state_idx" ON "Item"("siteId", "state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChatCard_subjectId_idx" ON "ChatCard"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatCard_platform_chatId_messageId_key" ON "ChatCard"("platform", "chatId", "messageId");

-- CreateIndex
CREATE INDEX "Identity_platform_username_idx" ON "Identity"("platform", "username");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_code_key" ON "Submission"("code");

