-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "stuckAlertedAt" TIMESTAMP(3);

