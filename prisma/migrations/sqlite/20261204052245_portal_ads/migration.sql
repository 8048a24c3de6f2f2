-- CreateTable
CREATE TABLE "Ad" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "alt" TEXT NOT NULL,
    "imageFile" TEXT NOT NULL,
    "imageType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    "startDay" TEXT NOT NULL,
    "endDay" TEXT NOT NULL,
    "fixed" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AdHour" (
    "adId" TEXT NOT NULL,
    "hour" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "views" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("adId", "hour")
);

-- CreateTable
CREATE TABLE "AdDay" (
    "adId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "views" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("adId", "day")
);

-- CreateTable
CREATE TABLE "AdReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "adId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "toldAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Ad_code_key" ON "Ad"("code");

-- CreateIndex
CREATE INDEX "Ad_siteId_state_idx" ON "Ad"("siteId", "state");

-- CreateIndex
CREATE INDEX "AdHour_hour_idx" ON "AdHour"("hour");

-- CreateIndex
CREATE INDEX "AdReport_toldAt_createdAt_idx" ON "AdReport"("toldAt", "createdAt");

-- CreateIndex
CREATE INDEX "AdReport_adId_idx" ON "AdReport"("adId");

