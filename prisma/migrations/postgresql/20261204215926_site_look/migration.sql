-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "accentColour" TEXT,
ADD COLUMN     "emblem" TEXT;
