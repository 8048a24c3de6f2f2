-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "procedures" TEXT;

