-- AlterTable
ALTER TABLE "RoyaltySheetRow" ADD COLUMN     "feeRole" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'author';

-- CreateTable
CREATE TABLE "WorkFee" (
    "itemId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "WorkFee_pkey" PRIMARY KEY ("itemId","personId")
);

-- AddForeignKey
ALTER TABLE "WorkFee" ADD CONSTRAINT "WorkFee_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "WorkRoyalty"("itemId") ON DELETE RESTRICT ON UPDATE CASCADE;

