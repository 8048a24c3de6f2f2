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

    CONSTRAINT "PublicationTally_pkey" PRIMARY KEY ("siteId","lang","category","month")
);

-- CreateTable
CREATE TABLE "PublicationMedia" (
    "itemId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,

    CONSTRAINT "PublicationMedia_pkey" PRIMARY KEY ("itemId","ref")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
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
-- correct, take down, the demo's bulk path alike): no writer can forget them.
CREATE FUNCTION "publication_sides"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD."takenDownAt" IS NULL THEN
      UPDATE "PublicationTally" SET "live" = "live" - 1
        WHERE "siteId" = OLD."siteId" AND "lang" = OLD."lang" AND "category" = COALESCE(OLD."category", '') AND "month" = to_char(OLD."publishedAt", 'YYYY-MM');
    END IF;
    DELETE FROM "PublicationMedia" WHERE "itemId" = OLD."itemId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."takenDownAt" IS NULL THEN
    INSERT INTO "PublicationTally" ("siteId", "lang", "category", "month", "live")
      VALUES (NEW."siteId", NEW."lang", COALESCE(NEW."category", ''), to_char(NEW."publishedAt", 'YYYY-MM'), 1)
      ON CONFLICT ("siteId", "lang", "category", "month") DO UPDATE SET "live" = "PublicationTally"."live" + 1;
    INSERT INTO "PublicationMedia" ("itemId", "ref")
      SELECT DISTINCT NEW."itemId", r FROM jsonb_array_elements(NEW."mediaRefs"::jsonb) AS e(v), LATERAL (SELECT e.v #>> '{}' AS r) AS t
      WHERE jsonb_typeof(e.v) = 'string'
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Publication_sides" AFTER INSERT OR DELETE OR UPDATE OF "siteId", "lang", "category", "publishedAt", "takenDownAt", "mediaRefs" ON "Publication"
  FOR EACH ROW EXECUTE FUNCTION "publication_sides"();

-- What is already published is counted and its files listed once, here.
INSERT INTO "PublicationTally" ("siteId", "lang", "category", "month", "live")
  SELECT "siteId", "lang", COALESCE("category", ''), to_char("publishedAt", 'YYYY-MM'), COUNT(*)
  FROM "Publication" WHERE "takenDownAt" IS NULL GROUP BY 1, 2, 3, 4;
INSERT INTO "PublicationMedia" ("itemId", "ref")
  SELECT DISTINCT p."itemId", e.v #>> '{}' FROM "Publication" p, jsonb_array_elements(p."mediaRefs"::jsonb) AS e(v)
  WHERE p."takenDownAt" IS NULL AND jsonb_typeof(e.v) = 'string'
  ON CONFLICT DO NOTHING;
