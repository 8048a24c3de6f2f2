import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageViewCounter } from '../../../src/app/analytics/pageViewCounter.js';
import { submit, triage } from '../../../src/app/intake.js';
import { connectChannel } from '../../../src/app/channels.js';
import { act, approve } from '../../../src/app/items.js';
import { createSite, grant, OPERATOR } from '../../../src/app/people.js';
import { reportWriter } from '../../../adapters/office/index.js';
import { reportFigures } from '../../../src/app/reports/figures.js';
import JSZip from 'jszip';
import { readDocx, readXlsx } from '../../helpers/officeFiles.js';
import { parsePeriod } from '../../../src/core/reports/period.js';
import { sealingKey } from '../../../src/core/sealing.js';
import { CHANNEL_PROFILES } from '../../../src/mirrorSetup.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET } from '../../helpers/desk.js';
import { seedCategories } from '../../helpers/portal.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What happened, written down as it is made: the report's figures must come to the same counts. */
interface Happened {
  site: string;
  quarter: 'Q3' | 'Q4' | 'later';
  fate: 'published' | 'rejectedAtIntake' | 'rejectedInReview' | 'publishedThenTakenDown';
  category: string | null;
  leadHours: number;
}

/**
 * Issue 20.6: a seeded archive with a known history — items over two quarters across three sites, decisions,
 * take-downs, page views — and the quarter's figures equal the counts made independently here.
 */
