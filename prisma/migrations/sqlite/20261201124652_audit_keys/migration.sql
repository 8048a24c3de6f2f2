-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "covers" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "mac" TEXT;

-- AlterTable
ALTER TABLE "AuditHead" ADD COLUMN "mac" TEXT;


-- An empty trail is keyed from the start. A trail with rows is keyed by the service itself (it needs
-- HUB_SECRET, which SQL never sees): src/store/auditUpgrade.ts, run after migrations at every start.
-- hub:rewrites "AuditHead"."mac"
UPDATE "AuditHead" SET "mac" = '0000000000000000000000000000000000000000000000000000000000000000' WHERE "seq" = 0;
