-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "period" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "madeAt" DATETIME,
    "docx" BLOB,
    "xlsx" BLOB,
    "sendingAt" DATETIME,
    "sentParts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME
);
INSERT INTO "new_ReportRun" ("claimedAt", "docx", "id", "madeAt", "period", "sentAt", "siteId", "xlsx") SELECT "claimedAt", "docx", "id", "madeAt", "period", "sentAt", "siteId", "xlsx" FROM "ReportRun";
DROP TABLE "ReportRun";
ALTER TABLE "new_ReportRun" RENAME TO "ReportRun";
CREATE UNIQUE INDEX "ReportRun_period_siteId_key" ON "ReportRun"("period", "siteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

