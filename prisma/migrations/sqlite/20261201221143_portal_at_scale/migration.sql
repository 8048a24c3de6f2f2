-- DropIndex
DROP INDEX "Publication_siteId_lang_publishedAt_idx";

-- DropIndex
DROP INDEX "Publication_category_publishedAt_idx";

-- CreateTable
CREATE TABLE "PublicationTally" (
    "siteId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "live" INTEGER NOT NULL,

    PRIMARY KEY ("siteId", "lang", "category", "month")
);

-- CreateTable
CREATE TABLE "PublicationMedia" (
    "itemId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,

    PRIMARY KEY ("itemId", "ref")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "takenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PublicationTally_lang_category_idx" ON "PublicationTally"("lang", "category");

-- CreateIndex
CREATE INDEX "PublicationMedia_ref_idx" ON "PublicationMedia"("ref");

-- CreateIndex
CREATE INDEX "Publication_siteId_lang_publishedAt_itemId_idx" ON "Publication"("siteId", "lang", "publishedAt", "itemId");

-- CreateIndex
CREATE INDEX "Publication_siteId_lang_featured_publishedAt_itemId_idx" ON "Publication"("siteId", "lang", "featured", "publishedAt", "itemId");

-- CreateIndex
CREATE INDEX "Publication_category_lang_publishedAt_itemId_idx" ON "Publication"("category", "lang", "publishedAt", "itemId");

-- CreateIndex
CREATE INDEX "Publication_lang_publishedAt_itemId_idx" ON "Publication"("lang", "publishedAt", "itemId");

-- CreateIndex
CREATE INDEX "Publication_publishedAt_itemId_idx" ON "Publication"("publishedAt", "itemId");


-- PublicationTally and PublicationMedia follow Publication in the transaction of every write (publish,
-- correct, take down, the demo's bulk path alike): no writer can forget them. A month is read from the
-- stored ISO-8601 text (an integer would be epoch milliseconds).
CREATE TRIGGER "Publication_sides_insert" AFTER INSERT ON "Publication" WHEN NEW."takenDownAt" IS NULL
BEGIN
  INSERT INTO "PublicationTally" ("siteId", "lang", "category", "month", "live")
    VALUES (NEW."siteId", NEW."lang", COALESCE(NEW."category", ''), CASE WHEN typeof(NEW."publishedAt") = 'integer' THEN strftime('%Y-%m', NEW."publishedAt" / 1000, 'unixepoch') ELSE substr(NEW."publishedAt", 1, 7) END, 1)
    ON CONFLICT ("siteId", "lang", "category", "month") DO UPDATE SET "live" = "live" + 1;
  INSERT OR IGNORE INTO "PublicationMedia" ("itemId", "ref") SELECT NEW."itemId", "value" FROM json_each(NEW."mediaRefs") WHERE "type" = 'text';
END;

CREATE TRIGGER "Publication_sides_update" AFTER UPDATE OF "siteId", "lang", "category", "publishedAt", "takenDownAt", "mediaRefs" ON "Publication"
BEGIN
  UPDATE "PublicationTally" SET "live" = "live" - 1
    WHERE OLD."takenDownAt" IS NULL AND "siteId" = OLD."siteId" AND "lang" = OLD."lang" AND "category" = COALESCE(OLD."category", '')
      AND "month" = CASE WHEN typeof(OLD."publishedAt") = 'integer' THEN strftime('%Y-%m', OLD."publishedAt" / 1000, 'unixepoch') ELSE substr(OLD."publishedAt", 1, 7) END;
  INSERT INTO "PublicationTally" ("siteId", "lang", "category", "month", "live")
    SELECT NEW."siteId", NEW."lang", COALESCE(NEW."category", ''), CASE WHEN typeof(NEW."publishedAt") = 'integer' THEN strftime('%Y-%m', NEW."publishedAt" / 1000, 'unixepoch') ELSE substr(NEW."publishedAt", 1, 7) END, 1
    WHERE NEW."takenDownAt" IS NULL
    ON CONFLICT ("siteId", "lang", "category", "month") DO UPDATE SET "live" = "live" + 1;
  DELETE FROM "PublicationMedia" WHERE "itemId" = OLD."itemId";
  INSERT OR IGNORE INTO "PublicationMedia" ("itemId", "ref") SELECT NEW."itemId", "value" FROM json_each(NEW."mediaRefs") WHERE NEW."takenDownAt" IS NULL AND "type" = 'text';
END;

CREATE TRIGGER "Publication_sides_delete" AFTER DELETE ON "Publication"
BEGIN
  UPDATE "PublicationTally" SET "live" = "live" - 1
    WHERE OLD."takenDownAt" IS NULL AND "siteId" = OLD."siteId" AND "lang" = OLD."lang" AND "category" = COALESCE(OLD."category", '')
      AND "month" = CASE WHEN typeof(OLD."publishedAt") = 'integer' THEN strftime('%Y-%m', OLD."publishedAt" / 1000, 'unixepoch') ELSE substr(OLD."publishedAt", 1, 7) END;
  DELETE FROM "PublicationMedia" WHERE "itemId" = OLD."itemId";
END;

-- What is already published is counted and its files listed once, here.
INSERT INTO "PublicationTally" ("siteId", "lang", "category", "month", "live")
  SELECT "siteId", "lang", COALESCE("category", ''), CASE WHEN typeof("publishedAt") = 'integer' THEN strftime('%Y-%m', "publishedAt" / 1000, 'unixepoch') ELSE substr("publishedAt", 1, 7) END, COUNT(*)
  FROM "Publication" WHERE "takenDownAt" IS NULL GROUP BY 1, 2, 3, 4;
INSERT OR IGNORE INTO "PublicationMedia" ("itemId", "ref")
  SELECT p."itemId", j."value" FROM "Publication" p, json_each(p."mediaRefs") j WHERE p."takenDownAt" IS NULL AND j."type" = 'text';
