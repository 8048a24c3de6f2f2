-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "address" TEXT,
ADD COLUMN     "email" TEXT,
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "responsible" TEXT;

-- CreateTable
CREATE TABLE "Category" (
    "key" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Publication" (
    "itemId" TEXT NOT NULL,
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
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "takenDownAt" TIMESTAMP(3),
    "takedownNote" TEXT,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "Maintenance" (
    "id" TEXT NOT NULL,
    "showFrom" TIMESTAMP(3) NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "restoresAt" TIMESTAMP(3) NOT NULL,
    "noteVi" TEXT NOT NULL,
    "noteEn" TEXT NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Maintenance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Publication_code_key" ON "Publication"("code");

-- CreateIndex
CREATE INDEX "Publication_siteId_lang_publishedAt_idx" ON "Publication"("siteId", "lang", "publishedAt");

-- CreateIndex
CREATE INDEX "Publication_category_publishedAt_idx" ON "Publication"("category", "publishedAt");

