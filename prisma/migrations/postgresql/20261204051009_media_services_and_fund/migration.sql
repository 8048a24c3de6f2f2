-- CreateTable
CREATE TABLE "Partner" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "taxNumber" TEXT,
    "contact" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceContract" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "taxPercent" INTEGER NOT NULL,
    "startDay" TEXT NOT NULL,
    "endDay" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "proposedById" TEXT,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServiceContract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractShare" (
    "contractId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "sharePercent" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ContractShare_pkey" PRIMARY KEY ("contractId","personId")
);

-- CreateTable
CREATE TABLE "RevenuePayment" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "receipt" TEXT,
    "receiptKey" TEXT,
    "amount" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "afterTax" INTEGER NOT NULL,
    "reverses" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RevenuePayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevenueEntry" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "personId" TEXT,
    "amount" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "RevenueEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoyaltyFundEntry" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "ref" TEXT,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoyaltyFundEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Partner_taxNumber_key" ON "Partner"("taxNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceContract_code_key" ON "ServiceContract"("code");

-- CreateIndex
CREATE INDEX "ServiceContract_state_idx" ON "ServiceContract"("state");

-- CreateIndex
CREATE INDEX "ServiceContract_siteId_proposedAt_idx" ON "ServiceContract"("siteId", "proposedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RevenuePayment_reverses_key" ON "RevenuePayment"("reverses");

-- CreateIndex
CREATE INDEX "RevenuePayment_siteId_day_idx" ON "RevenuePayment"("siteId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "RevenuePayment_contractId_receiptKey_key" ON "RevenuePayment"("contractId", "receiptKey");

-- CreateIndex
CREATE INDEX "RevenueEntry_paymentId_position_idx" ON "RevenueEntry"("paymentId", "position");

-- CreateIndex
CREATE INDEX "RevenueEntry_personId_idx" ON "RevenueEntry"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "RoyaltyFundEntry_ref_key" ON "RoyaltyFundEntry"("ref");

-- CreateIndex
CREATE INDEX "RoyaltyFundEntry_siteId_day_idx" ON "RoyaltyFundEntry"("siteId", "day");

-- AddForeignKey
ALTER TABLE "ServiceContract" ADD CONSTRAINT "ServiceContract_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractShare" ADD CONSTRAINT "ContractShare_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "ServiceContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevenuePayment" ADD CONSTRAINT "RevenuePayment_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "ServiceContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevenueEntry" ADD CONSTRAINT "RevenueEntry_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "RevenuePayment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

