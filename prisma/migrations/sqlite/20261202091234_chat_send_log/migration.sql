-- CreateTable
CREATE TABLE "ChatSendLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ChatSendLog_accountKey_at_idx" ON "ChatSendLog"("accountKey", "at");

