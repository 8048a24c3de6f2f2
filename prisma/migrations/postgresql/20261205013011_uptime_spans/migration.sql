-- CreateTable
CREATE TABLE "UptimeSpan" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UptimeSpan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UptimeSpan_lastSeenAt_idx" ON "UptimeSpan"("lastSeenAt");

