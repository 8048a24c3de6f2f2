import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../fakes/telegramApi.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { EDITORIAL, startJourney, type Journey } from '../helpers/journey.js';
import { quarterAround } from '../helpers/periods.js';

const MADE = 'Báo cáo định kỳ đã lập';

/** The file a sendDocument call carried (grammY sends it as a part of its own, named by `attach://<part>`). */
const fileOf = (c: Call): string => {
  const field = c.params.document;
  const upload = typeof field === 'string' && field.startsWith('attach://') ? c.params[field.slice('attach://'.length)] : field;
  return (upload as { filename: string }).filename;
};

/**
 * A crash while the calendar's reports are being sent (issue 20.8): the real service is killed with SIGKILL while
 * Telegram holds an upload unanswered, part way through the reports of a closed quarter, three parts each (Word file,
 * spreadsheet, summary). Started again after the send's claim has gone stale, it sends what had not gone, from where it stopped:
 * nothing lost, and nothing sent twice but the one upload the crash left without an answer.
 */
describe('a report send cut by a crash', () => {
  let db: TestDatabase;
  let j: Journey;
  /** Begun today, the portal owes the reports of today's quarter once it closes (in June two, in December three). */
  let Q: ReturnType<typeof quarterAround>;
  let PERIODS: string[];

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { REPORT_AFTER_DAYS: '5' } });
    // A district with no desk chat of its own: its reports are stored, and the log says they were not sent.
    await j.cli(['site', 'add', '--key', 'huyen-b', '--kind', 'district', '--name-vi', 'UBND huyện B', '--name-en', 'District B', '--prefix', 'HB', '--parent', 'tinh']);
    await j.start();
    Q = quarterAround();
    PERIODS = Q.closing;
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  });

  it('resumes after a restart: every report’s three parts arrive, none twice but the one in flight', { timeout: 600_000 }, async () => {
    // The portal begins today; stopped over the quarter's end, started on the next quarter's 6th (the reports were due the 5th).
    await j.kill();
    j.moveClock(Q.nextQuarterAt(6, '09:00:00'));
    // Telegram takes the first report's two files (where a second report follows; else the first file), then holds the
    // next upload unanswered: the service dies with it in flight, nothing after it sent.
    const answered = PERIODS.length > 1 ? 2 : 1;
    j.telegram.holding = { method: 'sendDocument', chatId: EDITORIAL, answered };
    await j.restart();
    await j.telegram.waitFor(() => j.telegram.held('sendDocument').length > 0, 240_000);
    await j.kill();
    const inFlight = j.telegram.held('sendDocument').map(fileOf);
    expect(inFlight).toHaveLength(1);
    const before = j.telegram.sent('sendDocument', EDITORIAL).map(fileOf);
    expect(before, JSON.stringify(j.telegram.calls.filter((c) => c.method === 'sendDocument').map((c) => [c.status, c.params.chat_id, fileOf(c)]))).toHaveLength(answered);

    // Started again seven minutes on: the dead process's send has gone stale and is taken over.
    j.telegram.holding = null;
    j.moveClock(Q.nextQuarterAt(6, '09:07:00'));
    await j.restart();
    await j.telegram.waitFor(() => PERIODS.every((p) => j.telegram.texts(EDITORIAL).some((t) => t.includes(MADE) && t.includes(`kỳ ${p} —`))), 300_000);

    const files = [...j.telegram.sent('sendDocument', EDITORIAL).map(fileOf), ...inFlight];
    const expected = PERIODS.flatMap((p) => [`bao-cao-${p}-toan-tinh.docx`, `bao-cao-${p}-toan-tinh.xlsx`]);
    // Every file arrived; only the one the crash left unanswered may have come twice.
    expect([...new Set(files)].sort()).toEqual([...expected].sort());
    for (const name of expected) expect(files.filter((f) => f === name).length, name).toBe(name === inFlight[0] ? 2 : 1);
    // Each summary once, after its files.
    for (const p of PERIODS) expect(j.telegram.texts(EDITORIAL).filter((t) => t.includes(MADE) && t.includes(`kỳ ${p} —`)), p).toHaveLength(1);
    // The district's reports went nowhere, and the service said so once each (never to a chat collaborators read).
    const unsent = (p: string) => j.output().split('\n').filter((l) => l.includes(`Báo cáo kỳ ${p} của huyen-b đã lập và lưu nhưng không gửi đi`));
    await j.telegram.waitFor(() => PERIODS.every((p) => unsent(p).length > 0), 60_000);
    for (const p of PERIODS) expect(unsent(p), p).toHaveLength(1);
    // The files the first process had sent were not sent again.
    for (const name of before) expect(j.telegram.sent('sendDocument', EDITORIAL).map(fileOf).filter((f) => f === name), name).toHaveLength(1);
  });
});
