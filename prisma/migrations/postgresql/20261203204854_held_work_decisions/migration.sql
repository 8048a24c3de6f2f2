-- CreateTable
CREATE TABLE "HeldWorkDecision" (
    "itemId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HeldWorkDecision_pkey" PRIMARY KEY ("itemId")
);

