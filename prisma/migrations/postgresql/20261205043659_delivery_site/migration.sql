-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "siteId" TEXT;


-- Earlier rows: the site of the item they mirror (its publication's, else the desk item's).
UPDATE "Delivery" SET "siteId" = COALESCE(
  (SELECT "siteId" FROM "Publication" WHERE "Publication"."itemId" = "Delivery"."itemId"),
  (SELECT "siteId" FROM "Item" WHERE "Item"."id" = "Delivery"."itemId")
);
