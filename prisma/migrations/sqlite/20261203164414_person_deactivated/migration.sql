-- AlterTable
ALTER TABLE "Person" ADD COLUMN "deactivatedAt" DATETIME;

