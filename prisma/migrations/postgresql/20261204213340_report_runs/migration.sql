-- CreateTable
CREATE TABLE "ReportRun" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "madeAt" TIMESTAMP(3),
    "docx" BYTEA,
    "xlsx" BYTEA,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportRun_period_siteId_key" ON "ReportRun"("period", "siteId");

