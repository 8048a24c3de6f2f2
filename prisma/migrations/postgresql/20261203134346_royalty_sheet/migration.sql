-- CreateTable
CREATE TABLE "RoyaltySheet" (
    "id" TEXT NOT NULL,
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
    "builtAt" TIMESTAMP(3) NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),

    CONSTRAINT "RoyaltySheet_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "RoyaltySheetRow_pkey" PRIMARY KEY ("sheetId","position")
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

-- CreateIndex
CREATE UNIQUE INDEX "RoyaltySheet_siteId_month_key" ON "RoyaltySheet"("siteId", "month");

-- CreateIndex
CREATE INDEX "RoyaltySheetRow_itemId_idx" ON "RoyaltySheetRow"("itemId");

-- AddForeignKey
ALTER TABLE "RoyaltySheetRow" ADD CONSTRAINT "RoyaltySheetRow_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoyaltySheetPayee" ADD CONSTRAINT "RoyaltySheetPayee_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

