import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewConsultation } from '../../src/app/consultations/ports.js';
import { auditKeys } from '../../src/core/audit.js';
import { openClient } from '../../src/store/client.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';

type Store = ReturnType<typeof createPrismaStore>;

const AT = new Date('2026-12-10T03:00:00Z');
const CLOSES = new Date('2026-12-20T10:00:00Z');
const DOC = '2026-12/' + 'a'.repeat(64) + '.pdf';
const audit = (action: string) => ({ at: AT, actorId: null, action, subjectType: 'consultation', subjectId: '', data: {} });

describe.each(BACKENDS)('the consultation store on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let store: Store;
  let siteId = '';

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
    store = createPrismaStore(db.url, auditKeys('consultation-store-test-secret-0123456789abcdef'));
    siteId = (await store.createSite({ key: 'tinh', kind: 'province', parentId: null, nameVi: 'Tỉnh', nameEn: 'Province', domain: null, codePrefix: 'DN', maxEditors: 5, maxTechAdmins: 2 }, audit('site_created'))).id;
  });
  afterEach(async () => {
    if (skip) return;
    await store.close();
    await db.drop();
  });

  const draft = (slug: string): NewConsultation => ({
    slug, siteId, title: 'Quy chế', agency: 'Sở Tư pháp', contactEmail: 'vanthu@stp.example.vn', documentRef: DOC, documentName: 'quy-che.pdf',
    opensAt: AT, closesAt: CLOSES, createdById: null, createdAt: AT,
    sections: [{ position: 2, title: 'Chương II', text: '' }, { position: 1, title: 'Chương I', text: 'Phạm vi' }],
  });
  const auditRows = async (action: string) => {
    const read = openClient(db.url);
    try {
      return await read.auditEvent.findMany({ where: { action } });
    } finally {
      await read.$disconnect();
    }
  };

  it.skipIf(skip)('creates a draft with its sections in one audited write; a second with the same address is refused', async () => {
    const made = await store.createConsultation(draft('quy-che'), audit('consultation_posted'));
    expect(made?.consultation).toMatchObject({ slug: 'quy-che', state: 'open', closedAt: null, summaryDocxRef: null });
    expect(made?.sections.map((s) => [s.position, s.title])).toEqual([[1, 'Chương I'], [2, 'Chương II']]);
    expect(await store.createConsultation(draft('quy-che'), audit('consultation_posted'))).toBeNull();
    expect((await auditRows('consultation_posted')).map((r) => r.subjectId)).toEqual([made!.consultation.id]);
    expect(await store.consultationSlugs('quy')).toEqual(['quy-che']);
    expect((await store.consultationBySlug('quy-che'))?.sections.length).toBe(2);
    // The draft's file is public from the moment it is posted.
    expect(await store.isPublicMedia(DOC)).toBe(true);
  });

  it.skipIf(skip)('stores a comment once per dedupe key, and a decision only from the state it was read in, audited', async () => {
    const made = (await store.createConsultation(draft('quy-che'), audit('consultation_posted')))!;
    const input = { consultationId: made.consultation.id, sectionId: made.sections[0]!.id, dedupeKey: 'portal:1', authorName: 'Lê Văn Cường', senderEmail: 'cuong@example.vn', senderContact: {}, text: 'Ý kiến', receivedAt: AT };
    const first = await store.addConsultationComment(input);
    const again = await store.addConsultationComment({ ...input, text: 'khác' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ comment: first.comment, created: false });
    const decision = { state: 'published' as const, reason: null, decidedById: null, decidedAt: AT };
    const entry = { ...audit('consultation_comment_published'), subjectType: 'consultation_comment', subjectId: first.comment.id };
    const [a, b] = await Promise.all([store.decideConsultationComment(first.comment.id, 'new', decision, entry), store.decideConsultationComment(first.comment.id, 'new', { ...decision, state: 'hidden', reason: 'spam' }, entry)]);
    expect([a, b].filter((x) => x !== null)).toHaveLength(1);
    expect(await auditRows('consultation_comment_published')).toHaveLength(1);
    const counts = await store.publishedCommentCounts(made.consultation.id);
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(a ? 1 : 0);
    expect((await store.consultationComments(made.consultation.id, { state: 'new' })).length).toBe(0);
  });

  it.skipIf(skip)('closes exactly once, stores the summary once, marks it sent once; the summary files become public', async () => {
    const made = (await store.createConsultation(draft('quy-che'), audit('consultation_posted')))!;
    const id = made.consultation.id;
    expect(await store.dueConsultations(new Date(CLOSES.getTime() - 1))).toEqual([]);
    expect((await store.dueConsultations(CLOSES)).map((c) => c.id)).toEqual([id]);
    const closes = await Promise.all([1, 2, 3].map(() => store.closeConsultation(id, CLOSES, { ...audit('consultation_closed'), subjectId: id })));
    expect(closes.filter(Boolean)).toHaveLength(1);
    expect(await auditRows('consultation_closed')).toHaveLength(1);
    expect((await store.consultationsWithoutSummary()).map((c) => c.id)).toEqual([id]);
    expect(await store.markConsultationSummarySent(id, CLOSES)).toBe(false);

    const refs = { docx: '2026-12/' + 'b'.repeat(64) + '.docx', xlsx: '2026-12/' + 'c'.repeat(64) + '.xlsx' };
    expect(await store.isPublicMedia(refs.docx)).toBe(false);
    expect(await store.setConsultationSummary(id, refs, { ...audit('consultation_summary_stored'), subjectId: id })).toBe(true);
    expect(await store.setConsultationSummary(id, { docx: DOC, xlsx: DOC }, { ...audit('consultation_summary_stored'), subjectId: id })).toBe(false);
    expect(await store.isPublicMedia(refs.xlsx)).toBe(true);
    expect((await store.consultationsWithoutSummary()).map((c) => c.id)).toEqual([id]);
    expect(await store.markConsultationSummarySent(id, CLOSES)).toBe(true);
    expect(await store.markConsultationSummarySent(id, CLOSES)).toBe(false);
    expect(await store.consultationsWithoutSummary()).toEqual([]);
    expect((await store.consultationById(id))?.consultation).toMatchObject({ state: 'closed', closedAt: CLOSES, summaryDocxRef: refs.docx, summarySentAt: CLOSES });
    expect((await store.listConsultations({ state: 'closed', limit: 10 })).map((c) => c.slug)).toEqual(['quy-che']);
    expect(await store.listConsultations({ state: 'open', limit: 10 })).toEqual([]);
  });
});
