import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeWriter } from '../../../adapters/office/index.js';
import { closeDue } from '../../../src/app/consultations/close.js';
import type { ConsultationEnv } from '../../../src/app/consultations/env.js';
import { moderateComment } from '../../../src/app/consultations/moderate.js';
import { commentOnDraft, postDraft } from '../../../src/app/consultations/post.js';
import type { Deps } from '../../../src/app/deps.js';
import { auditKeys } from '../../../src/core/audit.js';
import { openClient } from '../../../src/store/client.js';
import { consultationFiles } from '../../../src/store/consultationFiles.js';
import { createPrismaStore } from '../../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { jpegBytes, pdfBytes } from '../../helpers/mediaBytes.js';
import { docxBytes, readDocx, readXlsx, type DocxBlock } from '../../helpers/officeFiles.js';

type Store = ReturnType<typeof createPrismaStore>;

const OPENED = new Date('2026-12-10T03:00:00Z');
const CLOSES = new Date('2026-12-20T10:00:00Z');

describe.each(BACKENDS)('draft consultations, from posting to the agency’s summary, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let store: Store;
  let dir: string;
  let now = OPENED;
  let deps: Deps;
  let env: ConsultationEnv;
  let told: string[];
  let siteId = '';

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
    store = createPrismaStore(db.url, auditKeys('consultation-app-test-secret-0123456789abcdef'));
    dir = mkdtempSync(join(tmpdir(), 'portal-hub-consult-'));
    now = OPENED;
    deps = { store, clock: () => now, timeZone: 'Asia/Ho_Chi_Minh' };
    told = [];
    env = { deps, files: consultationFiles({ dir: join(dir, 'media'), maxBytes: 1024 * 1024 }), office: officeWriter, publicName: 'initials', portalBaseUrl: 'https://congtt.example.vn', tell: (t) => told.push(t) };
    siteId = (await store.createSite({ key: 'tinh', kind: 'province', parentId: null, nameVi: 'Tỉnh', nameEn: 'Province', domain: null, codePrefix: 'DN', maxEditors: 5, maxTechAdmins: 2 }, { at: now, actorId: null, action: 'site_created', subjectType: 'site', subjectId: '', data: {} })).id;
  });
  afterEach(async () => {
    if (skip) return;
    await store.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (over: Partial<Parameters<typeof postDraft>[3]> = {}) => ({
    siteId, title: 'Dự thảo Quy chế quản lý Cổng TTĐT', agency: 'Sở Thông tin và Truyền thông', contactEmail: 'vanthu@stttt.example.vn',
    sections: [{ title: 'Chương I. Quy định chung' }, { title: 'Chương II. Cung cấp thông tin' }], closesAt: CLOSES, ...over,
  });
  const mails = async () => {
    const read = openClient(db.url);
    try {
      return await read.outgoingMail.findMany();
    } finally {
      await read.$disconnect();
    }
  };

  it.skipIf(skip)('refuses a closing date in the past, a draft without sections and a file that is not PDF or DOCX, storing nothing', async () => {
    const pdf = { bytes: pdfBytes('Dự thảo'), name: 'du-thao.pdf' };
    expect(await postDraft(deps, env.files, null, request({ closesAt: new Date(OPENED.getTime() - 60_000) }), pdf)).toMatchObject({ ok: false, reason: 'consultation_closes_in_past' });
    expect(await postDraft(deps, env.files, null, request({ sections: [] }), pdf)).toMatchObject({ ok: false, reason: 'consultation_sections_required' });
    // A photo named .pdf is a photo: the bytes decide.
    expect(await postDraft(deps, env.files, null, request(), { bytes: await jpegBytes('#c00'), name: 'du-thao.pdf' })).toMatchObject({ ok: false, reason: 'consultation_bad_file', detail: { type: 'jpg' } });
    expect(await postDraft(deps, env.files, null, request(), { bytes: Buffer.from('Điều 1. Phạm vi điều chỉnh'), name: 'du-thao.docx' })).toMatchObject({ ok: false, reason: 'consultation_bad_file' });
    expect(await store.listConsultations({ state: 'open', limit: 10 })).toEqual([]);

    const docx = await postDraft(deps, env.files, null, request(), { bytes: await docxBytes('Điều 1. Phạm vi điều chỉnh'), name: 'du-thao.docx' });
    expect(docx.ok && docx.value.consultation.documentRef).toMatch(/^2026-12\/[a-f0-9]{64}\.docx$/);
    const again = await postDraft(deps, env.files, null, request(), pdf);
    expect(again.ok && again.value.consultation.slug).toBe('du-thao-quy-che-quan-ly-cong-ttdt-2');
  });

  it.skipIf(skip)('closes at the deadline exactly once, sends the agency a DOCX and an XLSX of every comment by section, and tells the chat once', async () => {
    const posted = await postDraft(deps, env.files, null, request(), { bytes: pdfBytes('Dự thảo'), name: 'du-thao.pdf' });
    if (!posted.ok) throw new Error(posted.reason);
    const { slug } = posted.value.consultation;
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      now = new Date(OPENED.getTime() + (i + 1) * 60_000);
      const r = await commentOnDraft(deps, slug, i < 3 ? 1 : 2, { name: 'Phạm Thị Hoa', email: 'hoa@example.vn', text: `Ý kiến số ${i + 1}; gọi tôi 0912 345 678` }, `k${i}`);
      if (!r.ok) throw new Error(r.reason);
      ids.push(r.value.id);
    }
    expect(await commentOnDraft(deps, slug, 3, { name: 'A', email: null, text: 'x' }, 'k-none')).toMatchObject({ ok: false, reason: 'consultation_unknown' });
    expect(await commentOnDraft(deps, slug, 1, { name: 'A', email: 'không-phải-thư', text: 'x' }, 'k-bad')).toMatchObject({ ok: false, reason: 'consultation_form_bad_email' });
    expect((await moderateComment(deps, null, ids[0]!, { type: 'publish' })).ok).toBe(true);
    expect((await moderateComment(deps, null, ids[1]!, { type: 'hide', ground: 'spam', note: '' })).ok).toBe(true);
    expect((await moderateComment(deps, null, ids[3]!, { type: 'hide', ground: 'other', note: 'trùng ý kiến số 3' })).ok).toBe(true);
    expect(await moderateComment(deps, null, ids[1]!, { type: 'publish' })).toMatchObject({ ok: false, reason: 'consultation_comment_hidden' });

    // Not yet: a minute before the deadline nothing closes.
    now = new Date(CLOSES.getTime() - 60_000);
    expect(await closeDue(env)).toEqual({ closed: 0, summarised: 0 });
    now = CLOSES;
    expect(await commentOnDraft(deps, slug, 1, { name: 'Muộn', email: null, text: 'sau hạn' }, 'k-late')).toMatchObject({ ok: false, reason: 'consultation_form_closed' });
    now = new Date(CLOSES.getTime() + 30_000);
    expect(await closeDue(env)).toEqual({ closed: 1, summarised: 1 });
    expect(await closeDue(env)).toEqual({ closed: 0, summarised: 0 });
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('4 ý kiến');

    const c = (await store.consultationBySlug(slug))!.consultation;
    expect(c).toMatchObject({ state: 'closed', closedAt: now });
    const [mail, ...others] = await mails();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ purpose: `consultation:${c.id}:summary`, toAddress: 'vanthu@stttt.example.vn', state: 'pending' });
    expect(mail!.subject).toContain(c.title);
    expect(JSON.parse(mail!.attachments)).toEqual([
      { filename: `tong-hop-y-kien-${slug}.docx`, ref: c.summaryDocxRef },
      { filename: `danh-sach-gop-y-${slug}.xlsx`, ref: c.summaryXlsxRef },
    ]);

    const blocks = await readDocx(readFileSync(join(dir, 'media', c.summaryDocxRef!)));
    const paragraphs = blocks.flatMap((b) => ('paragraph' in b ? [b.paragraph] : []));
    expect(paragraphs).toContain('Tổng số ý kiến: 4');
    expect(paragraphs).toContain('Mục 1. Chương I. Quy định chung — 2 ý kiến');
    expect(paragraphs).toContain('Mục 2. Chương II. Cung cấp thông tin — 2 ý kiến');
    expect(paragraphs.some((p) => p.startsWith('Không tính 1 nội dung bị ẩn vì là tin rác (1)'))).toBe(true);
    const tables = blocks.filter((b): b is Extract<DocxBlock, { table: string[][] }> => 'table' in b).map((b) => b.table.slice(1));
    expect(tables.map((t) => t.map((row) => [row[0], row[2], row[3], row[4]]))).toEqual([
      [['1', 'P.T.H.', 'Ý kiến số 1; gọi tôi […]', 'Đã công bố'], ['2', 'P.T.H.', 'Ý kiến số 3; gọi tôi […]', 'Chờ kiểm duyệt']],
      [['3', 'P.T.H.', 'Ý kiến số 4; gọi tôi […]', 'Không công bố'], ['4', 'P.T.H.', 'Ý kiến số 5; gọi tôi […]', 'Chờ kiểm duyệt']],
    ]);
    const sheets = await readXlsx(readFileSync(join(dir, 'media', c.summaryXlsxRef!)));
    const rows = Object.values(sheets)[0]!;
    expect(rows).toHaveLength(1 + 4);
    expect(rows[1]!.slice(0, 2)).toEqual(['1', '1. Chương I. Quy định chung']);
    expect(JSON.stringify(sheets)).not.toContain('hoa@example.vn');
  });

  it.skipIf(skip)('a summary that failed after the close (the disk full) is finished by the next run, and sent once', async () => {
    const posted = await postDraft(deps, env.files, null, request(), { bytes: pdfBytes('Dự thảo'), name: 'du-thao.pdf' });
    if (!posted.ok) throw new Error(posted.reason);
    now = CLOSES;
    // Media storage unwritable: a file stands where its folder should be.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'not a folder');
    await expect(closeDue({ ...env, files: consultationFiles({ dir: blocked, maxBytes: 1024 * 1024 }) })).rejects.toThrow(/not finished/);
    const c = (await store.consultationBySlug(posted.value.consultation.slug))!.consultation;
    expect(c).toMatchObject({ state: 'closed', summaryDocxRef: null });
    expect(await mails()).toEqual([]);
    expect(told).toEqual([]);

    expect(await closeDue(env)).toEqual({ closed: 0, summarised: 1 });
    expect(await closeDue(env)).toEqual({ closed: 0, summarised: 0 });
    expect((await mails()).map((m) => JSON.parse(m.attachments).length)).toEqual([2]);
    expect(told).toHaveLength(1);
  });
});
