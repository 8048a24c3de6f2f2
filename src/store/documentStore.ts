import type { DocumentFilter, DocumentRow, DocumentStore } from '../app/documents/ports.js';
import { DOCUMENT_TYPE_KEYS, nameKey, type DocumentType } from '../core/documents/record.js';
import { isUniqueViolation } from './errors.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { insertItem } from './items.js';
import type { DocumentRecord, Prisma } from './generated/sqlite/client.js';

const asType = (v: string): DocumentType => {
  if (!(DOCUMENT_TYPE_KEYS as string[]).includes(v)) throw new Error(`database holds an unknown document type: ${v}`);
  return v as DocumentType;
};

/**
 * "Contains" as LIKE, whose wildcards Prisma passes through unescaped (and SQLite's LIKE has no escape character
 * by default): the text between them must each be there, so "%" or "_" is only ever a character that no name has.
 */
function partOf(column: 'agencyKey' | 'signerKey', key: string): Prisma.DocumentRecordWhereInput[] {
  const pieces = key.split(/[%_\\]+/).filter((p) => p.trim() !== '');
  return pieces.length === 0 ? [{ [column]: { in: [] } }] : pieces.map((p) => ({ [column]: { contains: p } }));
}

/** Every filter but agency and signer is an equality or a prefix on an indexed column, with `live` first. */
function whereOf(f: DocumentFilter): Prisma.DocumentRecordWhereInput {
  return {
    live: true,
    ...(f.siteIds ? { siteId: { in: f.siteIds } } : {}),
    ...(f.numberKey !== undefined ? { numberKey: f.numberPrefix ? { startsWith: f.numberKey } : f.numberKey } : {}),
    ...(f.docType ? { docType: f.docType } : {}),
    // Agency and signer: a part of the name, folded both sides ("Sở Y tế" finds "Sở Y tế tỉnh Đồng Nai"). Not an
    // index seek: it filters the rows the other conditions leave, a site's live documents at most.
    AND: [...(f.agencyKey !== undefined ? partOf('agencyKey', f.agencyKey) : []), ...(f.signerKey !== undefined ? partOf('signerKey', f.signerKey) : [])],
    ...(f.fieldKey !== undefined ? { fieldKey: f.fieldKey } : {}),
    ...(f.year !== undefined ? { issuedYear: f.year } : {}),
    ...(f.itemIds ? { itemId: { in: f.itemIds } } : {}),
  };
}

const SHOWN = { itemId: true, siteId: true, number: true, docType: true, agency: true, signer: true, field: true, issuedOn: true, effectiveOn: true, fileRef: true, fileName: true, publishedAt: true } as const;
type Shown = Pick<DocumentRecord, keyof typeof SHOWN>;

/** The records with their publication's code, title and language; a record whose publication is gone is left out. */
async function withPublications(db: Db, rows: readonly Shown[]): Promise<DocumentRow[]> {
  if (rows.length === 0) return [];
  const pubs = await db.publication.findMany({ where: { itemId: { in: rows.map((r) => r.itemId) }, takenDownAt: null }, select: { itemId: true, code: true, title: true, lang: true, publishedAt: true } });
  const byId = new Map(pubs.map((p) => [p.itemId, p]));
  return rows.flatMap((r) => {
    const p = byId.get(r.itemId);
    return p ? [{ ...r, docType: asType(r.docType), code: p.code, title: p.title, lang: p.lang, publishedAt: r.publishedAt ?? p.publishedAt }] : [];
  });
}

/** See DocumentStore.standingDocument; read in a transaction or outside one. */
async function standingIn(db: Pick<Db, 'documentRecord' | 'item'>, siteId: string, numberKey: string, agencyKey: string): Promise<{ code: string; state: string } | null> {
  // `live` both ways keeps the (live, numberKey) index in use: a number has a handful of records at most.
  const rows = await db.documentRecord.findMany({ where: { OR: [{ live: true }, { live: false }], numberKey, siteId, agencyKey }, select: { itemId: true }, take: 50 });
  if (rows.length === 0) return null;
  const item = await db.item.findFirst({ where: { id: { in: rows.map((r) => r.itemId) }, state: { notIn: ['takenDown', 'rejected'] } }, select: { code: true, state: true }, orderBy: { createdAt: 'asc' } });
  return item ?? null;
}

/** Documents over Prisma: an item and its record are written together, and the library reads the record table. */
export function documentStore(db: Db, trail: AuditTrail): DocumentStore {
  return {
    async createDocumentItem(item, record, audit) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await db.$transaction(async (t) => {
            // A write to the site's row first holds other adds on the site until this one ends (a row lock on
            // PostgreSQL, the write lock on SQLite): the check below then sees any document they made.
            await t.site.update({ where: { id: item.siteId }, data: { maxEditors: { increment: 0 } }, select: { id: true } });
            const standing = await standingIn(t, item.siteId, record.numberKey, nameKey(record.agency));
            if (standing) return { standing };
            const created = await insertItem(t, item);
            await t.documentRecord.create({
              data: {
                itemId: created.id, siteId: created.siteId, number: record.number, numberKey: record.numberKey, docType: record.docType,
                agency: record.agency, agencyKey: nameKey(record.agency), signer: record.signer, signerKey: nameKey(record.signer), field: record.field, fieldKey: nameKey(record.field),
                issuedOn: record.issuedOn, issuedYear: Number(record.issuedOn.slice(0, 4)), effectiveOn: record.effectiveOn,
                fileRef: record.fileRef, fileName: record.fileName, text: record.text, textState: record.textState, createdAt: item.at,
              },
            });
            await trail.append(t, { ...audit, subjectId: created.id, data: { ...audit.data, code: created.code } });
            return { created };
          });
        } catch (error) {
          // Two first codes of a new year raced (the code counter): once more, as createItem does.
          if (attempt >= 3 || !isUniqueViolation(error)) throw error;
        }
      }
    },

    async documentLibrary(filter) {
      const where = whereOf(filter);
      const [rows, total] = await Promise.all([
        db.documentRecord.findMany({ where, select: SHOWN, orderBy: [{ issuedOn: 'desc' }, { itemId: 'desc' }], skip: filter.offset, take: filter.limit }),
        db.documentRecord.count({ where }),
      ]);
      return { rows: await withPublications(db, rows), total };
    },

    standingDocument: (siteId, numberKey, agencyKey) => standingIn(db, siteId, numberKey, agencyKey),

    async liveDocument(itemId) {
      const row = await db.documentRecord.findFirst({ where: { itemId, live: true }, select: SHOWN });
      return row ? ((await withPublications(db, [row]))[0] ?? null) : null;
    },
  };
}
