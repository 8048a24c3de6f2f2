import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentTextExtractor } from '../../../adapters/documents/textExtractor.js';
import { commentOnDraft, postDraft } from '../../../src/app/consultations/post.js';
import { moderateComment } from '../../../src/app/consultations/moderate.js';
import { addDocument, type DocumentByHand } from '../../../src/app/documents/add.js';
import { moderateInteraction, receiveInteraction } from '../../../src/app/interactions/moderation.js';
import { approve } from '../../../src/app/items.js';
import { OPERATOR } from '../../../src/app/people.js';
import { reportActivity } from '../../../src/app/reports/activity.js';
import { reportFigures } from '../../../src/app/reports/figures.js';
import { addPartner, decideContract, proposeContract } from '../../../src/app/revenue/contracts.js';
import { recordPayment, reversePayment } from '../../../src/app/revenue/payments.js';
import { buildMonthSheet, stepMonthSheet } from '../../../src/app/royalties/sheets.js';
import { setWorkRoyalty } from '../../../src/app/royalties/works.js';
import type { InboundInteraction } from '../../../src/core/interactions/model.js';
import { bilingual } from '../../../src/core/messages.js';
import { parsePeriod } from '../../../src/core/reports/period.js';
import type { WorkingCalendar } from '../../../src/core/tickets/calendar.js';
import { consultationFiles } from '../../../src/store/consultationFiles.js';
import { BACKENDS } from '../../helpers/databases.js';
import { deskPerSuite, type Desk } from '../../helpers/desk.js';
import { pdfBytes } from '../../helpers/mediaBytes.js';
import { publishThrough } from '../../helpers/portal.js';

