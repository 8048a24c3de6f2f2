-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WorkRoyalty" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "genreKey" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "encouragementPercent" INTEGER NOT NULL DEFAULT 0,
    "encouragementReason" TEXT,
    "proposedById" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "WorkRoyalty_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_WorkRoyalty" ("coefficient", "confirmedAt", "confirmedById", "encouragementPercent", "encouragementReason", "genreKey", "itemId", "proposedById", "updatedAt") SELECT "coefficient", "confirmedAt", "confirmedById", "encouragementPercent", "encouragementReason", "genreKey", "itemId", "proposedById", "updatedAt" FROM "WorkRoyalty";
DROP TABLE "WorkRoyalty";
ALTER TABLE "new_WorkRoyalty" RENAME TO "WorkRoyalty";
CREATE INDEX "WorkRoyalty_open_idx" ON "WorkRoyalty"("open");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

