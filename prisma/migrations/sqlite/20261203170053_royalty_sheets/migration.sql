-- CreateTable
CREATE TABLE "RoyaltySheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "paymentDay" TEXT NOT NULL,
    "taxRuleFrom" TEXT NOT NULL,
    "gross" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "builtAt" DATETIME NOT NULL,
    "builtById" TEXT,
    "checkedById" TEXT,
    "checkedAt" DATETIME,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "paidById" TEXT,
    "paidAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RoyaltySheetRow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sheetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "itemId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "penName" TEXT,
    "genreKey" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "unitValue" INTEGER NOT NULL,
    "sitePercent" INTEGER NOT NULL,
    "encouragementPercent" INTEGER NOT NULL,
    "sharePercent" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "prior" INTEGER NOT NULL DEFAULT 0,
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

-- CreateTable
CREATE TABLE "RoyaltyPayee" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "nonResident" BOOLEAN NOT NULL DEFAULT false,
    "waiverYear" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RoyaltySheet_siteId_month_key" ON "RoyaltySheet"("siteId", "month");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_sheetId_position_idx" ON "RoyaltySheetRow"("sheetId", "position");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_itemId_personId_idx" ON "RoyaltySheetRow"("itemId", "personId");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_personId_idx" ON "RoyaltySheetRow"("personId");