const DAY = 86_400_000;
const cal: WorkingCalendar = { daysOff: new Set(), workdays: new Set() };
const dir = mkdtempSync(join(tmpdir(), 'report-activity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Local months of the province (UTC+7): [1st 00:00, next 1st 00:00). */
const NOV = { from: new Date('2026-10-31T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z') };
const DEC = { from: new Date('2026-11-30T17:00:00Z'), to: new Date('2026-12-31T17:00:00Z') };

/** Issue 20.6: the report's remaining sections, each figure against what the test made through the use cases, inside and outside the period. */
describe.each(BACKENDS)('the report’s activity figures on $name', (backend) => {
  const desk = deskPerSuite(backend);
  const d = () => desk().deps;
  const person = (who: keyof Desk['id']) => ({ kind: 'person' as const, personId: desk().id[who] });
  let n = 0;
  const comment = (source: 'facebook' | 'youtube', kind: 'comment' | 'reaction' = 'comment'): InboundInteraction => ({
    source, kind, externalId: `x-${(n += 1)}`, verb: 'add', mirrorExternalId: null, authorName: 'Nguyễn Văn Bình', authorRef: '9001', text: 'Khi nào thông xe?', occurredAt: d().clock(),
  });
  const receive = async (source: 'facebook' | 'youtube', answer = false, kind: 'comment' | 'reaction' = 'comment') => {
    const { record } = await receiveInteraction(d(), comment(source, kind));
    if (answer) expect(await moderateInteraction(d(), desk().id.head, record.id, { type: 'answer', text: 'Tháng 12 ạ.' })).toMatchObject({ ok: true });
  };
  const document = async (number: string, issued: string) => {
    const input: DocumentByHand = { number, type: 'Quyết định', agency: 'UBND tỉnh', signer: 'Nguyễn Văn An', field: 'Y tế', issued, effective: null, title: `Quyết định ${number}`, siteKey: 'tinh', loggedById: desk().id.editor1, file: null };
    const added = await addDocument({ deps: d(), media: { dir: join(dir, backend.name), maxBytes: 1024 * 1024 }, extractor: documentTextExtractor() }, input);
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
    for (const who of ['editor2', 'secretary', 'deputy'] as const) expect(await approve(d(), desk().id[who], added.item.code, added.item.revision.contentHash)).toMatchObject({ ok: true });
  };
  const files = () => consultationFiles({ dir: join(dir, `${backend.name}-drafts`), maxBytes: 1024 * 1024 });
  const draft = async (title: string, closesAt: Date) => {
    const posted = await postDraft(d(), files(), null, { siteId: desk().site.id, title, agency: 'Sở Nội vụ', contactEmail: 'vanthu@snv.example.vn', sections: [{ title: 'Chương I' }], closesAt }, { bytes: pdfBytes('Dự thảo'), name: 'du-thao.pdf' });
    if (!posted.ok) throw new Error(posted.reason);
    return posted.value.consultation.slug;
  };
  const say = async (slug: string, key: string) => {
    const r = await commentOnDraft(d(), slug, 1, { name: 'Phạm Thị Hoa', email: null, text: `Ý kiến ${key}` }, key);
    if (!r.ok) throw new Error(r.reason);
    return r.value.id;
  };

  it.skipIf(backend.skip)('November and December, each counted apart; a site’s report leaves out what names no site', async () => {
    // 30/11 (November): 2 comments, 1 answered, a reaction (not correspondence); a draft with a comment; two documents
    // (issued 27/11, one working day: on time; issued 02/11: late); a stuck-delivery alert; a payment of 110,000,000.
    await receive('facebook', true);
    await receive('facebook');
    await receive('facebook', false, 'reaction');
    const early = await draft('Dự thảo A', new Date('2026-12-05T10:00:00Z'));
    await say(early, 'a1');
    await document('1/QĐ-UBND', '27/11/2026');
    await document('2/QĐ-UBND', '02/11/2026');
    await d().store.raiseAlert(bilingual('alert_stuck', { code: 'BP-1', channel: 'fb', minutes: '30', attempts: '3', reason: 'timeout' }), d().clock());
    const partner = await addPartner(d(), OPERATOR, { name: 'Công ty Sông Bé', taxNumber: '3600123456' });
    if (!partner.ok) throw new Error(partner.reason);
    const proposed = await proposeContract(d(), person('secretary'), { site: 'tinh', partner: '3600123456', kind: 'event', title: 'Lễ hội', value: 220_000_000, taxPercent: 10, startDay: '2026-11-01', endDay: '2026-12-31', shares: [{ person: desk().id.editor1, sharePercent: 100 }] });
    if (!proposed.ok) throw new Error(proposed.reason);
    expect(await decideContract(d(), person('deputy'), proposed.value.code, 'approved', null)).toMatchObject({ ok: true });
    expect(await recordPayment(d(), OPERATOR, { code: proposed.value.code, amount: 110_000_000, day: '2026-11-30', receipt: 'PT-01' })).toMatchObject({ ok: true });
    const { code } = await publishThrough(desk(), { title: 'Khánh thành cầu', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] });
    expect(await setWorkRoyalty(d(), person('deputy'), code, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });

    // 02/12 (December): November's sheet paid; 3 comments (2 answered) on two platforms; a second draft, 2 comments
    // on it and 1 on the first, one published; a document issued 01/12; two alerts; 55,000,000 in and one reversed.
    desk().time.advance(2 * DAY);
    expect((await buildMonthSheet(d(), person('secretary'), 'tinh', '2026-11')).ok).toBe(true);
    for (const [who, step] of [['secretary', 'check'], ['deputy', 'approve']] as const) expect(await stepMonthSheet(d(), person(who), 'tinh', '2026-11', step)).toMatchObject({ ok: true });
    expect(await stepMonthSheet(d(), OPERATOR, 'tinh', '2026-11', 'paid')).toMatchObject({ ok: true, value: { state: 'paid' } });
    const sheet = (await d().store.royaltySheet(desk().site.id, '2026-11'))!;
    await receive('facebook', true);
    await receive('youtube', true);
    await receive('youtube');
    const late = await draft('Dự thảo B', new Date('2026-12-20T10:00:00Z'));
    await say(early, 'a2');
    expect((await moderateComment(d(), null, await say(late, 'b1'), { type: 'publish' })).ok).toBe(true);
    await say(late, 'b2');
    await document('3/QĐ-UBND', '01/12/2026');
    await d().store.raiseAlert(bilingual('mail_alert_login', { reason: '535' }), d().clock());
    await d().store.raiseAlert('⚠️ Cảnh báo khởi động', d().clock());
    // The audit trail's anchor is posted to the admins like an alert, hourly: routine, not an incident.
    await d().store.raiseAlert(`${bilingual('audit_checkpoint_alert', { seq: '12', at: '10:00 02/12/2026' })}\nckpt1:12:1:ab:cd`, d().clock());
    const paid = await recordPayment(d(), OPERATOR, { code: proposed.value.code, amount: 55_000_000, day: '2026-12-02', receipt: 'PT-02' });
    if (!paid.ok) throw new Error(paid.reason);
    expect(await reversePayment(d(), OPERATOR, paid.value.payment.id, 'Nhập nhầm')).toMatchObject({ ok: true });

    const nov = await reportActivity(d(), NOV.from, NOV.to, null, async () => cal);
    expect(nov.interactions).toEqual({ received: 2, answered: 1, bySource: [{ source: 'facebook', received: 2, answered: 1 }], repliesPosted: 0 });
    expect(nov.consultations).toEqual({ held: 1, comments: 1, published: 0, hidden: 0, waiting: 1 });
    expect(nov.documents).toEqual({ published: 2, onTime: 1, late: 1, byDeadline: [{ deadline: 'legal', days: 2, onTime: 1, late: 1 }] });
    expect(nov.royalties).toEqual({ sheets: 0, gross: 0, tax: 0, net: 0 });
    expect(nov.revenue).toMatchObject({ payments: 1, reversals: 0, amount: 110_000_000, tax: 10_000_000, afterTax: 100_000_000 });
    expect(nov.revenue.split).toEqual([{ account: 'autonomy', amount: 30_000_000 }, { account: 'people', amount: 40_000_000 }, { account: 'royaltyFund', amount: 10_000_000 }, { account: 'technology', amount: 20_000_000 }]);
    expect(nov.incidents).toEqual({ raised: 1, byKind: [{ key: 'mirror', count: 1 }] });
    expect(nov.uptime).toBeNull();

    const dec = await reportActivity(d(), DEC.from, DEC.to, null, async () => cal);
    expect(dec.interactions).toEqual({ received: 3, answered: 2, bySource: [{ source: 'facebook', received: 1, answered: 1 }, { source: 'youtube', received: 2, answered: 1 }], repliesPosted: 0 });
    expect(dec.consultations).toEqual({ held: 2, comments: 3, published: 1, hidden: 0, waiting: 2 });
    expect(dec.documents).toMatchObject({ published: 1, onTime: 1, late: 0 });
    expect(dec.royalties).toEqual({ sheets: 1, gross: sheet.gross, tax: sheet.tax, net: sheet.net });
    expect(sheet.gross).toBeGreaterThan(0);
    // 55,000,000 in and the same out again: two rows, nothing left, every account back to 0.
    expect(dec.revenue).toMatchObject({ payments: 1, reversals: 1, amount: 0, tax: 0, afterTax: 0 });
    expect(dec.revenue.split.map((s) => s.amount)).toEqual([0, 0, 0, 0]);
    expect(dec.incidents).toEqual({ raised: 2, byKind: [{ key: 'mail', count: 1 }, { key: 'other', count: 1 }] });

    // The province's site alone: interactions found under no mirror name no site, and alerts and platform replies are the service's.
    const site = await reportActivity(d(), DEC.from, DEC.to, [desk().site.id], async () => cal);
    expect(site.interactions).toEqual({ received: 0, answered: 0, bySource: [], repliesPosted: null });
    expect(site).toMatchObject({ incidents: null, consultations: dec.consultations, documents: dec.documents, royalties: dec.royalties, revenue: dec.revenue });

    // The report's figures carry the same, from one call over the same days.
    const figures = await reportFigures(d(), parsePeriod('2026-12-01..2026-12-31')!, null, 30);
    expect(figures.activity).toMatchObject({ interactions: dec.interactions, consultations: dec.consultations, royalties: dec.royalties, revenue: dec.revenue, incidents: dec.incidents });
  });

  it.skipIf(backend.skip)('uptime from the runs the web processes mark: a crash’s gap is an outage, a clock set back never shortens a run', async () => {
    const now = d().clock().getTime();
    const MINUTE = 60_000;
    const t = (ms: number) => new Date(now + ms);
    // Run a: opened two days ago, last marked a day ago (then killed). Run b: 15 minutes later, marked up to a minute ago.
    await d().store.markUptimeRun('run-a', t(-2 * DAY));
    await d().store.markUptimeRun('run-a', t(-DAY));
    await d().store.markUptimeRun('run-a', t(-DAY - 30 * MINUTE));
    await d().store.markUptimeRun('run-b', t(-DAY + 15 * MINUTE));
    await d().store.markUptimeRun('run-b', t(-MINUTE));
    const u = (await reportActivity(d(), t(-2 * DAY), t(0), null, async () => cal)).uptime!;
    expect(u.outages).toEqual([{ from: t(-DAY + MINUTE), to: t(-DAY + 15 * MINUTE) }]);
    expect(u.downMs).toBe(14 * MINUTE);
    expect(u.upMs).toBe(2 * DAY - 14 * MINUTE);
    // Before the first run ever, nothing was recorded: not a 0 %.
    expect((await reportActivity(d(), t(-5 * DAY), t(-3 * DAY), null, async () => cal)).uptime).toBeNull();
  });
});
