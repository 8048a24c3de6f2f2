-- AlterTable
ALTER TABLE "Item" ADD COLUMN "sponsorContractId" TEXT;

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN "sponsor" TEXT;

