-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "subject" TEXT,
    "question" TEXT NOT NULL,
    "field" TEXT,
    "lang" TEXT NOT NULL DEFAULT 'vi',
    "senderName" TEXT NOT NULL,
    "senderEmail" TEXT,
    "senderContact" TEXT NOT NULL DEFAULT '{}',
    "receivedById" TEXT,
    "reference" TEXT,
    "interactionId" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "verifiedAt" DATETIME,
    "unitSiteId" TEXT,
    "assigneeId" TEXT,
    "assignedAt" DATETIME,
    "dueAt" DATETIME,
    "dueMoves" TEXT NOT NULL DEFAULT '[]',
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "answerText" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "answerSentVia" TEXT,
    "publish" BOOLEAN,
    "publishReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "publicName" TEXT,
    "publicQuestion" TEXT,
    "publicAnswer" TEXT,
    "searchText" TEXT,
    "declinedReason" TEXT,
    "archivedAt" DATETIME,
    "announcedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutgoingMail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "messageId" TEXT NOT NULL,
    "inReplyTo" TEXT,
    "references" TEXT,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "IncomingMail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "mailbox" TEXT NOT NULL,
    "uid" INTEGER NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "became" TEXT NOT NULL,
    "subjectId" TEXT
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "agency" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "documentRef" TEXT NOT NULL,
    "documentName" TEXT NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "closedAt" DATETIME,
    "summaryDocxRef" TEXT,
    "summaryXlsxRef" TEXT,
    "summarySentAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConsultationSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "ConsultationComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "senderEmail" TEXT,
    "senderContact" TEXT NOT NULL DEFAULT '{}',
    "text" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "announcedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_code_key" ON "Ticket"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_dedupeKey_key" ON "Ticket"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_interactionId_key" ON "Ticket"("interactionId");

-- CreateIndex
CREATE INDEX "Ticket_state_dueAt_idx" ON "Ticket"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Ticket_unitSiteId_state_idx" ON "Ticket"("unitSiteId", "state");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_state_idx" ON "Ticket"("assigneeId", "state");

-- CreateIndex
CREATE INDEX "Ticket_publish_answeredAt_idx" ON "Ticket"("publish", "answeredAt");

-- CreateIndex
CREATE INDEX "Ticket_siteId_receivedAt_idx" ON "Ticket"("siteId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketMessage_dedupeKey_key" ON "TicketMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "TicketMessage_ticketId_at_idx" ON "TicketMessage"("ticketId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OutgoingMail_purpose_key" ON "OutgoingMail"("purpose");

-- CreateIndex
CREATE INDEX "OutgoingMail_state_nextAttemptAt_idx" ON "OutgoingMail"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncomingMail_messageId_key" ON "IncomingMail"("messageId");

-- CreateIndex
CREATE INDEX "IncomingMail_fromAddress_idx" ON "IncomingMail"("fromAddress");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_slug_key" ON "Consultation"("slug");

-- CreateIndex
CREATE INDEX "Consultation_state_closesAt_idx" ON "Consultation"("state", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationSection_consultationId_position_key" ON "ConsultationSection"("consultationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationComment_dedupeKey_key" ON "ConsultationComment"("dedupeKey");

-- CreateIndex
CREATE INDEX "ConsultationComment_consultationId_sectionId_state_idx" ON "ConsultationComment"("consultationId", "sectionId", "state");

-- CreateIndex
CREATE INDEX "ConsultationComment_state_receivedAt_idx" ON "ConsultationComment"("state", "receivedAt");

