-- CreateTable
CREATE TABLE "ChatSendLog" (
    "id" TEXT NOT NULL,
    "accountKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatSendLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatSendLog_accountKey_at_idx" ON "ChatSendLog"("accountKey", "at");

