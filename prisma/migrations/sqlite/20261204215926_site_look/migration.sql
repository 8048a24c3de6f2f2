-- AlterTable
ALTER TABLE "Site" ADD COLUMN "accentColour" TEXT;
ALTER TABLE "Site" ADD COLUMN "emblem" TEXT;
