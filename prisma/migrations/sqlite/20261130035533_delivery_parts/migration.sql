-- CreateTable
CREATE TABLE "ChannelQuota" (
    "channelId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "used" INTEGER NOT NULL,
    "warnedAt" DATETIME,

    PRIMARY KEY ("channelId", "day"),
    CONSTRAINT "ChannelQuota_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "part" TEXT NOT NULL DEFAULT 'post',
    "revisionHash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "callStartedAt" DATETIME,
    "externalId" TEXT,
    "externalUrl" TEXT,
    "lastError" TEXT,
    "deadlineAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "stuckAlertedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Delivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Delivery" ("action", "attempts", "callStartedAt", "channelId", "claimToken", "code", "createdAt", "deadlineAt", "deliveredAt", "externalId", "externalUrl", "id", "itemId", "lastError", "leaseUntil", "nextAttemptAt", "revisionHash", "state", "stuckAlertedAt") SELECT "action", "attempts", "callStartedAt", "channelId", "claimToken", "code", "createdAt", "deadlineAt", "deliveredAt", "externalId", "externalUrl", "id", "itemId", "lastError", "leaseUntil", "nextAttemptAt", "revisionHash", "state", "stuckAlertedAt" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE INDEX "Delivery_state_nextAttemptAt_idx" ON "Delivery"("state", "nextAttemptAt");
CREATE UNIQUE INDEX "Delivery_itemId_channelId_action_part_revisionHash_key" ON "Delivery"("itemId", "channelId", "action", "part", "revisionHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

