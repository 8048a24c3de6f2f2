import { describe, expect, it } from 'vitest';
import { reportWriter } from '../../../adapters/office/index.js';
import { makeDueReports, type MadeReport } from '../../../src/app/reports/calendar.js';
import { createSite } from '../../../src/app/people.js';
import { BACKENDS } from '../../helpers/databases.js';
import { deskPerSuite } from '../../helpers/desk.js';

const MINUTE = 60_000;
const options = { afterDays: 5, staleDays: 30 };

/**
 * Issue 20.8: the calendar's reports, made once per period and scope whatever the clock, the restarts or a second
 * process do; a send that failed goes at the next run; a claim left by a process that died is taken over.
 */
describe.each(BACKENDS)('the calendar’s reports on $name', (backend) => {
  // 4 December 2026, 09:00 in the province: the portal begins (its first site is made now).
  const desk = deskPerSuite(backend, '2026-12-04T02:00:00Z');
  const sent: string[] = [];
  const chat = async (r: MadeReport) => {
    sent.push(`${r.period.key}|${r.site?.key ?? 'province'}`);
    return 'sent' as const;
  };
  const at = (instant: string) => {
    const d = desk();
    d.time.advance(new Date(instant).getTime() - d.deps.clock().getTime());
  };

  it.skipIf(backend.skip)('owes nothing for the quarters before the portal began, then each report once from 08:00 on its day', { timeout: 120_000 }, async () => {
    const d = desk();
    const made = await createSite(d.deps, { key: 'so-y-te', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: d.site.key, domain: null });
    expect(made.ok).toBe(true);
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(0);
    // 5 January 2027, 07:59 in the province: the year's end reports are due at 08:00.
    at('2027-01-05T00:59:00Z');
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(0);
    at('2027-01-05T01:00:00Z');
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(6);
    expect(sent.sort()).toEqual(['2026-H2|province', '2026-H2|so-y-te', '2026-Q4|province', '2026-Q4|so-y-te', '2026|province', '2026|so-y-te']);
    d.time.advance(MINUTE);
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(0);
    expect(sent).toHaveLength(6);
    const files = await d.store.reportFiles('2026-Q4', '');
    expect(files?.docx.subarray(0, 2).toString()).toBe('PK');
  });

  it.skipIf(backend.skip)('a send that failed goes at the next run, once; two processes at once make each report once', { timeout: 120_000 }, async () => {
    const d = desk();
    // 5 April 2027, 08:30: the first quarter's reports are due. Telegram fails the first send.
    at('2027-04-05T01:30:00Z');
    let failures = 1;
    const flaky = async (r: MadeReport) => {
      if (failures-- > 0) throw new Error('telegram down');
      return chat(r);
    };
    await expect(makeDueReports(d.deps, reportWriter, options, flaky)).rejects.toThrow('telegram down');
    const before = sent.length;
    // A second process's run and this one's at once: the claim lets one make each report.
    const [a, b] = await Promise.all([makeDueReports(d.deps, reportWriter, options, chat), makeDueReports(d.deps, reportWriter, options, chat)]);
    expect(a + b).toBe(1);
    expect(sent.slice(before).sort()).toEqual(['2027-Q1|province', '2027-Q1|so-y-te']);
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(0);
    expect(sent.slice(before)).toHaveLength(2);
  });

  it.skipIf(backend.skip)('a report claimed by a process that died is made by another once the claim is stale, not before', { timeout: 120_000 }, async () => {
    const d = desk();
    // 5 July 2027, 08:00: the second quarter's and the half-year's reports. A process claimed the province's quarter and died.
    at('2027-07-05T01:00:00Z');
    expect(await d.store.claimReportRun('2027-Q2', '', d.deps.clock(), new Date(0))).toBe(true);
    const before = sent.length;
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(3);
    expect(sent.slice(before).sort()).toEqual(['2027-H1|province', '2027-H1|so-y-te', '2027-Q2|so-y-te']);
    d.time.advance(16 * MINUTE);
    expect(await makeDueReports(d.deps, reportWriter, options, chat)).toBe(1);
    expect(sent.slice(before).filter((s) => s === '2027-Q2|province')).toHaveLength(1);
  });

  it.skipIf(backend.skip)('a send cut off after its first part resumes from the second; one left by a dead process is taken over once stale', { timeout: 120_000 }, async () => {
    const d = desk();
    // 5 October 2027, 08:00: the third quarter's reports, each sent in three parts (Word, Excel, summary).
    at('2027-10-05T01:00:00Z');
    const parts: string[] = [];
    const inParts = (cut: boolean) => async (r: MadeReport, progress: { from: number; sent: (parts: number) => Promise<void> }) => {
      for (let part = progress.from + 1; part <= 3; part += 1) {
        parts.push(`${r.site?.key ?? 'province'}#${part}`);
        await progress.sent(part);
        if (cut && part === 1) throw new Error('connection reset');
      }
      return 'sent' as const;
    };
    await expect(makeDueReports(d.deps, reportWriter, options, inParts(true))).rejects.toThrow('connection reset');
    expect(parts).toEqual(['province#1']);
    await makeDueReports(d.deps, reportWriter, options, inParts(false));
    // The province's report went on from its second part; the site's went whole; nothing twice.
    expect(parts).toEqual(['province#1', 'province#2', 'province#3', 'so-y-te#1', 'so-y-te#2', 'so-y-te#3']);

    // The next quarter's: a process takes the province's send, gets its first part out and dies (no release).
    at('2028-01-05T01:00:00Z');
    await expect(makeDueReports(d.deps, reportWriter, options, inParts(true))).rejects.toThrow('connection reset');
    expect(await d.store.claimReportSend('2027-Q4', '', d.deps.clock(), new Date(0))).toEqual({ sentParts: 1 });
    const before = parts.length;
    await makeDueReports(d.deps, reportWriter, options, inParts(false));
    expect(parts.slice(before).filter((p) => p.startsWith('province'))).toHaveLength(6);
    // 2027-Q4's province send is held by the dead process: not taken until stale (5 minutes), then resumed from part 2.
    const q4 = async () => (await d.store.reportRuns(['2027-Q4'])).find((r) => r.siteId === '')?.sentAt ?? null;
    expect(await q4()).toBeNull();
    d.time.advance(6 * MINUTE);
    const resumed: string[] = [];
    await makeDueReports(d.deps, reportWriter, options, async (r, progress) => {
      resumed.push(`${r.period.key}|${r.site?.key ?? 'province'} from ${progress.from}`);
      return 'sent';
    });
    expect(resumed).toEqual(['2027-Q4|province from 1']);
    expect(await q4()).not.toBeNull();
  });
});
