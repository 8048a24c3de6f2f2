-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

