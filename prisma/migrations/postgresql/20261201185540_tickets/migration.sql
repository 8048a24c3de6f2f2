-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "unitSiteId" TEXT,
    "assigneeId" TEXT,
    "assignedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "dueMoves" TEXT NOT NULL DEFAULT '[]',
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "answerText" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answerSentVia" TEXT,
    "publish" BOOLEAN,
    "publishReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "publicName" TEXT,
    "publicQuestion" TEXT,
    "publicAnswer" TEXT,
    "searchText" TEXT,
    "declinedReason" TEXT,
    "archivedAt" TIMESTAMP(3),
    "announcedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "OutgoingMail" (
    "id" TEXT NOT NULL,
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
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutgoingMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncomingMail" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "mailbox" TEXT NOT NULL,
    "uid" INTEGER NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "became" TEXT NOT NULL,
    "subjectId" TEXT,

    CONSTRAINT "IncomingMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "agency" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "documentRef" TEXT NOT NULL,
    "documentName" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "summaryDocxRef" TEXT,
    "summaryXlsxRef" TEXT,
    "summarySentAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationSection" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ConsultationSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationComment" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "announcedAt" TIMESTAMP(3),

    CONSTRAINT "ConsultationComment_pkey" PRIMARY KEY ("id")
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

