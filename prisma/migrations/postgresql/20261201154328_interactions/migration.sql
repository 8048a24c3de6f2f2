-- CreateTable
CREATE TABLE "Interaction" (
    "id" TEXT NOT NULL,
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
    "ratingMean" DOUBLE PRECISION,
    "count" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "editedAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),
    "history" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "answerText" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "announcedAt" TIMESTAMP(3),

    CONSTRAINT "Interaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InteractionAction" (
    "id" TEXT NOT NULL,
    "interactionId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "text" TEXT,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "callStartedAt" TIMESTAMP(3),
    "externalId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "InteractionAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InteractionCursor" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InteractionCursor_pkey" PRIMARY KEY ("key")
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

