-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboundUpdate" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'done',
    "batchKey" TEXT,
    "processedAt" DATETIME
);
INSERT INTO "new_InboundUpdate" ("key", "receivedAt") SELECT "key", "receivedAt" FROM "InboundUpdate";
DROP TABLE "InboundUpdate";
ALTER TABLE "new_InboundUpdate" RENAME TO "InboundUpdate";
CREATE INDEX "InboundUpdate_state_receivedAt_idx" ON "InboundUpdate"("state", "receivedAt");
CREATE INDEX "InboundUpdate_batchKey_idx" ON "InboundUpdate"("batchKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

