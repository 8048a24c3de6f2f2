-- CreateTable
CREATE TABLE "UptimeSpan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "UptimeSpan_lastSeenAt_idx" ON "UptimeSpan"("lastSeenAt");

