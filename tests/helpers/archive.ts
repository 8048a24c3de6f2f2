import { randomUUID } from 'node:crypto';
import { createSite } from '../../src/app/people.js';
import { putCategory } from '../../src/app/portalAdmin.js';
import { searchable } from '../../src/core/search.js';
import { trackingCode } from '../../src/core/tracking.js';
import type { Db } from '../../src/store/client.js';
import type { Desk } from './desk.js';
import { seedCategories } from './portal.js';

export const ARCHIVE_CATEGORIES = ['thoi-su', 'kinh-te', 'van-hoa', 'giao-duc', 'y-te', 'quoc-phong'];
export const COMMUNES = ['xa-tan-binh', 'xa-minh-hung', 'phuong-dong-xoai', 'so-y-te', 'so-giao-duc'];

/** A province with five component sites and six sections, as an admin sets them up. */
export async function archiveSites(desk: Desk): Promise<{ siteIds: string[]; prefixes: string[] }> {
  await seedCategories(desk);
  for (const [i, key] of ARCHIVE_CATEGORIES.slice(2).entries()) await putCategory(desk.deps, { key, nameVi: `Mục ${key}`, nameEn: `Section ${key}`, position: 3 + i });
  const siteIds = [desk.site.id];
  const prefixes = [desk.site.codePrefix];
  for (const [i, key] of COMMUNES.entries()) {
    const r = await createSite(desk.deps, { key, kind: 'commune', nameVi: `Đơn vị ${key}`, nameEn: `Unit ${key}`, codePrefix: `X${'ABCDE'[i]}`, parentKey: 'tinh' });
    if (!r.ok) throw new Error(r.reason);
    siteIds.push(r.value.id);
    prefixes.push(r.value.codePrefix);
  }
  return { siteIds, prefixes };
}

export interface ArchiveRow {
  itemId: string;
  code: string;
  siteId: string;
  category: string | null;
  lang: 'vi' | 'en';
  featured: boolean;
  publishedAt: Date;
  updatedAt: Date;
  takenDownAt: Date | null;
  mediaRefs: string[];
}

/**
 * `n` published items spread over five years, sites, sections and both languages, written as
 * src/store/publication.ts writes a publication (the same columns, folded text and JSON refs), so the
 * triggers fill the live counts and media rows as they do in service. Deterministic for a given `n`.
 */
export async function fillArchive(db: Db, sites: { siteIds: string[]; prefixes: string[] }, n: number, start = Date.UTC(2022, 0, 1)): Promise<ArchiveRow[]> {
  const span = Date.UTC(2026, 10, 28) - start;
  const rows: ArchiveRow[] = [];
  for (let i = 0; i < n; i++) {
    const s = (i * 7) % sites.siteIds.length;
    // The province publishes most; sections are uneven; a fifth is in English.
    const site = i % 3 === 0 ? 0 : s;
    const section = (i * 13 + Math.floor(i / 5)) % 8;
    const publishedAt = new Date(start + Math.floor((span * i) / n) + (i % 13) * 60_000);
    rows.push({
      itemId: randomUUID(),
      code: trackingCode(sites.prefixes[site] ?? 'BP', publishedAt.getUTCFullYear(), i + 1),
      siteId: sites.siteIds[site] ?? '',
      // Every section on every site, unevenly: the first twice as often, a few items in none.
      category: section === 7 ? null : (ARCHIVE_CATEGORIES[section % 6] ?? null),
      lang: i % 5 === 0 ? 'en' : 'vi',
      featured: i % 29 === 0,
      publishedAt,
      updatedAt: i % 17 === 0 ? new Date(publishedAt.getTime() + 86_400_000) : publishedAt,
      takenDownAt: i % 47 === 0 ? new Date(publishedAt.getTime() + 3_600_000) : null,
      mediaRefs: i % 4 === 0 ? [`${publishedAt.toISOString().slice(0, 7)}/${String(i).padStart(64, 'a')}.jpg`] : [],
    });
  }
  for (let from = 0; from < rows.length; from += 500) {
    await db.publication.createMany({
      data: rows.slice(from, from + 500).map((r) => {
        const title = `Tin số ${r.code}: hội nghị về ${r.category ?? 'công tác'} năm ${r.publishedAt.getUTCFullYear()}`;
        const summary = 'Tóm tắt nội dung chính của bản tin.';
        const body = 'Nội dung bản tin, đã được biên tập và duyệt theo quy chế.';
        return {
          itemId: r.itemId,
          code: r.code,
          siteId: r.siteId,
          kind: 'article',
          category: r.category,
          lang: r.lang,
          title,
          summary,
          body,
          mediaRefs: JSON.stringify(r.mediaRefs),
          searchText: searchable(`${title} ${summary} ${body}`),
          author: 'Phòng biên tập',
          featured: r.featured,
          publishedAt: r.publishedAt,
          updatedAt: r.updatedAt,
        };
      }),
    });
  }
  // Taken down as the desk does it: the live row is marked, later.
  for (const r of rows) if (r.takenDownAt) await db.publication.updateMany({ where: { itemId: r.itemId }, data: { takenDownAt: r.takenDownAt, takedownNote: 'Gỡ theo yêu cầu' } });
  return rows;
}
