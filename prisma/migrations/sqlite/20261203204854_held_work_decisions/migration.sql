-- CreateTable
CREATE TABLE "HeldWorkDecision" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME NOT NULL
);

