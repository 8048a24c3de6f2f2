-- CreateTable
CREATE TABLE "ReportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "period" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "madeAt" DATETIME,
    "docx" BLOB,
    "xlsx" BLOB,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportRun_period_siteId_key" ON "ReportRun"("period", "siteId");

