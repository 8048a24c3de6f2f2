-- AlterTable
ALTER TABLE "Site" ADD COLUMN "address" TEXT;
ALTER TABLE "Site" ADD COLUMN "email" TEXT;
ALTER TABLE "Site" ADD COLUMN "phone" TEXT;
ALTER TABLE "Site" ADD COLUMN "responsible" TEXT;

-- CreateTable
CREATE TABLE "Category" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Publication" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT,
    "lang" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "mediaRefs" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "featured" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "takenDownAt" DATETIME,
    "takedownNote" TEXT
);

-- CreateTable
CREATE TABLE "Maintenance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "showFrom" DATETIME NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "restoresAt" DATETIME NOT NULL,
    "noteVi" TEXT NOT NULL,
    "noteEn" TEXT NOT NULL,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Publication_code_key" ON "Publication"("code");

-- CreateIndex
CREATE INDEX "Publication_siteId_lang_publishedAt_idx" ON "Publication"("siteId", "lang", "publishedAt");

-- CreateIndex
CREATE INDEX "Publication_category_publishedAt_idx" ON "Publication"("category", "publishedAt");

