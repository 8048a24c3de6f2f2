-- CreateTable
CREATE TABLE "Channel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "credentials" TEXT NOT NULL,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "refreshLockUntil" DATETIME,
    "refreshLockToken" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ChannelQuota" (
    "channelId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "used" INTEGER NOT NULL,
    "warnedAt" DATETIME,
    "exhaustedAt" DATETIME,

    PRIMARY KEY ("channelId", "period"),
    CONSTRAINT "ChannelQuota_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delivery" (
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

-- CreateIndex
CREATE UNIQUE INDEX "Channel_key_key" ON "Channel"("key");

-- CreateIndex
CREATE INDEX "Delivery_state_nextAttemptAt_idx" ON "Delivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_itemId_channelId_action_part_revisionHash_key" ON "Delivery"("itemId", "channelId", "action", "part", "revisionHash");

