-- CreateTable
CREATE TABLE "DocumentRecord" (
    "itemId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "numberKey" TEXT NOT NULL,
    "docType" TEXT NOT NULL,
    "agency" TEXT NOT NULL,
    "agencyKey" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "signerKey" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "fieldKey" TEXT NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "issuedYear" INTEGER NOT NULL,
    "effectiveOn" TEXT,
    "fileRef" TEXT,
    "fileName" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "textState" TEXT NOT NULL,
    "live" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentRecord_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "DocumentRecord_live_numberKey_idx" ON "DocumentRecord"("live", "numberKey");

-- CreateIndex
CREATE INDEX "DocumentRecord_live_agencyKey_issuedOn_idx" ON "DocumentRecord"("live", "agencyKey", "issuedOn");

-- CreateIndex
CREATE INDEX "DocumentRecord_live_signerKey_issuedOn_idx" ON "DocumentRecord"("live", "signerKey", "issuedOn");

-- CreateIndex
CREATE INDEX "DocumentRecord_live_fieldKey_issuedOn_idx" ON "DocumentRecord"("live", "fieldKey", "issuedOn");

-- CreateIndex
CREATE INDEX "DocumentRecord_live_docType_issuedOn_idx" ON "DocumentRecord"("live", "docType", "issuedOn");

-- CreateIndex
CREATE INDEX "DocumentRecord_live_issuedYear_issuedOn_idx" ON "DocumentRecord"("live", "issuedYear", "issuedOn");

-- CreateIndex
CREATE INDEX "DocumentRecord_live_siteId_issuedOn_idx" ON "DocumentRecord"("live", "siteId", "issuedOn");

