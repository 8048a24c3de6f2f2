-- CreateTable
CREATE TABLE "RoyaltySheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "paymentDay" TEXT NOT NULL,
    "rateDay" TEXT NOT NULL,
    "taxRuleFrom" TEXT NOT NULL,
    "gross" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "netInWords" TEXT NOT NULL,
    "builtAt" DATETIME NOT NULL,
    "approvedAt" DATETIME,
    "paidAt" DATETIME
);

-- CreateTable
CREATE TABLE "RoyaltySheetRow" (
    "sheetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "genreKey" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "unitValue" INTEGER NOT NULL,
    "sitePercent" INTEGER NOT NULL,
    "encouragementPercent" INTEGER NOT NULL,
    "sharePercent" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,

    PRIMARY KEY ("sheetId", "position"),
    CONSTRAINT "RoyaltySheetRow_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoyaltySheetPayee" (
    "sheetId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gross" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,

    PRIMARY KEY ("sheetId", "personId"),
    CONSTRAINT "RoyaltySheetPayee_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RoyaltySheet_siteId_month_key" ON "RoyaltySheet"("siteId", "month");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_itemId_idx" ON "RoyaltySheetRow"("itemId");

