-- AlterTable
ALTER TABLE "WorkRoyalty" ADD COLUMN     "open" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "WorkRoyalty_open_idx" ON "WorkRoyalty"("open");

