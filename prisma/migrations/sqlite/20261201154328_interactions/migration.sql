-- CreateTable
CREATE TABLE "Interaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "parentExternalId" TEXT,
    "mirrorExternalId" TEXT,
    "channelId" TEXT,
    "itemId" TEXT,
    "code" TEXT,
    "siteId" TEXT,
    "authorName" TEXT,
    "authorRef" TEXT,
    "text" TEXT NOT NULL,
    "publicText" TEXT,
    "rating" TEXT,
    "ratingMean" REAL,
    "count" INTEGER,
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "editedAt" DATETIME,
    "removedAt" DATETIME,
    "history" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "answerText" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "announcedAt" DATETIME
);

-- CreateTable
CREATE TABLE "InteractionAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interactionId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "text" TEXT,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "callStartedAt" DATETIME,
    "externalId" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME
);

-- CreateTable
CREATE TABLE "InteractionCursor" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_sourceKey_key" ON "Interaction"("sourceKey");

-- CreateIndex
CREATE INDEX "Interaction_state_receivedAt_idx" ON "Interaction"("state", "receivedAt");

-- CreateIndex
CREATE INDEX "Interaction_itemId_state_idx" ON "Interaction"("itemId", "state");

-- CreateIndex
CREATE INDEX "Interaction_source_mirrorExternalId_idx" ON "Interaction"("source", "mirrorExternalId");

-- CreateIndex
CREATE INDEX "InteractionAction_state_nextAttemptAt_idx" ON "InteractionAction"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "InteractionAction_interactionId_action_key" ON "InteractionAction"("interactionId", "action");

