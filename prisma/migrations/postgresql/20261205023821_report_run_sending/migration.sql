-- AlterTable
ALTER TABLE "ReportRun" ADD COLUMN     "sendingAt" TIMESTAMP(3),
ADD COLUMN     "sentParts" INTEGER NOT NULL DEFAULT 0;

