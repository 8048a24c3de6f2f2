-- CreateTable
CREATE TABLE "RoyaltySalary" (
    "from" TEXT NOT NULL,
    "baseSalary" INTEGER NOT NULL,
    "unitPercent" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoyaltySalary_pkey" PRIMARY KEY ("from")
);

-- CreateTable
CREATE TABLE "RoyaltyTax" (
    "from" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "ratePercent" INTEGER NOT NULL,
    "nonResidentRatePercent" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoyaltyTax_pkey" PRIMARY KEY ("from")
);

-- CreateTable
CREATE TABLE "RoyaltyGenre" (
    "key" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "min" INTEGER NOT NULL,
    "max" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoyaltyGenre_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RoyaltySiteRate" (
    "siteKind" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoyaltySiteRate_pkey" PRIMARY KEY ("siteKind","from")
);


-- The frame as ../shared/notes/money-and-reports.md §1 gives it (checked 2026-12-01); each figure is
-- editable with `portal-hub royalty …`, every change audited. Base salary: NĐ 73/2024 (from 01/07/2024),
-- NĐ 161/2026 Art. 3.2 (from 01/07/2026); one unit is 10 % of it (NĐ 18/2014).
INSERT INTO "RoyaltySalary" ("from", "baseSalary", "unitPercent") VALUES ('2024-07-01', 2340000, 10), ('2026-07-01', 2530000, 10);
-- Tax withheld: 10 % on a payment of at least 2,000,000 (TT 111/2013 Art. 25.1.i), from 01/07/2026 at
-- least 5,000,000 (NĐ 253/2026 Art. 50.2); non-residents 20 % on any payment.
INSERT INTO "RoyaltyTax" ("from", "threshold", "ratePercent", "nonResidentRatePercent") VALUES ('2020-01-15', 2000000, 10, 20), ('2026-07-01', 5000000, 10, 20);
-- A provincial portal's table (Ninh Thuận QĐ 23/2020, with a video row from another province's frame),
-- in hundredths of a coefficient; the province replaces it with its own.
INSERT INTO "RoyaltyGenre" ("key", "nameVi", "nameEn", "min", "max", "position") VALUES
  ('tin', 'Tin sự kiện không ảnh', 'Event news without a photo', 100, 100, 1),
  ('tin-anh', 'Tin sự kiện có ảnh', 'Event news with a photo', 150, 150, 2),
  ('tin-tong-hop', 'Tin tổng hợp, chuyên sâu, trực tiếp', 'Summary, in-depth or live news', 120, 250, 3),
  ('tin-dang-lai', 'Tin đăng lại từ báo khác', 'News reposted from another paper', 50, 50, 4),
  ('anh', 'Ảnh (vùng sâu, vùng xa đến 1,8)', 'Photo (up to 1.8 from remote areas)', 120, 180, 5),
  ('phan-anh', 'Bài phản ánh', 'Reflective article', 200, 250, 6),
  ('chinh-luan', 'Bài chính luận', 'Commentary', 250, 300, 7),
  ('nghien-cuu', 'Bài nghiên cứu', 'Research article', 300, 400, 8),
  ('da-phuong-tien', 'Tác phẩm trực tuyến, đa phương tiện', 'Online or multimedia work', 400, 500, 9),
  ('video', 'Video 3–5 phút', 'Video clip of 3–5 minutes', 100, 500, 10);
-- Component sites pay 20 % of the portal's rates (as in that province), from Decision 01/2020's day in force.
INSERT INTO "RoyaltySiteRate" ("siteKind", "from", "percent") VALUES
  ('department', '2020-01-15', 20), ('district', '2020-01-15', 20), ('commune', '2020-01-15', 20), ('ward', '2020-01-15', 20), ('agency', '2020-01-15', 20);
