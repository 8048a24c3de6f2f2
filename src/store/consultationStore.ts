import { randomUUID } from 'node:crypto';
import { isCommentState, isConsultationState, type CommentContact, type CommentRecord, type ConsultationRecord } from '../core/consultations/model.js';
import type { ConsultationStore, ConsultationWithSections } from '../app/consultations/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';
import type { Consultation, ConsultationComment, ConsultationSection } from './generated/sqlite/client.js';

function toConsultation(row: Consultation): ConsultationRecord {
  if (!isConsultationState(row.state)) throw new Error(`database holds a consultation in an unknown state: ${row.state}`);
  return { ...row, state: row.state };
}

function toComment(row: ConsultationComment): CommentRecord {
  if (!isCommentState(row.state)) throw new Error(`database holds a consultation comment in an unknown state: ${row.state}`);
  return { ...row, state: row.state, senderContact: JSON.parse(row.senderContact) as CommentContact };
}

const withSections = (row: Consultation, sections: ConsultationSection[]): ConsultationWithSections => ({
  consultation: toConsultation(row),
  sections: [...sections].sort((a, b) => a.position - b.position),
});

/** The files of a posted draft and of its summary: the public may download them (src/http/media.ts). */
export async function consultationMediaRefs(db: Db): Promise<string[]> {
  const rows = await db.consultation.findMany({ select: { documentRef: true, summaryDocxRef: true, summaryXlsxRef: true } });
  return rows.flatMap((r) => [r.documentRef, r.summaryDocxRef, r.summaryXlsxRef]).filter((ref): ref is string => ref !== null);
}

export async function isConsultationMedia(db: Db, ref: string): Promise<boolean> {
  return (await db.consultation.count({ where: { OR: [{ documentRef: ref }, { summaryDocxRef: ref }, { summaryXlsxRef: ref }] } })) > 0;
}

/** Draft consultations over Prisma: what the public sees changes only with an audited write. */
export function consultationStore(db: Db, trail: AuditTrail): ConsultationStore {
  const load = async (where: { slug: string } | { id: string }) => {
    const row = await db.consultation.findUnique({ where });
    if (!row) return null;
    return withSections(row, await db.consultationSection.findMany({ where: { consultationId: row.id } }));
  };

  return {
    async createConsultation(input, audit) {
      const { sections, ...fields } = input;
      try {
        return await db.$transaction(async (t) => {
          const id = randomUUID();
          const row = await t.consultation.create({ data: { ...fields, id, state: 'open' } });
          await t.consultationSection.createMany({ data: sections.map((s) => ({ ...s, id: randomUUID(), consultationId: id })) });
          await trail.append(t, { ...audit, subjectType: 'consultation', subjectId: id, data: { ...audit.data, slug: input.slug, sections: sections.length, closesAt: input.closesAt.toISOString() } });
          return withSections(row, await t.consultationSection.findMany({ where: { consultationId: id } }));
        });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async consultationSlugs(prefix) {
      const rows = await db.consultation.findMany({ where: { slug: { startsWith: prefix } }, select: { slug: true } });
      return rows.map((r) => r.slug);
    },
    consultationBySlug: (slug) => load({ slug }),
    consultationById: (id) => load({ id }),
    async listConsultations({ state, limit }) {
      const rows = await db.consultation.findMany({
        where: { state },
        orderBy: state === 'open' ? [{ closesAt: 'asc' }, { id: 'asc' }] : [{ closedAt: 'desc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map(toConsultation);
    },
    async dueConsultations(now) {
      return (await db.consultation.findMany({ where: { state: 'open', closesAt: { lte: now } }, orderBy: { closesAt: 'asc' } })).map(toConsultation);
    },
    async consultationsWithoutSummary() {
      const rows = await db.consultation.findMany({
        where: { state: 'closed', OR: [{ summaryDocxRef: null }, { summaryXlsxRef: null }, { summarySentAt: null }] },
        orderBy: { closedAt: 'asc' },
      });
      return rows.map(toConsultation);
    },
    async closeConsultation(id, at, audit) {
      return db.$transaction(async (t) => {
        const closed = await t.consultation.updateMany({ where: { id, state: 'open' }, data: { state: 'closed', closedAt: at } });
        if (closed.count !== 1) return false;
        await trail.append(t, audit);
        return true;
      });
    },
    async setConsultationSummary(id, refs, audit) {
      return db.$transaction(async (t) => {
        const set = await t.consultation.updateMany({ where: { id, state: 'closed', summaryDocxRef: null }, data: { summaryDocxRef: refs.docx, summaryXlsxRef: refs.xlsx } });
        if (set.count !== 1) return false;
        await trail.append(t, audit);
        return true;
      });
    },
    async markConsultationSummarySent(id, at) {
      const marked = await db.consultation.updateMany({ where: { id, summarySentAt: null, summaryDocxRef: { not: null } }, data: { summarySentAt: at } });
      return marked.count === 1;
    },

    async addConsultationComment(input) {
      const existing = await db.consultationComment.findUnique({ where: { dedupeKey: input.dedupeKey } });
      if (existing) return { comment: toComment(existing), created: false };
      try {
        const row = await db.consultationComment.create({ data: { ...input, id: randomUUID(), senderContact: JSON.stringify(input.senderContact), state: 'new' } });
        return { comment: toComment(row), created: true };
      } catch (error) {
        // The same post delivered twice at once: the second finds the first.
        if (!isUniqueViolation(error)) throw error;
        return { comment: toComment(await db.consultationComment.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey } })), created: false };
      }
    },
    async consultationCommentById(id) {
      const row = await db.consultationComment.findUnique({ where: { id } });
      return row && toComment(row);
    },
    async consultationComments(consultationId, filter = {}) {
      const rows = await db.consultationComment.findMany({
        where: { consultationId, ...(filter.state ? { state: filter.state } : {}), ...(filter.sectionId ? { sectionId: filter.sectionId } : {}) },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toComment);
    },
    async publishedCommentCounts(consultationId) {
      const groups = await db.consultationComment.groupBy({ by: ['sectionId'], where: { consultationId, state: 'published' }, _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.sectionId, g._count._all]));
    },
    async decideConsultationComment(id, fromState, decision, audit) {
      return db.$transaction(async (t) => {
        const moved = await t.consultationComment.updateMany({ where: { id, state: fromState }, data: decision });
        if (moved.count !== 1) return null;
        await trail.append(t, audit);
        return toComment(await t.consultationComment.findUniqueOrThrow({ where: { id } }));
      });
    },
    async unannouncedConsultationComments(limit) {
      return (await db.consultationComment.findMany({ where: { announcedAt: null, state: 'new' }, orderBy: { receivedAt: 'asc' }, take: limit })).map(toComment);
    },
    async markConsultationCommentAnnounced(id, at) {
      await db.consultationComment.update({ where: { id }, data: { announcedAt: at } });
    },
  };
}
