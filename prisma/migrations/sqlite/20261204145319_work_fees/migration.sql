-- CreateTable
CREATE TABLE "WorkFee" (
    "itemId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("itemId", "personId"),
    CONSTRAINT "WorkFee_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "WorkRoyalty" ("itemId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RoyaltySheetRow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sheetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "itemId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'author',
    "feeRole" TEXT,
    "penName" TEXT,
    "genreKey" TEXT NOT NULL,
    "coefficient" INTEGER NOT NULL,
    "unitValue" INTEGER NOT NULL,
    "sitePercent" INTEGER NOT NULL,
    "encouragementPercent" INTEGER NOT NULL,
    "sharePercent" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "prior" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RoyaltySheetRow_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "RoyaltySheet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RoyaltySheetRow" ("amount", "code", "coefficient", "encouragementPercent", "genreKey", "id", "itemId", "penName", "personId", "position", "prior", "sharePercent", "sheetId", "sitePercent", "title", "unitValue") SELECT "amount", "code", "coefficient", "encouragementPercent", "genreKey", "id", "itemId", "penName", "personId", "position", "prior", "sharePercent", "sheetId", "sitePercent", "title", "unitValue" FROM "RoyaltySheetRow";
DROP TABLE "RoyaltySheetRow";
ALTER TABLE "new_RoyaltySheetRow" RENAME TO "RoyaltySheetRow";
CREATE INDEX "RoyaltySheetRow_sheetId_position_idx" ON "RoyaltySheetRow"("sheetId", "position");
CREATE INDEX "RoyaltySheetRow_itemId_personId_idx" ON "RoyaltySheetRow"("itemId", "personId");
CREATE INDEX "RoyaltySheetRow_personId_idx" ON "RoyaltySheetRow"("personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

