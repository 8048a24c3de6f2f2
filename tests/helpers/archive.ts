import { createSite } from '../../src/app/people.js';
import { yearIn } from '../../src/app/deps.js';
import { putCategory } from '../../src/app/portalAdmin.js';
import type { BulkPublication, BulkPublicationStore } from '../../src/app/demoPorts.js';
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
 * `n` published items spread over five years, sites, sections and both languages, written through the
 * store's bulk path (`appendPublications`, as `portal-hub demo` writes an archive): codes from each
 * site's counter, folded search text, one audit row per batch, and the triggers filling the live
 * counts, media rows and search index as in service. Deterministic for a given `n` but for the codes'
 * order within a batch and the ids. `db` reads the ids back.
 */
export async function fillArchive(store: BulkPublicationStore, db: Db, sites: { siteIds: string[]; prefixes: string[] }, n: number, start = Date.UTC(2022, 0, 1)): Promise<ArchiveRow[]> {
  const span = Date.UTC(2026, 10, 28) - start;
  const planned: BulkPublication[] = [];
  for (let i = 0; i < n; i++) {
    const s = (i * 7) % sites.siteIds.length;
    // The province publishes most; sections are uneven; a fifth is in English.
    const site = i % 3 === 0 ? 0 : s;
    const section = (i * 13 + Math.floor(i / 5)) % 8;
    const publishedAt = new Date(start + Math.floor((span * i) / n) + (i % 13) * 60_000);
    // Every section on every site, unevenly: the first twice as often, a few items in none.
    const category = section === 7 ? null : (ARCHIVE_CATEGORIES[section % 6] ?? null);
    planned.push({
      siteId: sites.siteIds[site] ?? '',
      kind: 'article',
      category,
      lang: i % 5 === 0 ? 'en' : 'vi',
      title: `Tin số ${i + 1}: hội nghị về ${category ?? 'công tác'} năm ${publishedAt.getUTCFullYear()}`,
      summary: 'Tóm tắt nội dung chính của bản tin.',
      body: 'Nội dung bản tin, đã được biên tập và duyệt theo quy chế.',
      mediaRefs: i % 4 === 0 ? [`${publishedAt.toISOString().slice(0, 7)}/${String(i).padStart(64, 'a')}.jpg`] : [],
      author: 'Phòng biên tập',
      featured: i % 29 === 0,
      publishedAt,
      takenDownAt: i % 47 === 0 ? new Date(publishedAt.getTime() + 3_600_000) : null,
      takedownNote: i % 47 === 0 ? 'Gỡ theo yêu cầu' : null,
      codeYear: yearIn(publishedAt, 'Asia/Ho_Chi_Minh'),
    });
  }
  const rows: ArchiveRow[] = [];
  for (let from = 0; from < planned.length; from += 500) {
    const batch = planned.slice(from, from + 500);
    const audit = { at: new Date(), actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: sites.siteIds[0] ?? '', data: { test: 'archive', from } };
    const codes = await store.appendPublications(batch, audit);
    const ids = new Map((await db.publication.findMany({ where: { code: { in: codes } }, select: { code: true, itemId: true } })).map((r) => [r.code, r.itemId]));
    batch.forEach((p, i) => {
      const code = codes[i] ?? '';
      rows.push({ itemId: ids.get(code) ?? '', code, siteId: p.siteId, category: p.category, lang: p.lang === 'en' ? 'en' : 'vi', featured: p.featured, publishedAt: p.publishedAt, updatedAt: p.publishedAt, takenDownAt: p.takenDownAt, mediaRefs: [...p.mediaRefs] });
    });
  }
  return rows;
}