describe.each(BACKENDS)('the quarterly report’s figures on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Awaited<ReturnType<typeof seedDesk>>;
  const happened: Happened[] = [];
  let message = 0;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    // 1 July 2026, 09:00 in the province.
    desk = await seedDesk(db.url, '2026-07-01T02:00:00Z');
    await seedCategories(desk);
    for (const [key, prefix, nameVi] of [['so-y-te', 'SYT', 'Sở Y tế'], ['huyen-a', 'HA', 'UBND huyện A']] as const) {
      const made = await createSite(desk.deps, { key, kind: 'department', nameVi, nameEn: nameVi, codePrefix: prefix, parentKey: 'tinh' });
      if (!made.ok) throw new Error(made.reason);
      for (const who of ['editor1', 'editor2', 'secretary', 'deputy'] as const) {
        const role = who === 'editor1' || who === 'editor2' ? 'editor' : who;
        const g = await grant(desk.deps, OPERATOR, { personId: desk.id[who], siteKey: key, role });
        if (!g.ok) throw new Error(g.reason);
      }
    }
    // The province's Page takes every item; the department's own Page only its items.
    for (const [key, accountId, sites] of [['fb-tinh', '1000', undefined], ['fb-so-y-te', '2000', ['so-y-te']]] as const) {
      const channel = await connectChannel(desk.deps, sealingKey(TEST_HUB_SECRET), CHANNEL_PROFILES, { key, platform: 'facebook', accountId, token: 'page-token', ...(sites ? { sites: [...sites] } : {}) });
      if (!channel.ok) throw new Error(channel.reason);
    }
    // Page views on 1 July: five readers of the province's home, two of the department's host.
    const key = createHash('sha256').update('visitors').digest();
    const views = new PageViewCounter(desk.time.clock, key, desk.deps.timeZone);
    for (let n = 0; n < 5; n += 1) views.seen({ siteKey: 'tinh', url: '/vi/', address: `198.51.100.${n}`, userAgent: `Mozilla/5.0 (Linux; Android 14) Reader-${n} Chrome/131.0 Mobile Safari/537.36` });
    for (let n = 0; n < 2; n += 1) views.seen({ siteKey: 'so-y-te', url: '/vi/', address: `198.51.100.${n}`, userAgent: `Mozilla/5.0 (Linux; Android 14) Reader-${n} Chrome/131.0 Mobile Safari/537.36` });
    await views.flush(desk.store);
    const sites = new Map((await desk.store.sites()).map((s) => [s.key, s]));
    const plan: Omit<Happened, 'leadHours' | 'quarter'>[] = [];
    const fates: Happened['fate'][] = ['published', 'published', 'rejectedAtIntake', 'rejectedInReview', 'publishedThenTakenDown', 'published'];
    for (const site of ['tinh', 'so-y-te', 'huyen-a']) for (const [i, fate] of fates.entries()) plan.push({ site, fate, category: i % 2 ? 'kinh-te' : 'thoi-su' });
    // Over two quarters and into the next: every seventh day from 1 July, a step of the plan; the review takes a few hours each time.
    for (const [i, step] of [...plan, ...plan].entries()) {
      desk.time.advance(7 * DAY);
      const receivedAt = desk.deps.clock();
      // The province's quarters end at midnight in Asia/Ho_Chi_Minh, 17:00 UTC the day before.
      const quarter = receivedAt < new Date('2026-09-30T17:00:00Z') ? 'Q3' : receivedAt < new Date('2026-12-31T17:00:00Z') ? 'Q4' : 'later';
      message += 1;
      const { submission } = await submit(desk.deps, {
        siteId: sites.get(step.site)!.id, channel: i % 3 === 0 ? 'zalo' : 'telegram', chatId: '-100200', messageIds: [String(message)], senderPlatformId: '5551', senderName: 'Hoa',
        senderPersonId: desk.id.collaborator, receivedAt, rawText: `Tin số ${message}\nNội dung.`, attachments: [],
      });
      if (step.fate === 'rejectedAtIntake') {
        const r = await triage(desk.deps, desk.id.editor1, submission.id, { type: 'reject', note: 'Trùng tin' });
        if (!r.ok) throw new Error(r.reason);
        happened.push({ ...step, quarter, leadHours: 0 });
        continue;
      }
      const accepted = await triage(desk.deps, desk.id.editor1, submission.id, { type: 'accept' }, { category: step.category });
      if (!accepted.ok || !accepted.value.item) throw new Error('not accepted');
      const code = accepted.value.item.code;
      const lead = 2 + (i % 5);
      desk.time.advance(lead * HOUR);
      if (step.fate === 'rejectedInReview') {
        const r = await act(desk.deps, desk.id.editor2, code, { type: 'reject', note: 'Không phù hợp' });
        if (!r.ok) throw new Error(r.reason);
        happened.push({ ...step, quarter, leadHours: 0 });
        continue;
      }
      for (const who of ['editor2', 'secretary', 'deputy'] as const) {
        const item = (await desk.store.itemByCode(code))!;
        const r = await approve(desk.deps, desk.id[who], code, item.revision.contentHash);
        if (!r.ok) throw new Error(`${who}: ${r.reason}`);
      }
      if (step.fate === 'publishedThenTakenDown') {
        desk.time.advance(HOUR);
        const r = await act(desk.deps, desk.id.deputy, code, { type: 'takeDown', note: 'Sai thông tin' });
        if (!r.ok) throw new Error(r.reason);
      }
      happened.push({ ...step, quarter, leadHours: lead });
    }
  }, 300_000);
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  it.skipIf(skip)('the third quarter, the province with all its sites, and one site: each figure the count of what happened', async () => {
    const q3 = parsePeriod('2026-Q3')!;
    const figures = await reportFigures(desk.deps, q3, null, 30);
    const inQ3 = happened.filter((h) => h.quarter === 'Q3');
    const published = inQ3.filter((h) => h.fate === 'published' || h.fate === 'publishedThenTakenDown');
    expect(figures.items.received).toBe(inQ3.length);
    expect(figures.items.published).toBe(published.length);
    expect(figures.items.rejected).toBe(inQ3.filter((h) => h.fate.startsWith('rejected')).length);
    expect(figures.items.takenDown).toBe(inQ3.filter((h) => h.fate === 'publishedThenTakenDown').length);
    const bySection = new Map<string, number>();
    for (const h of published) bySection.set(h.category ?? '', (bySection.get(h.category ?? '') ?? 0) + 1);
    expect(Object.fromEntries(figures.items.bySection.map((c) => [c.key, c.count]))).toEqual(Object.fromEntries(bySection));
    expect(figures.items.perWeek.reduce((n, w) => n + w.count, 0)).toBe(published.length);
    const leads = published.map((h) => h.leadHours).sort((a, b) => a - b);
    expect(figures.leadTime.counted).toBe(leads.length);
    expect(figures.leadTime.medianHours).toBe(leads[Math.ceil(leads.length / 2) - 1]);
    expect(figures.leadTime.p90Hours).toBe(leads[Math.ceil(leads.length * 0.9) - 1]);
    // The views were counted on 1 July, within the third quarter, and none before.
    expect(figures.visits.views).toBe(7);
    expect(figures.visits.previousViews).toBe(0);
    expect(figures.sites.map((s) => [s.key, s.published])).toEqual(['tinh', 'so-y-te', 'huyen-a'].map((k) => [k, published.filter((h) => h.site === k).length]));

    const health = await reportFigures(desk.deps, q3, (await desk.store.siteByKey('so-y-te'))!, 30);
    const healthQ3 = inQ3.filter((h) => h.site === 'so-y-te');
    expect(health.items.received).toBe(healthQ3.length);
    expect(health.items.published).toBe(healthQ3.filter((h) => h.fate === 'published' || h.fate === 'publishedThenTakenDown').length);
    expect(health.visits.views).toBe(2);
    expect(health.sites.map((s) => s.key)).toEqual(['so-y-te']);
    // Mirrors (no worker runs: every post waits): the province's Page took every publication, the department's Page its
    // own; a post withdrawn by a take-down before it went is not counted. The site's report counts its items on both Pages.
    const mirrored = (list: Happened[]) => list.filter((h) => h.fate === 'published').length;
    const waiting = (f: typeof figures) => Object.fromEntries(f.mirrors.map((m) => [m.channel, m.delivered + m.failed + m.waiting]));
    expect(waiting(figures)).toEqual({ 'fb-tinh': mirrored(inQ3), 'fb-so-y-te': mirrored(healthQ3) });
    expect(waiting(health)).toEqual({ 'fb-tinh': mirrored(healthQ3), 'fb-so-y-te': mirrored(healthQ3) });
    // The district (its first items came late in the third quarter) has no Page of its own: only the province's.
    const district = await reportFigures(desk.deps, parsePeriod('2026-H2')!, (await desk.store.siteByKey('huyen-a'))!, 30);
    const districtMirrored = mirrored(happened.filter((h) => h.site === 'huyen-a' && h.quarter !== 'later'));
    expect(districtMirrored).toBeGreaterThan(0);
    expect(waiting(district)).toEqual({ 'fb-tinh': districtMirrored });

    // Sections and kinds by the names readers know, not their codes.
    expect(figures.items.bySection.find((c) => c.key === 'thoi-su')?.name?.vi).toMatch(/^Thời sự/);
    expect(figures.items.byKind.every((c) => c.name !== undefined && c.name.vi !== c.key)).toBe(true);
    expect(figures.runningUntil).toBeNull();
    // A period still running says up to which day it counts, and lists no day after it.
    const running = await reportFigures(desk.deps, parsePeriod(desk.deps.clock().getUTCFullYear().toString())!, null, 30);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: desk.deps.timeZone }).format(desk.deps.clock());
    expect(running.runningUntil).toBe(today);
    expect(running.visits.perDay.every((d) => d.day <= today)).toBe(true);
    const q4 = await reportFigures(desk.deps, parsePeriod('2026-Q4')!, null, 30);
    expect(q4.items.received).toBe(happened.filter((h) => h.quarter === 'Q4').length);
    expect(happened.filter((h) => h.quarter === 'later').length).toBeGreaterThan(0);
    expect(q4.visits.previousViews).toBe(7);
  });
  it.skipIf(skip)('the quarter’s Word report and spreadsheet annex hold those figures: read back, a picture per chart', async () => {
    const figures = await reportFigures(desk.deps, parsePeriod('2026-Q3')!, null, 30);
    const files = await reportWriter.files(figures, desk.deps.timeZone);
    const published = happened.filter((h) => h.quarter === 'Q3' && (h.fate === 'published' || h.fate === 'publishedThenTakenDown'));
    const sheets = await readXlsx(files.xlsx);
    // The annex's section sheet: a header, then one row per section with the count made here.
    const bySection = new Map<string, number>();
    for (const h of published) bySection.set(h.category ?? '', (bySection.get(h.category ?? '') ?? 0) + 1);
    const sectionRows = sheets['Theo chuyên mục']!.slice(1);
    expect(sectionRows).toHaveLength(bySection.size);
    expect(sectionRows.reduce((n, r) => n + Number(r.at(-1)), 0)).toBe(published.length);
    // The sites' sheet: the three sites, each with what it published.
    const siteRows = sheets['Các trang']!.slice(1);
    expect(siteRows).toHaveLength(3);
    const weekRows = sheets['Theo tuần']!.slice(1);
    expect(weekRows.reduce((n, r) => n + Number(r.at(-1)), 0)).toBe(published.length);
    // The Word report: the national header, a table per section, and one picture per chart (four: three sites).
    const blocks = await readDocx(files.docx);
    const text = blocks.map((b) => ('paragraph' in b ? b.paragraph : b.table.flat().join(' '))).join('\n');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('01/07/2026');
    const sitesTable = blocks.find((b) => 'table' in b && b.table.some((row) => row.includes('Sở Y tế')));
    expect(sitesTable && 'table' in sitesTable ? sitesTable.table.length : 0).toBe(4);
    const zip = await JSZip.loadAsync(files.docx);
    const pictures = Object.keys(zip.files).filter((name) => name.startsWith('word/media/') && name.endsWith('.png'));
    expect(files.charts).toHaveLength(4);
    expect(pictures).toHaveLength(files.charts.length);
    // Each picture says what it shows to a screen reader.
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.match(/<wp:docPr [^>]*descr="[^"]+"/g)).toHaveLength(files.charts.length);
  });

  it.skipIf(skip)('a site made after a period closed is not in that period’s table of sites', async () => {
    const made = await createSite(desk.deps, { key: 'xa-moi', kind: 'commune', nameVi: 'UBND xã Mới', nameEn: 'New Commune', codePrefix: 'XM', parentKey: 'tinh' });
    expect(made.ok).toBe(true);
    const q3 = await reportFigures(desk.deps, parsePeriod('2026-Q3')!, null, 30);
    expect(q3.sites.map((s) => s.key)).not.toContain('xa-moi');
    const now = await reportFigures(desk.deps, parsePeriod(desk.deps.clock().getUTCFullYear().toString())!, null, 30);
    expect(now.sites.map((s) => s.key)).toContain('xa-moi');
  });
});
