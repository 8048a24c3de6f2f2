-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "stuckAlertedAt" DATETIME;

