import { isLang, LANGS } from '../core/messages.js';
import { monthEnd, monthStart, windowOf, type ListWindow, type MonthCount } from '../core/portal/tallyWindow.js';
import type { MonthTally, PublicationQuery, SitemapEntry } from '../app/portalPorts.js';
import type { Db } from './client.js';
import type { Prisma, Publication } from './generated/sqlite/client.js';

/**
 * The portal's lists over Publication's indexes, each of which ends in (publishedAt, itemId): with
 * the leading columns fixed by equality the database walks one index backwards and stops after a page
 * (tests/store/queryPlans.test.ts shows the plans). Three things keep every read on that path:
 * - no index leads with a site or a section without the language, so such a list is one walk per
 *   language, merged here (each walk stops after a page);
 * - a deep page, or a site's items in one section (no index has both), is first placed in a window of
 *   publication time from the live counts per month (src/core/portal/tallyWindow.ts);
 * - counts come from those live counts (PublicationTally, kept by triggers), never count(*).
 */

type ListQuery = Omit<PublicationQuery, 'limit' | 'offset'>;

/** Offsets past this are placed by the monthly counts first: up to here the index walk is cheaper. */
export const DEEP_OFFSET = 200;

const byNewest = (a: Publication, b: Publication) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.itemId < b.itemId ? 1 : a.itemId > b.itemId ? -1 : 0);

function whereOf(q: ListQuery, window: ListWindow | null = null): Prisma.PublicationWhereInput {
  const and: Prisma.PublicationWhereInput[] = [{ takenDownAt: null }];
  // One site is an equality (the index's leading column); several sites are read as asked.
  if (q.siteIds) and.push(q.siteIds.length === 1 ? { siteId: q.siteIds[0] } : { siteId: { in: q.siteIds } });
  if (q.lang) and.push({ lang: q.lang });
  if (q.category) and.push({ category: q.category });
  if (q.featured !== undefined) and.push({ featured: q.featured });
  if (q.from) and.push({ publishedAt: { gte: q.from } });
  if (q.to) and.push({ publishedAt: { lt: q.to } });
  if (window?.since) and.push({ publishedAt: { gte: window.since } });
  if (window?.before) and.push({ publishedAt: { lt: window.before } });
  for (const word of q.words ?? []) and.push({ searchText: { contains: word } });
  if (q.after) {
    // `<=` on publishedAt alone is a range the index can seek to; the OR only settles ties.
    const { publishedAt, itemId } = q.after;
    and.push({ publishedAt: { lte: publishedAt } }, { OR: [{ publishedAt: { lt: publishedAt } }, { itemId: { lt: itemId } }] });
  }
  return { AND: and };
}

function tallyWhere(q: ListQuery): Prisma.PublicationTallyWhereInput {
  return {
    ...(q.siteIds ? (q.siteIds.length === 1 ? { siteId: q.siteIds[0] } : { siteId: { in: q.siteIds } }) : {}),
    ...(q.lang ? { lang: q.lang } : {}),
    ...(q.category ? { category: q.category } : {}),
  };
}

/** Whether the monthly counts describe this list exactly (they know site, language and section only). */
const tallied = (q: ListQuery) => q.featured === undefined && !q.words?.length;

/** Live rows per month of a list's site, language and section, newest first. */
async function monthCounts(db: Db, q: ListQuery): Promise<MonthCount[]> {
  const groups = await db.publicationTally.groupBy({ by: ['month'], where: tallyWhere(q), _sum: { live: true }, orderBy: { month: 'desc' } });
  return groups.map((g) => ({ month: g.month, live: g._sum.live ?? 0 }));
}

/** The exclusive upper bound a list already has (its `to`, or just after its cursor), if any. */
function upperOf(q: ListQuery): Date | null {
  const bounds = [...(q.to ? [q.to.getTime()] : []), ...(q.after ? [q.after.publishedAt.getTime() + 1] : [])];
  return bounds.length ? new Date(Math.min(...bounds)) : null;
}

export async function listPublications(db: Db, q: PublicationQuery): Promise<Publication[]> {
  const offset = q.offset ?? 0;
  if (!q.lang && !q.words?.length && (q.siteIds || q.category)) {
    const walks = await Promise.all(LANGS.map((lang) => listPublications(db, { ...q, lang, offset: 0, limit: offset + q.limit })));
    return walks.flat().sort(byNewest).slice(offset, offset + q.limit);
  }
  const sparse = Boolean(q.siteIds && q.category);
  let window: ListWindow | null = null;
  if (tallied(q) && (sparse || offset >= DEEP_OFFSET)) {
    window = windowOf(await monthCounts(db, q), { offset, limit: q.limit, upper: upperOf(q) });
    if (!window) return [];
  }
  return db.publication.findMany({
    where: whereOf(q, window),
    orderBy: [{ publishedAt: 'desc' }, { itemId: 'desc' }],
    skip: window ? window.offset : offset,
    take: q.limit,
  });
}

export async function countPublications(db: Db, q: Omit<PublicationQuery, 'limit' | 'offset' | 'after'>): Promise<number> {
  if (!tallied(q) || q.from || q.to) return db.publication.count({ where: whereOf(q) });
  const sum = await db.publicationTally.aggregate({ where: tallyWhere(q), _sum: { live: true } });
  return sum._sum.live ?? 0;
}

export async function monthTallies(db: Db, siteId?: string): Promise<MonthTally[]> {
  return (await monthCounts(db, siteId ? { siteIds: [siteId] } : {})).filter((m) => m.live > 0);
}

/**
 * One indexed read per site and language ((siteId, lang, publishedAt) index), not a scan of the archive. With
 * `before`: the newest live at that instant, so an item taken down since still counts for the period it was up in.
 */
export async function lastPublishedBySite(db: Db, before?: Date): Promise<Map<string, Date>> {
  const sites = await db.site.findMany({ select: { id: true } });
  const last = new Map<string, Date>();
  for (const { id } of sites) {
    for (const lang of LANGS) {
      const newest = await db.publication.findFirst({ where: { siteId: id, lang, ...(before ? { publishedAt: { lt: before }, OR: [{ takenDownAt: null }, { takenDownAt: { gte: before } }] } : { takenDownAt: null }) }, orderBy: [{ publishedAt: 'desc' }, { itemId: 'desc' }], select: { publishedAt: true } });
      const seen = last.get(id);
      if (newest && (!seen || newest.publishedAt > seen)) last.set(id, newest.publishedAt);
    }
  }
  return last;
}

export async function publicationsOfMonth(db: Db, month: string, offset: number, limit: number, siteId?: string): Promise<SitemapEntry[]> {
  const rows = await db.publication.findMany({
    where: { takenDownAt: null, publishedAt: { gte: monthStart(month), lt: monthEnd(month) }, ...(siteId ? { siteId } : {}) },
    orderBy: [{ publishedAt: 'asc' }, { itemId: 'asc' }],
    select: { code: true, lang: true, updatedAt: true },
    skip: offset,
    take: limit,
  });
  return rows.map((r) => {
    if (!isLang(r.lang)) throw new Error(`database holds a publication in an unknown language: ${r.lang}`);
    return { code: r.code, lang: r.lang, updatedAt: r.updatedAt };
  });
}
