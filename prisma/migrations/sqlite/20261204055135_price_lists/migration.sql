-- AlterTable
ALTER TABLE "ServiceContract" ADD COLUMN "priceDeviation" TEXT;

-- CreateTable
CREATE TABLE "PriceList" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "proposedById" TEXT,
    "proposedAt" DATETIME NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "PriceRow" (
    "listId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "price" INTEGER NOT NULL,
    "discountPercent" INTEGER NOT NULL,

    PRIMARY KEY ("listId", "position"),
    CONSTRAINT "PriceRow_listId_fkey" FOREIGN KEY ("listId") REFERENCES "PriceList" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PriceList_code_key" ON "PriceList"("code");

-- CreateIndex
CREATE INDEX "PriceList_siteId_year_state_idx" ON "PriceList"("siteId", "year", "state");

