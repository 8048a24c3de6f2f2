-- AlterTable
ALTER TABLE "Person" ADD COLUMN "emailKey" TEXT;

-- Each address goes to its first holder (by filing time, then id). Later holders of an address an older
-- release let several people share keep none: nothing is merged, person list marks them for the operator.
UPDATE "Person" SET "emailKey" = lower(trim("email"))
WHERE "email" IS NOT NULL AND trim("email") <> '' AND NOT EXISTS (
  SELECT 1 FROM "Person" AS "earlier"
  WHERE "earlier"."email" IS NOT NULL
    AND lower(trim("earlier"."email")) = lower(trim("Person"."email"))
    AND ("earlier"."createdAt" < "Person"."createdAt" OR ("earlier"."createdAt" = "Person"."createdAt" AND "earlier"."id" < "Person"."id"))
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_emailKey_key" ON "Person"("emailKey");

