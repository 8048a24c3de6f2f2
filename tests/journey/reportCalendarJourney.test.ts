import JSZip from 'jszip';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { EDITORIAL, INTAKE, publishFromChat, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { readXlsx } from '../helpers/officeFiles.js';
import { quarterAround } from '../helpers/periods.js';

/** The health department's own group (TELEGRAM_INTAKE_CHATS id=site): its reports go there. */
const HEALTH_CHAT = -1001777000301;
/** The department's own desk (TELEGRAM_SITE_DESK_CHATS): its cards and its reports go there, never to its intake group. */
const HEALTH_DESK = -1001777000302;
const MADE = 'Báo cáo định kỳ đã lập';

interface Upload {
  filename: string;
  bytes: Buffer;
}

/**
 * Issue 20.8 through the running service: the calendar's reports. The service, begun today, is stopped across this
 * quarter's end and started again on the next quarter's 6th (the reports were due on the 5th, five days after the
 * close): the quarter's reports (in December also the half-year's and the year's) are made once each, for the
 * province (editorial chat) and for the component site (its own desk chat, never its intake group); a crash and
 * restart makes none twice. Started again just before 08:00 on the day the next quarter's report is due, it makes
 * that one at 08:00, not before. `/baocao` makes one on demand for a person whose
 * role covers the scope.
 */
describe('periodic reports on the calendar', () => {
  let db: TestDatabase;
  let j: Journey;
  let editor: TgUser;
  let secretary: TgUser;
  let deputy: TgUser;
  /** The quarter the portal begins in (read once the service runs), whose end the clock is moved past. */
  let Q: ReturnType<typeof quarterAround>;
  const collaborator: TgUser = { id: 5_500_000_011, is_bot: false, first_name: 'Hoa', username: 'hoa_ctv' };

  const reportTexts = (chat: number, period: string) => j.telegram.texts(chat).filter((t) => t.includes(MADE) && t.includes(`kỳ ${period} —`));
  // grammY sends a file as a part of its own, the field naming it `attach://<part>`.
  const uploads = (chat: number): Upload[] =>
    j.telegram.sent('sendDocument', chat).map((c) => {
      const field = c.params.document;
      return (typeof field === 'string' && field.startsWith('attach://') ? c.params[field.slice('attach://'.length)] : field) as Upload;
    });

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { TELEGRAM_INTAKE_CHATS: `${INTAKE},${HEALTH_CHAT}=so-y-te`, TELEGRAM_SITE_DESK_CHATS: `${HEALTH_DESK}=so-y-te`, REPORT_AFTER_DAYS: '5' } });
    await j.cli(['site', 'add', '--key', 'so-y-te', '--kind', 'department', '--name-vi', 'Sở Y tế', '--name-en', 'Department of Health', '--prefix', 'SYT', '--parent', 'tinh']);
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    for (const [email, role] of [['dung@example.vn', 'editor'], ['chau@example.vn', 'secretary'], ['bich@example.vn', 'deputy']] as const) await j.cli(['grant', '--person', email, '--site', 'so-y-te', '--role', role]);
    await j.start();
    Q = quarterAround();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  });

  it('a quarter’s end crossed while stopped: each missed report made once at the start, the next quarter’s at 08:00 on its day', { timeout: 900_000 }, async () => {
    // Today, on the real clock: the department publishes one item. Nothing is owed yet (the portal began this quarter).
    await publishFromChat(j, collaborator, { editor, secretary, deputy }, 'Sở Y tế triển khai tiêm chủng mở rộng\nNội dung chi tiết của tin.', HEALTH_CHAT, HEALTH_DESK);
    await sleep(25_000);
    expect(j.telegram.texts(EDITORIAL).filter((t) => t.includes(MADE))).toEqual([]);

    // Stopped over the quarter's end (in December, the year's); started on the next quarter's 6th at 09:00, a day
    // after the reports were due.
    await j.kill();
    j.moveClock(Q.nextQuarterAt(6, '09:00:00'));
    await j.restart();
    for (const period of Q.closing) {
      await j.telegram.waitFor(() => reportTexts(EDITORIAL, period)[0] && reportTexts(HEALTH_DESK, period)[0], 180_000);
    }
    // The site's own quarter names what it published; its Word report and annex came with it.
    const healthQuarter = reportTexts(HEALTH_DESK, Q.current)[0]!;
    expect(healthQuarter).toContain('Sở Y tế');
    expect(healthQuarter).toContain('xuất bản 1,');
    // Uptime from the runs the service recorded: from its first start today to the quarter's end, down since the kill.
    expect(healthQuarter).toMatch(new RegExp(`Thời gian hoạt động: \\d+,\\d\\d % thời gian từ \\d\\d:\\d\\d \\d\\d/${Q.monthYear} đến 00:00 ${Q.nextStartDay}; gián đoạn 1 lần, tổng \\d+ giờ \\d+ phút\\.`));
    await j.telegram.waitFor(() => uploads(HEALTH_DESK).length >= 2 * Q.closing.length, 60_000);
    const annex = uploads(HEALTH_DESK).find((u) => u.filename === `bao-cao-${Q.current}-so-y-te.xlsx`)!;
    const sheets = await readXlsx(annex.bytes);
    expect(sheets['Các trang']!.slice(1).map((r) => r.slice(0, 3))).toEqual([['1', 'Sở Y tế / Department of Health', '1']]);
    const word = await JSZip.loadAsync(uploads(HEALTH_DESK).find((u) => u.filename === `bao-cao-${Q.current}-so-y-te.docx`)!.bytes);
    expect(await word.file('word/document.xml')!.async('string')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(Object.keys(word.files).filter((f) => f.startsWith('word/media/')).length).toBeGreaterThanOrEqual(3);

    // A crash and a restart at the same instant: nothing made or sent twice.
    await j.kill();
    await j.restart();
    await sleep(90_000);
    for (const period of Q.closing) {
      expect(reportTexts(EDITORIAL, period)).toHaveLength(1);
      expect(reportTexts(HEALTH_DESK, period)).toHaveLength(1);
    }
    expect(uploads(EDITORIAL)).toHaveLength(2 * Q.closing.length);
    expect(uploads(HEALTH_DESK)).toHaveLength(2 * Q.closing.length);
    // The intake group, where collaborators write, got no report.
    expect(j.telegram.sent('sendDocument', HEALTH_CHAT)).toEqual([]);
    expect(j.telegram.texts(HEALTH_CHAT).filter((t) => t.includes(MADE))).toEqual([]);
    // Reports of quarters that closed before the portal began were never owed.
    expect(j.telegram.texts(EDITORIAL).filter((t) => t.includes(Q.previous))).toEqual([]);

    // Started again 50 seconds before 08:00 on the 5th of the quarter after, the day the next quarter's reports are due.
    await j.kill();
    j.moveClock(Q.quarterAfterNextAt(5, '07:59:10'));
    await j.restart();
    // The job's first run (20 s after the start) finds the hour not come.
    await sleep(35_000);
    expect(reportTexts(EDITORIAL, Q.next.label)).toEqual([]);
    await j.telegram.waitFor(() => Q.next.closing.every((period) => reportTexts(EDITORIAL, period)[0] && reportTexts(HEALTH_DESK, period)[0]), 240_000);
    await sleep(65_000);
    // Exactly the reports that closed with that quarter, once each: no half-year or year before its end.
    const madeFor = j.telegram.texts(EDITORIAL).filter((t) => t.includes(MADE)).map((t) => /kỳ (\S+) —/.exec(t)?.[1]);
    expect(madeFor.sort()).toEqual([...Q.closing, ...Q.next.closing].sort());
  });

  it('/baocao makes a report on demand for someone whose role covers it, privately; others are told why not', { timeout: 300_000 }, async () => {
    const before = uploads(deputy.id).length;
    j.say(deputy, deputy.id, { text: `/baocao ${Q.current} so-y-te` });
    const text = await j.waitText(deputy.id, `Báo cáo hoạt động kỳ ${Q.current} — Sở Y tế`, 120_000);
    expect(text).toContain('xuất bản 1,');
    expect(uploads(deputy.id).slice(before).map((u) => u.filename)).toEqual([`bao-cao-${Q.current}-so-y-te.docx`, `bao-cao-${Q.current}-so-y-te.xlsx`]);
    // In a group where outsiders read along, a refusal; an unlinked collaborator, the same as for any command.
    j.say(deputy, HEALTH_CHAT, { text: `/baocao ${Q.current}` });
    await j.waitText(HEALTH_CHAT, 'trò chuyện riêng với bot');
    // The department's desk chat makes the department's report only.
    j.say(deputy, HEALTH_DESK, { text: `/baocao ${Q.current} tinh` });
    await j.waitText(HEALTH_DESK, 'chỉ nhận báo cáo của trang này');
    j.say(collaborator, collaborator.id, { text: `/baocao ${Q.current}` });
    await j.telegram.waitFor(() => j.telegram.texts(collaborator.id).length > 0, 60_000);
    expect(uploads(collaborator.id)).toEqual([]);
    // A period that is none, a site that is not there: said in Vietnamese.
    j.say(deputy, deputy.id, { text: '/baocao 2026-Q9' });
    await j.waitText(deputy.id, 'không phải kỳ báo cáo');
    j.say(deputy, deputy.id, { text: `/baocao ${Q.current} khong-co` });
    await j.waitText(deputy.id, 'Không tìm thấy trang “khong-co”');
    // The editor's role covers no report.
    j.say(editor, editor.id, { text: `/baocao ${Q.current}` });
    await j.waitText(editor.id, 'Chỉ Trưởng ban, Phó Trưởng ban, Thư ký');
  });
});
