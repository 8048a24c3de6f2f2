-- CreateTable
CREATE TABLE "WorkRoyalty" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "genreKey" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "encouragementPercent" INTEGER NOT NULL DEFAULT 0,
    "encouragementReason" TEXT,
    "proposedById" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkRoyalty_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkAuthor" (
    "itemId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "penName" TEXT,
    "sharePercent" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("itemId", "personId"),
    CONSTRAINT "WorkAuthor_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "WorkRoyalty" ("itemId") ON DELETE RESTRICT ON UPDATE CASCADE
);

