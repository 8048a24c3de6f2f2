-- Search text carries LIKE's special characters as private-use stand-ins (src/core/search.ts), so a
-- search for "50%" or "a_b" matches them literally. Rows stored before hold them as typed.
-- hub:rewrites "Publication"."searchText"
UPDATE "Publication" SET "searchText" = REPLACE(REPLACE(REPLACE("searchText", '%', ''), '_', ''), '\', '');
