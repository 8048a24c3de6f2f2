-- Full-text search over live publications (src/store/search/sqlite.ts). Not in schema.prisma: Prisma
-- cannot describe a virtual table, so tests/helpers/catalog.ts leaves "PublicationSearch*" out.
--
-- "PublicationSearchDoc" numbers each live publication so that the number grows with its publication
-- time: docid = whole seconds since 1970 * 2^20 + its order within that second. FTS5 keeps its lists in
-- docid order, so "the newest N matches" is a walk from the end that stops after N, and a date range is
-- a docid range, both done inside FTS5 rather than by scanning rows.
CREATE TABLE "PublicationSearchDoc" (
    "docid" INTEGER NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL
);
CREATE UNIQUE INDEX "PublicationSearchDoc_itemId_key" ON "PublicationSearchDoc"("itemId");

-- "body": Publication.searchText (already folded by src/core/search.ts: no case, no marks, đ → d), with
-- the private-use stand-ins for % _ \ made separators. unicode61 only splits it into whole syllables.
-- "tags": the filters as tokens (s = site, c = section, each the hex of its UTF-8), so a filter is one
-- more list FTS5 intersects; and l = language for every language but Vietnamese, which is most of the
-- archive: a token on every item is a list as long as the archive, walked by every search (half of a
-- search's time at 1M items), while "not another language" reads only the short lists.
-- Contentless: the text already lives in Publication.
CREATE VIRTUAL TABLE "PublicationSearch" USING fts5(
    "body", "tags",
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '3'
);

-- The title alone (the start of searchText as long as the title: folding keeps a Vietnamese NFC title's
-- length; where it does not, the boundary moves by a letter or two): a match there ranks first. Its own
-- index, so that asking which candidates match in the title walks title-length lists, not bodies'.
-- With the same filter tokens: the title is the start of the body, so a title match that passes the
-- filters inside the candidates' range is one of the candidates.
CREATE VIRTUAL TABLE "PublicationTitleSearch" USING fts5(
    "title", "tags",
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '3'
);

-- Kept by triggers in the writer's transaction: publish, correct, take down and bulk inserts alike.
CREATE TRIGGER "Publication_search_insert" AFTER INSERT ON "Publication" WHEN NEW."takenDownAt" IS NULL
BEGIN
  INSERT INTO "PublicationSearchDoc" ("docid", "itemId")
    SELECT COALESCE((SELECT MAX("docid") FROM "PublicationSearchDoc" WHERE "docid" BETWEEN b.base AND b.base + 1048575), b.base - 1) + 1, NEW."itemId"
    FROM (SELECT (CASE WHEN typeof(NEW."publishedAt") = 'integer' THEN NEW."publishedAt" / 1000 ELSE unixepoch(NEW."publishedAt") END) * 1048576 AS base) b;
  INSERT INTO "PublicationSearch" ("rowid", "body", "tags")
    SELECT d."docid",
      replace(replace(replace(NEW."searchText", char(57381), ' '), char(57439), ' '), char(57436), ' '),
      's' || hex(NEW."siteId") || CASE WHEN NEW."lang" = 'vi' THEN '' ELSE ' l' || hex(NEW."lang") END || ' c' || hex(COALESCE(NEW."category", ''))
    FROM "PublicationSearchDoc" d WHERE d."itemId" = NEW."itemId";
  INSERT INTO "PublicationTitleSearch" ("rowid", "title", "tags")
    SELECT d."docid", replace(replace(replace(substr(NEW."searchText", 1, length(NEW."title")), char(57381), ' '), char(57439), ' '), char(57436), ' '),
      's' || hex(NEW."siteId") || CASE WHEN NEW."lang" = 'vi' THEN '' ELSE ' l' || hex(NEW."lang") END || ' c' || hex(COALESCE(NEW."category", ''))
    FROM "PublicationSearchDoc" d WHERE d."itemId" = NEW."itemId";
END;

CREATE TRIGGER "Publication_search_update" AFTER UPDATE OF "searchText", "title", "takenDownAt", "siteId", "lang", "category", "publishedAt" ON "Publication"
BEGIN
  DELETE FROM "PublicationSearch" WHERE "rowid" = (SELECT "docid" FROM "PublicationSearchDoc" WHERE "itemId" = OLD."itemId");
  DELETE FROM "PublicationTitleSearch" WHERE "rowid" = (SELECT "docid" FROM "PublicationSearchDoc" WHERE "itemId" = OLD."itemId");
  DELETE FROM "PublicationSearchDoc" WHERE "itemId" = OLD."itemId";
  INSERT INTO "PublicationSearchDoc" ("docid", "itemId")
    SELECT COALESCE((SELECT MAX("docid") FROM "PublicationSearchDoc" WHERE "docid" BETWEEN b.base AND b.base + 1048575), b.base - 1) + 1, NEW."itemId"
    FROM (SELECT (CASE WHEN typeof(NEW."publishedAt") = 'integer' THEN NEW."publishedAt" / 1000 ELSE unixepoch(NEW."publishedAt") END) * 1048576 AS base) b
    WHERE NEW."takenDownAt" IS NULL;
  INSERT INTO "PublicationSearch" ("rowid", "body", "tags")
    SELECT d."docid",
      replace(replace(replace(NEW."searchText", char(57381), ' '), char(57439), ' '), char(57436), ' '),
      's' || hex(NEW."siteId") || CASE WHEN NEW."lang" = 'vi' THEN '' ELSE ' l' || hex(NEW."lang") END || ' c' || hex(COALESCE(NEW."category", ''))
    FROM "PublicationSearchDoc" d WHERE d."itemId" = NEW."itemId";
  INSERT INTO "PublicationTitleSearch" ("rowid", "title", "tags")
    SELECT d."docid", replace(replace(replace(substr(NEW."searchText", 1, length(NEW."title")), char(57381), ' '), char(57439), ' '), char(57436), ' '),
      's' || hex(NEW."siteId") || CASE WHEN NEW."lang" = 'vi' THEN '' ELSE ' l' || hex(NEW."lang") END || ' c' || hex(COALESCE(NEW."category", ''))
    FROM "PublicationSearchDoc" d WHERE d."itemId" = NEW."itemId";
END;

CREATE TRIGGER "Publication_search_delete" AFTER DELETE ON "Publication"
BEGIN
  DELETE FROM "PublicationSearch" WHERE "rowid" = (SELECT "docid" FROM "PublicationSearchDoc" WHERE "itemId" = OLD."itemId");
  DELETE FROM "PublicationTitleSearch" WHERE "rowid" = (SELECT "docid" FROM "PublicationSearchDoc" WHERE "itemId" = OLD."itemId");
  DELETE FROM "PublicationSearchDoc" WHERE "itemId" = OLD."itemId";
END;

-- What is already published is indexed once, here, oldest first (so each second's order is by time).
INSERT INTO "PublicationSearchDoc" ("docid", "itemId")
  SELECT "base" + ROW_NUMBER() OVER (PARTITION BY "base" ORDER BY "publishedAt", "itemId") - 1, "itemId"
  FROM (SELECT "itemId", "publishedAt", (CASE WHEN typeof("publishedAt") = 'integer' THEN "publishedAt" / 1000 ELSE unixepoch("publishedAt") END) * 1048576 AS "base"
        FROM "Publication" WHERE "takenDownAt" IS NULL);
INSERT INTO "PublicationSearch" ("rowid", "body", "tags")
  SELECT d."docid",
    replace(replace(replace(p."searchText", char(57381), ' '), char(57439), ' '), char(57436), ' '),
    's' || hex(p."siteId") || CASE WHEN p."lang" = 'vi' THEN '' ELSE ' l' || hex(p."lang") END || ' c' || hex(COALESCE(p."category", ''))
  FROM "Publication" p JOIN "PublicationSearchDoc" d ON d."itemId" = p."itemId";
INSERT INTO "PublicationTitleSearch" ("rowid", "title", "tags")
  SELECT d."docid", replace(replace(replace(substr(p."searchText", 1, length(p."title")), char(57381), ' '), char(57439), ' '), char(57436), ' '),
    's' || hex(p."siteId") || CASE WHEN p."lang" = 'vi' THEN '' ELSE ' l' || hex(p."lang") END || ' c' || hex(COALESCE(p."category", ''))
  FROM "Publication" p JOIN "PublicationSearchDoc" d ON d."itemId" = p."itemId";
