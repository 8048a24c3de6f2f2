import { randomUUID } from 'node:crypto';
import { coverPublications } from '../core/auditContent.js';
import { isLang } from '../core/messages.js';
import type { PortalStore, PublicationQuery, PublicationRecord } from '../app/portalPorts.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import type { Prisma, Publication } from './generated/sqlite/client.js';
import { consultationMediaRefs, isConsultationMedia } from './consultationStore.js';

function toPublication(row: Publication): PublicationRecord {
  if (!isLang(row.lang)) throw new Error(`database holds a publication in an unknown language: ${row.lang}`);
  const { searchText: _folded, mediaRefs, ...rest } = row;
  return { ...rest, lang: row.lang, mediaRefs: JSON.parse(mediaRefs) as string[] };
}

function whereOf(q: Omit<PublicationQuery, 'limit' | 'offset'>): Prisma.PublicationWhereInput {
  const and: Prisma.PublicationWhereInput[] = [{ takenDownAt: null }];
  if (q.siteIds) and.push({ siteId: { in: q.siteIds } });
  if (q.lang) and.push({ lang: q.lang });
  if (q.category) and.push({ category: q.category });
  if (q.featured !== undefined) and.push({ featured: q.featured });
  if (q.from) and.push({ publishedAt: { gte: q.from } });
  if (q.to) and.push({ publishedAt: { lt: q.to } });
  for (const word of q.words ?? []) and.push({ searchText: { contains: word } });
  if (q.after) {
    const { publishedAt, itemId } = q.after;
    and.push({ OR: [{ publishedAt: { lt: publishedAt } }, { publishedAt, itemId: { lt: itemId } }] });
  }
  return { AND: and };
}

/** The portal's reads, and the few admin writes that change only what the public sees. */
export function portalStore(db: Db, trail: AuditTrail): PortalStore {
  return {
    async publications(q) {
      const rows = await db.publication.findMany({
        where: whereOf(q),
        orderBy: [{ publishedAt: 'desc' }, { itemId: 'desc' }],
        skip: q.offset ?? 0,
        take: q.limit,
      });
      return rows.map(toPublication);
    },
    countPublications: (q) => db.publication.count({ where: whereOf(q) }),
    async publicationByCode(code) {
      const row = await db.publication.findUnique({ where: { code } });
      return row && toPublication(row);
    },
    async publicationsByCodes(codes) {
      if (codes.length === 0) return [];
      return (await db.publication.findMany({ where: { code: { in: [...new Set(codes)] } } })).map(toPublication);
    },
    async publicMediaRefs() {
      const rows = await db.publication.findMany({ where: { takenDownAt: null }, select: { mediaRefs: true } });
      // A posted draft and its summary are public documents too (src/store/consultationStore.ts).
      return [...rows.flatMap((r) => JSON.parse(r.mediaRefs) as string[]), ...(await consultationMediaRefs(db))];
    },
    async isPublicMedia(ref) {
      // Refs are JSON strings in a JSON array: the quoted form cannot match a longer ref.
      return (await db.publication.count({ where: { takenDownAt: null, mediaRefs: { contains: JSON.stringify(ref) } } })) > 0 || isConsultationMedia(db, ref);
    },
    async codesWithMedia(ref) {
      const rows = await db.publication.findMany({ where: { takenDownAt: null, mediaRefs: { contains: JSON.stringify(ref) } }, select: { code: true }, orderBy: { code: 'asc' } });
      return rows.map((r) => r.code);
    },
    async setFeatured(code, featured, audit) {
      return db.$transaction(async (t) => {
        const changed = await t.publication.updateMany({ where: { code }, data: { featured } });
        if (changed.count === 0) return false;
        await trail.append(t, audit, coverPublications(await t.publication.findMany({ where: { code } })));
        return true;
      });
    },

    categories: () => db.category.findMany({ orderBy: [{ position: 'asc' }, { key: 'asc' }] }),
    async putCategory(category, audit) {
      await db.$transaction(async (t) => {
        await t.category.upsert({ where: { key: category.key }, create: category, update: category });
        await trail.append(t, audit);
      });
    },

    maintenances: (now) =>
      db.maintenance.findMany({
        where: { cancelledAt: null, restoresAt: { gt: now } },
        orderBy: { startsAt: 'asc' },
        select: { id: true, showFrom: true, startsAt: true, restoresAt: true, noteVi: true, noteEn: true },
      }),
    async addMaintenance(m, audit) {
      return db.$transaction(async (t) => {
        const row = await t.maintenance.create({ data: { id: randomUUID(), ...m } });
        await trail.append(t, { ...audit, subjectId: row.id });
        return { id: row.id, showFrom: row.showFrom, startsAt: row.startsAt, restoresAt: row.restoresAt, noteVi: row.noteVi, noteEn: row.noteEn };
      });
    },
    async cancelMaintenance(id, at, audit) {
      return db.$transaction(async (t) => {
        const changed = await t.maintenance.updateMany({ where: { id, cancelledAt: null }, data: { cancelledAt: at } });
        if (changed.count === 0) return false;
        await trail.append(t, audit);
        return true;
      });
    },

    async changeStamp() {
      const head = await db.auditHead.findUnique({ where: { id: 1 } });
      return head?.seq ?? 0;
    },
  };
}
