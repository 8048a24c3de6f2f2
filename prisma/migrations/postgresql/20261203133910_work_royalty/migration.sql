-- CreateTable
CREATE TABLE "WorkRoyalty" (
    "itemId" TEXT NOT NULL,
    "genreKey" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "encouragementPercent" INTEGER NOT NULL DEFAULT 0,
    "encouragementReason" TEXT,
    "proposedById" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkRoyalty_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "WorkAuthor" (
    "itemId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "penName" TEXT,
    "sharePercent" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "WorkAuthor_pkey" PRIMARY KEY ("itemId","personId")
);

-- AddForeignKey
ALTER TABLE "WorkRoyalty" ADD CONSTRAINT "WorkRoyalty_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkAuthor" ADD CONSTRAINT "WorkAuthor_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "WorkRoyalty"("itemId") ON DELETE RESTRICT ON UPDATE CASCADE;

