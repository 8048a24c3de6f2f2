-- Full-text search over live publications (src/store/search/postgres.ts). Not in schema.prisma (Prisma
-- has no tsvector column type), so tests/helpers/catalog.ts leaves "PublicationSearch*" out.
--
-- "doc": Publication.searchText (already folded by src/core/search.ts: no case, no marks, đ → d) with
-- everything but letters and digits made a space, as whole syllables with positions (for phrases), plus
-- the filters as lexemes no text can make ('~s' site, '~l' language, '~c' section, each the hex of its
-- UTF-8), so the GIN index intersects a filter like a word, and the month and year of publication
-- ('~m202611', '~y2026', UTC): a GIN index keeps no time order, so the newest matches are asked span by
-- span, newest first, and the index reads along a span's list instead of returning every match
-- (src/store/search/timeSpans.ts). The 'simple' configuration: no stemming,
-- no stop words (the query language drops those itself, src/core/searchQuery.ts).
CREATE TABLE "PublicationSearch" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "doc" tsvector NOT NULL
) WITH (toast_tuple_target = 128);
CREATE INDEX "PublicationSearch_doc_idx" ON "PublicationSearch" USING GIN ("doc");
CREATE INDEX "PublicationSearch_publishedAt_itemId_idx" ON "PublicationSearch" ("publishedAt", "itemId");

-- The title (the start of searchText as long as the title: folding keeps a Vietnamese NFC title's
-- length; where it does not, the boundary moves by a letter or two) weighs A, the rest B, filters D.
CREATE FUNCTION "publication_search_doc"("searchText" TEXT, "title" TEXT, "siteId" TEXT, "lang" TEXT, "category" TEXT, "publishedAt" TIMESTAMP(3)) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple'::regconfig, regexp_replace(left($1, length($2)), '[^[:alnum:]]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple'::regconfig, regexp_replace(substr(left($1, 200000), length($2) + 1), '[^[:alnum:]]+', ' ', 'g')), 'B')
    || array_to_tsvector(ARRAY[
         '~s' || encode(convert_to($3, 'UTF8'), 'hex'),
         '~l' || encode(convert_to($4, 'UTF8'), 'hex'),
         '~c' || encode(convert_to(COALESCE($5, ''), 'UTF8'), 'hex'),
         '~m' || (extract(year FROM $6) * 100 + extract(month FROM $6))::int::text,
         '~y' || extract(year FROM $6)::int::text])
$$;

-- Kept by a trigger in the writer's transaction: publish, correct, take down and bulk inserts alike.
CREATE FUNCTION "publication_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- NEW is null in a DELETE trigger and OLD in an INSERT one (PostgreSQL 11 and later).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW."takenDownAt" IS NOT NULL OR OLD."itemId" <> NEW."itemId")) THEN
    DELETE FROM "PublicationSearch" WHERE "itemId" = OLD."itemId";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."takenDownAt" IS NULL THEN
    INSERT INTO "PublicationSearch" ("itemId", "publishedAt", "doc")
      VALUES (NEW."itemId", NEW."publishedAt", "publication_search_doc"(NEW."searchText", NEW."title", NEW."siteId", NEW."lang", NEW."category", NEW."publishedAt"))
      ON CONFLICT ("itemId") DO UPDATE SET "publishedAt" = EXCLUDED."publishedAt", "doc" = EXCLUDED."doc";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Publication_search" AFTER INSERT OR DELETE OR UPDATE OF "searchText", "title", "takenDownAt", "siteId", "lang", "category", "publishedAt" ON "Publication"
  FOR EACH ROW EXECUTE FUNCTION "publication_search"();

-- What is already published is indexed once, here.
INSERT INTO "PublicationSearch" ("itemId", "publishedAt", "doc")
  SELECT "itemId", "publishedAt", "publication_search_doc"("searchText", "title", "siteId", "lang", "category", "publishedAt")
  FROM "Publication" WHERE "takenDownAt" IS NULL;
