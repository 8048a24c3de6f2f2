-- CreateTable
CREATE TABLE "PageViewHour" (
    "hour" TEXT NOT NULL,
    "siteKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PageViewHour_pkey" PRIMARY KEY ("hour","siteKey","kind","ref")
);

-- CreateTable
CREATE TABLE "PageViewDay" (
    "day" TEXT NOT NULL,
    "siteKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PageViewDay_pkey" PRIMARY KEY ("day","siteKey","kind","ref")
);

-- CreateTable
CREATE TABLE "VisitorSketch" (
    "day" TEXT NOT NULL,
    "siteKey" TEXT NOT NULL,
    "registers" BYTEA NOT NULL,

    CONSTRAINT "VisitorSketch_pkey" PRIMARY KEY ("day","siteKey")
);

-- CreateTable
CREATE TABLE "SearchTermDay" (
    "day" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchTermDay_pkey" PRIMARY KEY ("day","term")
);

-- CreateIndex
CREATE INDEX "PageViewDay_siteKey_day_idx" ON "PageViewDay"("siteKey", "day");

-- CreateIndex
CREATE INDEX "PageViewDay_kind_ref_idx" ON "PageViewDay"("kind", "ref");

