import { randomUUID } from 'node:crypto';
import { coverPublications } from '../core/auditContent.js';
import { isLang } from '../core/messages.js';
import type { PortalStore, PublicationRecord } from '../app/portalPorts.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import type { Publication } from './generated/sqlite/client.js';
import { isConsultationMedia } from './consultationStore.js';
import { countPublications, lastPublishedBySite, listPublications, monthTallies, publicationsOfMonth } from './portalLists.js';

function toPublication(row: Publication): PublicationRecord {
  if (!isLang(row.lang)) throw new Error(`database holds a publication in an unknown language: ${row.lang}`);
  const { searchText: _folded, mediaRefs, ...rest } = row;
  return { ...rest, lang: row.lang, mediaRefs: JSON.parse(mediaRefs) as string[] };
}

/** The portal's reads, and the few admin writes that change only what the public sees. */
export function portalStore(db: Db, trail: AuditTrail): PortalStore {
  return {
    publications: async (q) => (await listPublications(db, q)).map(toPublication),
    countPublications: (q) => countPublications(db, q),
    monthTallies: (siteId) => monthTallies(db, siteId),
    publicationsOfMonth: (month, offset, limit, siteId) => publicationsOfMonth(db, month, offset, limit, siteId),
    lastPublishedBySite: (before) => lastPublishedBySite(db, before),
    async publicationByCode(code) {
      const row = await db.publication.findUnique({ where: { code } });
      return row && toPublication(row);
    },
    async publicationsByCodes(codes) {
      if (codes.length === 0) return [];
      return (await db.publication.findMany({ where: { code: { in: [...new Set(codes)] } } })).map(toPublication);
    },
    // PublicationMedia holds the refs of live publications only (its triggers drop a taken-down one's).
    async isPublicMedia(ref) {
      // A posted draft and its summary are public documents too (src/store/consultationStore.ts).
      return (await db.publicationMedia.findFirst({ where: { ref }, select: { itemId: true } })) !== null || isConsultationMedia(db, ref);
    },
    async codesWithMedia(ref) {
      const shown = await db.publicationMedia.findMany({ where: { ref }, select: { itemId: true } });
      if (shown.length === 0) return [];
      const rows = await db.publication.findMany({ where: { itemId: { in: shown.map((m) => m.itemId) }, takenDownAt: null }, select: { code: true } });
      return rows.map((r) => r.code).sort();
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
