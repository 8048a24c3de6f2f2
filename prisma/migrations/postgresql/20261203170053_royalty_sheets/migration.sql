-- CreateTable
CREATE TABLE "RoyaltySheet" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "paymentDay" TEXT NOT NULL,
    "taxRuleFrom" TEXT NOT NULL,
    "gross" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,
    "builtById" TEXT,
    "checkedById" TEXT,
    "checkedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "paidById" TEXT,
    "paidAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoyaltySheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoyaltySheetRow" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "RoyaltySheetRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoyaltySheetPayee" (
    "sheetId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gross" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,

    CONSTRAINT "RoyaltySheetPayee_pkey" PRIMARY KEY ("sheetId","personId")
);

-- CreateTable
CREATE TABLE "RoyaltyPayee" (
    "personId" TEXT NOT NULL,
    "nonResident" BOOLEAN NOT NULL DEFAULT false,
    "waiverYear" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoyaltyPayee_pkey" PRIMARY KEY ("personId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RoyaltySheet_siteId_month_key" ON "RoyaltySheet"("siteId", "month");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_sheetId_position_idx" ON "RoyaltySheetRow"("sheetId", "position");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_itemId_personId_idx" ON "RoyaltySheetRow"("itemId", "personId");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_personId_idx" ON "RoyaltySheetRow"("personId");

-- AddForeignKey
ALTER TABLE "RoyaltySheetRow" ADD CONSTRAINT "RoyaltySheetRow_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoyaltySheetPayee" ADD CONSTRAINT "RoyaltySheetPayee_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

